/** Every queue and job of the system, with its payload type. Jobs are only ever added through JobProducer. */
export enum QueueName {
  Deadlines = 'deadlines',
  Disbursements = 'disbursements',
}

export enum JobName {
  CloseNotice = 'close-notice',
  /**
   * close at once every notice the demo clock has moved past (after an admin moved it), and lapse the revisions and
   * expire the titles it has moved past
   */
  SweepNotices = 'sweep-notices',
  PayDisbursement = 'pay-disbursement',
  /** a returned application not resubmitted by its deadline lapses */
  LapseRevision = 'lapse-revision',
}

export interface JobPayloads {
  [JobName.CloseNotice]: { applicationId: string; noticeRound: number };
  [JobName.SweepNotices]: { clockChangeId: string };
  [JobName.PayDisbursement]: { disbursementId: string };
  [JobName.LapseRevision]: { applicationId: string; revision: number };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.CloseNotice]: QueueName.Deadlines,
  [JobName.SweepNotices]: QueueName.Deadlines,
  [JobName.PayDisbursement]: QueueName.Disbursements,
  [JobName.LapseRevision]: QueueName.Deadlines,
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
