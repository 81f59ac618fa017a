/** Every queue and job of the system, with its payload type. Jobs are only ever added through JobProducer. */
export enum QueueName {
  Deadlines = 'deadlines',
  Disbursements = 'disbursements',
}

export enum JobName {
  CloseNotice = 'close-notice',
  /** close at once every notice the demo clock has moved past (after an admin moved it) */
  SweepNotices = 'sweep-notices',
  PayDisbursement = 'pay-disbursement',
  /** an evaluator's invitation to a panel whose answer is due */
  ExpireInvitation = 'expire-invitation',
}

export interface JobPayloads {
  [JobName.CloseNotice]: { applicationId: string; noticeRound: number };
  [JobName.SweepNotices]: { clockChangeId: string };
  [JobName.PayDisbursement]: { disbursementId: string };
  [JobName.ExpireInvitation]: { invitationId: string };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.CloseNotice]: QueueName.Deadlines,
  [JobName.SweepNotices]: QueueName.Deadlines,
  [JobName.PayDisbursement]: QueueName.Disbursements,
  [JobName.ExpireInvitation]: QueueName.Deadlines,
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
