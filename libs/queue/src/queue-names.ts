/** Every queue and job of the system, with its payload type. Jobs are only ever added through JobProducer. */
export enum QueueName {
  Deadlines = 'deadlines',
  Disbursements = 'disbursements',
  Notifications = 'notifications',
}

export enum JobName {
  CloseNotice = 'close-notice',
  /**
   * close at once every notice the demo clock has moved past (after an admin moved it), and lapse the revisions and
   * expire the titles it has moved past
   */
  SweepNotices = 'sweep-notices',
  PayDisbursement = 'pay-disbursement',
  /** an evaluator's invitation to a panel whose answer is due */
  ExpireInvitation = 'expire-invitation',
  /** turn one history row (an application's or a disbursement's event) into notifications */
  NotifyEvent = 'notify-event',
  /** send the e-mail of one notification over SMTP */
  SendEmail = 'send-email',
  /** a returned application not resubmitted by its deadline lapses */
  LapseRevision = 'lapse-revision',
  /** a pilot region's semi-annual progress report reaches its due day's end: flagged overdue if still missing */
  PilotReportDue = 'pilot-report-due',
}

/**
 * The aggregates whose history rows are events people hear of (an invitation's: version 1 is the invitation, 2 its
 * answer or expiry).
 */
export type NotifiedChain = 'application' | 'disbursement' | 'invitation';

export interface JobPayloads {
  [JobName.CloseNotice]: { applicationId: string; noticeRound: number };
  [JobName.SweepNotices]: { clockChangeId: string };
  [JobName.PayDisbursement]: { disbursementId: string };
  [JobName.ExpireInvitation]: { invitationId: string };
  [JobName.NotifyEvent]: { chain: NotifiedChain; aggregateId: string; version: number };
  [JobName.SendEmail]: { notificationId: string };
  [JobName.LapseRevision]: { applicationId: string; revision: number };
  [JobName.PilotReportDue]: { reportId: string };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.CloseNotice]: QueueName.Deadlines,
  [JobName.SweepNotices]: QueueName.Deadlines,
  [JobName.PayDisbursement]: QueueName.Disbursements,
  [JobName.ExpireInvitation]: QueueName.Deadlines,
  [JobName.NotifyEvent]: QueueName.Notifications,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.LapseRevision]: QueueName.Deadlines,
  [JobName.PilotReportDue]: QueueName.Deadlines,
};

export interface JobRequest<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  /** deterministic: the same logical job always gets the same id, so adding it twice is harmless */
  jobId: string;
  /** not before this instant */
  runAt?: Date;
}

export function closeNoticeJob(
  applicationId: string,
  noticeRound: number,
  runAt: Date,
): JobRequest<JobName.CloseNotice> {
  return {
    name: JobName.CloseNotice,
    payload: { applicationId, noticeRound },
    jobId: `close-notice.${applicationId}.${noticeRound}`,
    runAt,
  };
}

/** The revision deadline of one return (the application's `revisions` count after it): at-least-once, idempotent. */
export function lapseRevisionJob(
  applicationId: string,
  revision: number,
  runAt: Date,
): JobRequest<JobName.LapseRevision> {
  return {
    name: JobName.LapseRevision,
    payload: { applicationId, revision },
    jobId: `lapse-revision.${applicationId}.${revision}`,
    runAt,
  };
}

/** One sweep per change of the demo clock. */
export function sweepNoticesJob(clockChangeId: string): JobRequest<JobName.SweepNotices> {
  return { name: JobName.SweepNotices, payload: { clockChangeId }, jobId: `sweep-notices.${clockChangeId}` };
}

export function payDisbursementJob(disbursementId: string, attempt = 0): JobRequest<JobName.PayDisbursement> {
  return {
    name: JobName.PayDisbursement,
    payload: { disbursementId },
    jobId: `pay.${disbursementId}.${attempt}`,
  };
}

/** The deadline of an evaluator's invitation: expires it if still unanswered at `runAt` (harmless when answered). */
export function expireInvitationJob(invitationId: string, runAt: Date): JobRequest<JobName.ExpireInvitation> {
  return {
    name: JobName.ExpireInvitation,
    payload: { invitationId },
    jobId: `expire-invitation.${invitationId}`,
    runAt,
  };
}
/**
 * One per history row (aggregate, version): written in the transition's transaction, so the event is heard of if
 * and only if it happened; the worker turns it into notifications (libs/notifications).
 */
export function notifyEventJob(
  chain: NotifiedChain,
  aggregateId: string,
  version: number,
): JobRequest<JobName.NotifyEvent> {
  return {
    name: JobName.NotifyEvent,
    payload: { chain, aggregateId, version },
    jobId: `notify.${chain}.${aggregateId}.${version}`,
  };
}

/** One per notification that has an e-mail to send: a redelivered event adds the same id again, a no-op. */
export function sendEmailJob(notificationId: string): JobRequest<JobName.SendEmail> {
  return { name: JobName.SendEmail, payload: { notificationId }, jobId: `email.${notificationId}` };
}

/** The due instant of a pilot region's progress report: flags it overdue if still missing (harmless when submitted). */
export function pilotReportDueJob(reportId: string, runAt: Date): JobRequest<JobName.PilotReportDue> {
  return { name: JobName.PilotReportDue, payload: { reportId }, jobId: `pilot-report-due.${reportId}`, runAt };
}
