import { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobRequest } from './queue-names';

/**
 * Writes jobs into the transactional outbox inside the caller's transaction. The worker's relay publishes them;
 * a job id already in the outbox is left alone, so writing the same job twice is harmless.
 */
export async function writeOutbox(manager: EntityManager, jobs: readonly JobRequest[]): Promise<void> {
  if (jobs.length === 0) return;
  await manager.query(outboxInsertSql(1), outboxParams(jobs));
}

/**
 * The outbox insert of jobs given as arrays from parameter `$first` on (outboxParams's order), for a statement that
 * writes them together with other rows (a transition's row, history and jobs in one round trip).
 */
export function outboxInsertSql(first: number, condition = ''): string {
  const p = (i: number) => `$${first + i}`;
  return `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
     SELECT * FROM unnest(${p(0)}::varchar[], ${p(1)}::varchar[], ${p(2)}::varchar[], ${p(3)}::jsonb[], ${p(4)}::timestamptz[])
     ${condition}
     ON CONFLICT (job_id) DO NOTHING`;
}

/** The jobs' outbox columns, one array each: queue, job name, job id, payload, when it may run. */
export function outboxParams(jobs: readonly JobRequest[]): unknown[] {
  const now = new Date();
  return [
    jobs.map((j) => JOB_QUEUE[j.name]),
    jobs.map((j) => j.name),
    jobs.map((j) => j.jobId),
    jobs.map((j) => JSON.stringify(j.payload)),
    jobs.map((j) => j.runAt ?? now),
  ];
}
