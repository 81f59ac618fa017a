import { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobRequest } from './queue-names';

/**
 * Writes jobs into the transactional outbox inside the caller's transaction. The worker's relay publishes them;
 * a job id already in the outbox is left alone, so writing the same job twice is harmless.
 */
export async function writeOutbox(manager: EntityManager, jobs: readonly JobRequest[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = new Date();
  await manager.query(
    `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::jsonb[], $5::timestamptz[])
     ON CONFLICT (job_id) DO NOTHING`,
    [
      jobs.map((j) => JOB_QUEUE[j.name]),
      jobs.map((j) => j.name),
      jobs.map((j) => j.jobId),
      jobs.map((j) => JSON.stringify(j.payload)),
      jobs.map((j) => j.runAt ?? now),
    ],
  );
}
