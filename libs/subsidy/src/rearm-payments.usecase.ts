import { DisbursementState } from '@app/domain';
import { JobProducer, payDisbursementJob } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The payment sweeper: a disbursement that should be moving (approved, paying, or failed with a retry due) but
 * has not changed for a while gets its job added again. Harmless when the job still exists (same job id) and
 * when it runs twice (payment is idempotent).
 */
@Injectable()
export class RearmPaymentsUseCase {
  private readonly logger = new Logger(RearmPaymentsUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async execute(stuckForMs: number): Promise<number> {
    const rows: { id: string; version: number }[] = await this.db.query(
      `SELECT id, version FROM disbursements
        WHERE (state IN ($1, $2) OR (state = $3 AND (context->>'autoRetry')::boolean))
          AND updated_at < now() - ($4::int * interval '1 millisecond')
        ORDER BY updated_at LIMIT 1000`,
      [DisbursementState.Approved, DisbursementState.Paying, DisbursementState.Failed, stuckForMs],
    );
    if (rows.length === 0) return 0;
    await this.producer.addBulk(rows.map((r) => payDisbursementJob(r.id, r.version)));
    this.logger.warn({ count: rows.length }, 're-armed payment jobs for disbursements that had not moved');
    return rows.length;
  }
}
