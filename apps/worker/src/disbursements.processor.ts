import { JobName, JobPayloads, QueueName } from '@app/queue';
import { PayDisbursementUseCase } from '@app/subsidy';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { HandledJobs } from './handled-jobs';

/** Pays approved disbursements; retries come from the queue (exponential backoff), idempotency from the gateway. */
@Processor(QueueName.Disbursements) // worker options (concurrency, JOB_LOCK_MS): worker-options.provider.ts
@HandledJobs(QueueName.Disbursements, [JobName.PayDisbursement])
export class DisbursementsProcessor extends WorkerHost {
  private readonly logger = new Logger(DisbursementsProcessor.name);

  constructor(private readonly pay: PayDisbursementUseCase) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.PayDisbursement]>): Promise<string> {
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.pay.execute(job.data.disbursementId, finalAttempt);
    this.logger.log(
      { jobId: job.id, disbursementId: job.data.disbursementId, attempt: job.attemptsMade + 1, outcome },
      'pay-disbursement',
    );
    return outcome;
  }
}
