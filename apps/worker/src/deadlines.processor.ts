import { CloseNoticeUseCase, ExpertInvitationsUseCase, ValidityUseCase } from '@app/accreditation';
import { PilotReportRemindersUseCase } from '@app/notifications';
import { Clock } from '@app/platform';
import { JobName, JobPayloads, QueueName } from '@app/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { HandledJobs } from './handled-jobs';

type DeadlineJob =
  | Job<JobPayloads[JobName.CloseNotice]>
  | Job<JobPayloads[JobName.SweepNotices], unknown, JobName>
  | Job<JobPayloads[JobName.ExpireInvitation], unknown, JobName>
  | Job<JobPayloads[JobName.LapseRevision], unknown, JobName>
  | Job<JobPayloads[JobName.PilotReportDue], unknown, JobName>;

/**
 * Public-notice deadlines: hands off to CloseNoticeUseCase; a job that arrives early is put back until its time
 * (measured on the process's Clock, so the demo clock's offset counts). A sweep (after the demo clock moved) closes
 * every notice now due, lapses every overdue revision and expires every title past its validity. A returned
 * application's deadline (LAPSE_REVISION) goes to ValidityUseCase the same way. A pilot region's progress report at the end of its due day is flagged overdue if still missing
 * (PilotReportRemindersUseCase). An evaluator's invitation whose
 * answer is due expires (ExpertInvitationsUseCase), put back the same way when early.
 */
@Processor(QueueName.Deadlines) // worker options (concurrency, JOB_LOCK_MS): worker-options.provider.ts
@HandledJobs(QueueName.Deadlines, [
  JobName.CloseNotice,
  JobName.SweepNotices,
  JobName.ExpireInvitation,
  JobName.LapseRevision,
  JobName.PilotReportDue,
])
export class DeadlinesProcessor extends WorkerHost {
  private readonly logger = new Logger(DeadlinesProcessor.name);

  constructor(
    private readonly closeNotice: CloseNoticeUseCase,
    private readonly invitations: ExpertInvitationsUseCase,
    private readonly validity: ValidityUseCase,
    private readonly pilotReports: PilotReportRemindersUseCase,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: DeadlineJob, token?: string): Promise<string> {
    if (job.name === JobName.SweepNotices) {
      const closed = await this.closeNotice.sweep(0);
      const expiredInvitations = await this.invitations.sweep(0); // invitations due by the moved clock too
      const { lapsed, expired } = await this.validity.sweep(0);
      const { flagged } = await this.pilotReports.sweep(); // pilot progress reports the moved clock made overdue
      this.logger.log({ jobId: job.id, closed, expiredInvitations, lapsed, expired, flagged }, 'sweep-notices');
      return `closed ${closed}, invitations expired ${expiredInvitations}, lapsed ${lapsed}, expired ${expired}, pilot reports overdue ${flagged}`;
    }
    if (job.name === JobName.PilotReportDue) {
      const { reportId } = job.data as JobPayloads[JobName.PilotReportDue];
      const outcome = await this.pilotReports.due(reportId);
      this.logger.log({ jobId: job.id, reportId, outcome }, 'pilot-report-due');
      if (outcome.kind === 'not-yet') return this.putBack(job, outcome.dueAt, token);
      return outcome.kind;
    }
    if (job.name === JobName.ExpireInvitation) {
      const { invitationId } = job.data as JobPayloads[JobName.ExpireInvitation];
      const outcome = await this.invitations.expire(invitationId);
      this.logger.log({ jobId: job.id, invitationId, outcome }, 'expire-invitation');
      if (outcome.kind === 'not-yet') return this.putBack(job, outcome.respondBy, token);
      return outcome.kind;
    }
    if (job.name === JobName.LapseRevision) {
      const { applicationId, revision } = job.data as JobPayloads[JobName.LapseRevision];
      const outcome = await this.validity.lapse(applicationId, revision);
      this.logger.log({ jobId: job.id, applicationId, outcome }, 'lapse-revision');
      if (outcome.kind === 'not-yet') return this.putBack(job, outcome.dueAt, token);
      return outcome.kind;
    }
    const { applicationId, noticeRound } = job.data as JobPayloads[JobName.CloseNotice];
    const outcome = await this.closeNotice.execute(applicationId, noticeRound);
    this.logger.log({ jobId: job.id, applicationId, outcome }, 'close-notice');
    if (outcome.kind === 'not-yet') return this.putBack(job, outcome.endsAt, token);
    return outcome.kind;
  }

  /** An early job waits until `dueAt` on the process's Clock. */
  private async putBack(job: DeadlineJob, dueAt: Date, token?: string): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(0, dueAt.getTime() - this.clock.now().getTime()), token);
    throw new DelayedError();
  }
}
