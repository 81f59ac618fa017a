import { CloseNoticeUseCase } from '@app/accreditation';
import { JobName, JobPayloads, QueueName } from '@app/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { HandledJobs } from './handled-jobs';

/** Public-notice deadlines: hands off to CloseNoticeUseCase; a job that arrives early is put back until its time. */
@Processor(QueueName.Deadlines) // worker options (concurrency, JOB_LOCK_MS): worker-options.provider.ts
@HandledJobs(QueueName.Deadlines, [JobName.CloseNotice])
export class DeadlinesProcessor extends WorkerHost {
  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(private readonly closeNotice: CloseNoticeUseCase) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.CloseNotice]>, token?: string): Promise<string> {
    const { applicationId, noticeRound } = job.data;
    const outcome = await this.closeNotice.execute(applicationId, noticeRound);
    this.logger.log({ jobId: job.id, applicationId, outcome }, 'close-notice');
    if (outcome.kind === 'not-yet') {
      await job.moveToDelayed(outcome.endsAt.getTime(), token);
      throw new DelayedError();
    }
    return outcome.kind;
  }
}
