import { EnvironmentVariables } from '@app/config';
import { QueueName } from '@app/queue';
import { Processor } from '@nestjs/bullmq';
import { FactoryProvider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkerOptions } from 'bullmq';
import { DeadlinesProcessor } from './deadlines.processor';
import { DisbursementsProcessor } from './disbursements.processor';
import { NotificationsProcessor } from './notifications.processor';

export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');

export type WorkerOptionsByQueue = Record<
  QueueName,
  Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval'>
>;

/** BullMQ worker options per queue: jobs in flight per process, and the job lock from JOB_LOCK_MS. */
export function workerOptions(env: Pick<EnvironmentVariables, 'JOB_LOCK_MS'>): WorkerOptionsByQueue {
  // a crashed worker's job is taken over once its lock expires, found by the stalled-job check run as often
  const lock = { lockDuration: env.JOB_LOCK_MS, stalledInterval: env.JOB_LOCK_MS };
  return {
    [QueueName.Deadlines]: { concurrency: 4, ...lock },
    [QueueName.Disbursements]: { concurrency: 8, ...lock },
    [QueueName.Notifications]: { concurrency: 8, ...lock },
  };
}

/**
 * Gives the processors their worker options from ConfigService. `@Processor(queue, options)` evaluates its options
 * when the class is declared, before the environment is validated; so each processor class names only its queue,
 * and this factory applies the same public decorator with the configured options. Nest builds every provider before
 * it calls any onModuleInit hook, and BullModule creates the workers in its onModuleInit: they start with these.
 */
export const workerOptionsProvider: FactoryProvider<WorkerOptionsByQueue> = {
  provide: WORKER_OPTIONS,
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>) => {
    const options = workerOptions({ JOB_LOCK_MS: config.get('JOB_LOCK_MS', { infer: true }) });
    Processor(QueueName.Deadlines, options[QueueName.Deadlines])(DeadlinesProcessor);
    Processor(QueueName.Disbursements, options[QueueName.Disbursements])(DisbursementsProcessor);
    Processor(QueueName.Notifications, options[QueueName.Notifications])(NotificationsProcessor);
    return options;
  },
};
