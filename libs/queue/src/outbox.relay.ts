import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobProducer } from './job.producer';
import { JobName, JobRequest } from './queue-names';

interface OutboxRow {
  id: string;
  job_name: JobName;
  job_id: string;
  payload: Record<string, unknown>;
  run_at: Date;
}

/**
 * Moves outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, published, and marked in the same
 * transaction: a crash before the mark republishes them, which the deterministic job ids make harmless.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly db: DataSource,
    private readonly producer: JobProducer,
  ) {}

  /**
   * Publishes one batch; returns how many rows it published. `now` is the time the rows' `run_at` is measured
   * against (the process's Clock: under the demo clock a deadline is in demo time).
   */
  async publishBatch(limit = 500, now: () => number = Date.now): Promise<number> {
    try {
      return await this.db.transaction(async (tx) => {
        const rows: OutboxRow[] = await tx.query(
          `SELECT id, job_name, job_id, payload, run_at FROM outbox
            WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit],
        );
        if (rows.length === 0) return 0;
        const jobs: JobRequest[] = rows.map((r) => ({
          name: r.job_name,
          jobId: r.job_id,
          payload: r.payload as never,
          runAt: new Date(r.run_at),
        }));
        await this.producer.addBulk(jobs, now());
        await tx.query(`UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      });
    } catch (e) {
      this.logger.error({ err: e }, 'outbox relay could not publish; will retry');
      await this.db
        .query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id IN (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 500)`,
          [e instanceof Error ? e.message.slice(0, 500) : String(e)],
        )
        .catch(() => undefined);
      return 0;
    }
  }

  /** Publishes until the outbox is empty. */
  async drain(now: () => number = Date.now): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch(500, now);
      total += n;
      if (n === 0) return total;
    }
  }

  /** Marks every published row of these jobs unpublished, so they go out again (used after Redis lost its data). */
  async republish(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length) await this.db.query(`UPDATE outbox SET published_at = NULL WHERE job_id = ANY($1)`, [jobIds]);
  }
}
