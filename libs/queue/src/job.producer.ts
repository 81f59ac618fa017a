import { EnvironmentVariables } from '@app/config';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, JobRequest, QueueName } from './queue-names';

/** Default job options: retries with exponential backoff; finished jobs are trimmed, failed ones kept for a week. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** The one place jobs enter BullMQ. Deterministic job ids make a repeated add a no-op. */
@Injectable()
export class JobProducer {
  constructor(
    @InjectQueue(QueueName.Deadlines) private readonly deadlines: Queue,
    @InjectQueue(QueueName.Disbursements) private readonly disbursements: Queue,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /**
   * Payments retry as configured (PAYMENT_ATTEMPTS, PAYMENT_BACKOFF_MS), e-mails as EMAIL_ATTEMPTS and
   * EMAIL_BACKOFF_MS say; other jobs use the defaults.
   */
  optionsFor(job: JobRequest, now: number): JobsOptions {
    const delay = job.runAt ? Math.max(0, job.runAt.getTime() - now) : 0;
    const base: JobsOptions = { ...DEFAULT_JOB_OPTIONS, jobId: job.jobId, delay };
    if (job.name === JobName.PayDisbursement) {
      base.attempts = this.config.get('PAYMENT_ATTEMPTS', { infer: true });
      base.backoff = { type: 'exponential', delay: this.config.get('PAYMENT_BACKOFF_MS', { infer: true }) };
    }
    if (job.name === JobName.SendEmail) {
      base.attempts = this.config.get('EMAIL_ATTEMPTS', { infer: true });
      base.backoff = { type: 'exponential', delay: this.config.get('EMAIL_BACKOFF_MS', { infer: true }) };
    }
    return base;
  }

  queue(name: QueueName): Queue {
    return {
      [QueueName.Deadlines]: this.deadlines,
      [QueueName.Disbursements]: this.disbursements,
      [QueueName.Notifications]: this.notifications,
    }[name];
  }

  async add(job: JobRequest, now = Date.now()): Promise<void> {
    await this.queue(JOB_QUEUE[job.name]).add(job.name, job.payload, this.optionsFor(job, now));
  }

  /**
   * Adds a job again for a sweeper. BullMQ ignores an add whose id belongs to a job it still holds, even a failed or
   * completed one; so a job still waiting, delayed or running is left alone (answer false: nothing re-armed), and a
   * finished one is removed first so the add is accepted (answer true). The id stays deterministic, so there is
   * never more than one live job per id.
   */
  async rearm(job: JobRequest, now = Date.now()): Promise<boolean> {
    const queue = this.queue(JOB_QUEUE[job.name]);
    const state = await queue.getJobState(job.jobId);
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    if (state !== 'unknown') await queue.remove(job.jobId);
    await queue.add(job.name, job.payload, this.optionsFor(job, now));
    return true;
  }

  /**
   * The ids of the jobs named `name` a worker is running right now (BullMQ's active list) whose payload matches:
   * e.g. whether a payment of one disbursement is at the bank at this moment.
   */
  async activeJobIds<N extends JobName>(name: N, matches: (payload: JobPayloads[N]) => boolean): Promise<string[]> {
    const active = await this.queue(JOB_QUEUE[name]).getActive();
    return active.filter((job) => job.name === name && matches(job.data as JobPayloads[N])).map((job) => job.id ?? '');
  }

  async addBulk(jobs: readonly JobRequest[], now = Date.now()): Promise<void> {
    const byQueue = new Map<QueueName, JobRequest[]>();
    for (const job of jobs) byQueue.set(JOB_QUEUE[job.name], [...(byQueue.get(JOB_QUEUE[job.name]) ?? []), job]);
    for (const [queue, list] of byQueue) {
      await this.queue(queue).addBulk(
        list.map((job) => ({ name: job.name, data: job.payload, opts: this.optionsFor(job, now) })),
      );
    }
  }
}
