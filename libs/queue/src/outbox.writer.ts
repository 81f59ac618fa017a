import { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobRequest } from './queue-names';

/**
 * Writes jobs into the transactional outbox inside the caller's transaction. The worker's relay publishes them;
 * a job id already in the outbox is left alone, so writing the same job twice is harmless.
 */
export async function writeOutbox(manager: EntityManager, jobs: readonly JobRequest[]): Promise<void> {
  for (const job of jobs) {
    await manager.query(
      `INSERT INTO outbox (queue, job_name, job_id, payload, run_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (job_id) DO NOTHING`,
      [JOB_QUEUE[job.name], job.name, job.jobId, JSON.stringify(job.payload), job.runAt ?? new Date()],
    );
  }
}
