/** Every queue and job of the system, with its payload type. Jobs are only ever added through JobProducer. */
export enum QueueName {
  Deadlines = 'deadlines',
  Disbursements = 'disbursements',
}

export enum JobName {
  CloseNotice = 'close-notice',
  PayDisbursement = 'pay-disbursement',
}

export interface JobPayloads {
  [JobName.CloseNotice]: { applicationId: string; noticeRound: number };
  [JobName.PayDisbursement]: { disbursementId: string };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.CloseNotice]: QueueName.Deadlines,
  [JobName.PayDisbursement]: QueueName.Disbursements,
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

export function payDisbursementJob(disbursementId: string, attempt = 0): JobRequest<JobName.PayDisbursement> {
  return {
    name: JobName.PayDisbursement,
    payload: { disbursementId },
    jobId: `pay.${disbursementId}.${attempt}`,
  };
}
