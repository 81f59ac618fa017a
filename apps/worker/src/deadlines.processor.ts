import { CloseNoticeUseCase } from '@app/accreditation';
import { Clock } from '@app/platform';
import { JobName, JobPayloads, QueueName } from '@app/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { HandledJobs } from './handled-jobs';

type DeadlineJob = Job<JobPayloads[JobName.CloseNotice]> | Job<JobPayloads[JobName.SweepNotices], unknown, JobName>;

/**
 * Public-notice deadlines: hands off to CloseNoticeUseCase; a job that arrives early is put back until its time
 * (measured on the process's Clock, so the demo clock's offset counts). A sweep (after the demo clock moved) closes
 * every notice now due.
 */
@Processor(QueueName.Deadlines) // worker options (concurrency, JOB_LOCK_MS): worker-options.provider.ts
@HandledJobs(QueueName.Deadlines, [JobName.CloseNotice, JobName.SweepNotices])
export class DeadlinesProcessor extends WorkerHost {
  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(
    private readonly closeNotice: CloseNoticeUseCase,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: DeadlineJob, token?: string): Promise<string> {
    if (job.name === JobName.SweepNotices) {
      const closed = await this.closeNotice.sweep(0);
      this.logger.log({ jobId: job.id, closed }, 'sweep-notices');
      return `closed ${closed}`;
    }
    const { applicationId, noticeRound } = job.data as JobPayloads[JobName.CloseNotice];
    const outcome = await this.closeNotice.execute(applicationId, noticeRound);
    this.logger.log({ jobId: job.id, applicationId, outcome }, 'close-notice');
    if (outcome.kind === 'not-yet') {
      await job.moveToDelayed(Date.now() + Math.max(0, outcome.endsAt.getTime() - this.clock.now().getTime()), token);
      throw new DelayedError();
    }
    return outcome.kind;
  }
}
