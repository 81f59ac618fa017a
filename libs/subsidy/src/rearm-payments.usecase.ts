import { DisbursementState } from '@app/domain';
import { exclusively } from '@app/platform';
import { JobProducer, payDisbursementJob } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The payment sweeper: a disbursement that should be moving (approved, paying, or failed with a retry due) but
 * has not changed for a while gets its job (`pay.<id>.<version>`) added again, unless that job is still waiting or
 * running. A finished job of that id (failed after a crash loop, say) is removed first, so BullMQ really runs the
 * new one. Harmless when it runs twice: a paying disbursement is first looked up at the bank (statusOf), and the
 * bank's idempotency key is the reference. Every worker runs it on a timer; one sweeps at a time (an advisory
 * lock), the others skip the round and answer 0.
 */
@Injectable()
export class RearmPaymentsUseCase {
  private readonly logger = new Logger(RearmPaymentsUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async execute(stuckForMs: number): Promise<number> {
    const swept = await exclusively(this.db, 'sweep:rearm-payments', () => this.rearmStuck(stuckForMs));
    return swept.ran ? swept.value : 0;
  }

  private async rearmStuck(stuckForMs: number): Promise<number> {
    const rows: { id: string; version: number }[] = await this.db.query(
      `SELECT id, version FROM disbursements
        WHERE (state IN ($1, $2) OR (state = $3 AND (context->>'autoRetry')::boolean))
          AND updated_at < now() - ($4::int * interval '1 millisecond')
        ORDER BY updated_at LIMIT 1000`,
      [DisbursementState.Approved, DisbursementState.Paying, DisbursementState.Failed, stuckForMs],
    );
    if (rows.length === 0) return 0;
    const rearmed: string[] = [];
    for (const r of rows) if (await this.producer.rearm(payDisbursementJob(r.id, r.version))) rearmed.push(r.id);
    if (rearmed.length > 0) {
      this.logger.warn(
        { count: rearmed.length, disbursementIds: rearmed.slice(0, 20) },
        're-armed payment jobs for disbursements that had not moved',
      );
    }
    return rearmed.length;
  }
}
