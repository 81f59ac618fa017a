import { DisbursementEventType, Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisbursementChange, DisbursementEngine } from './disbursement-engine.service';

export interface BulkItemResult {
  id: string;
  ok: boolean;
  state?: string;
  error?: string;
  message?: string;
}

const BULK_BATCH = 500;

/**
 * Finance approves disbursements, within the programme's budget. The policy row is locked while its committed
 * amount is read and raised, so concurrent approvals are counted one after another and together never exceed
 * the budget (a check constraint on the policy refuses it too).
 */
@Injectable()
export class ApproveDisbursementUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: DisbursementEngine,
  ) {}

  async execute(id: string, principal: Principal, expectedVersion: number | null): Promise<DisbursementChange> {
    const [outcome] = await this.db.transaction((tx) => this.engine.approveMany(tx, [id], principal, expectedVersion));
    if (outcome.error) throw outcome.error;
    return { disbursement: outcome.disbursement, history: outcome.history };
  }

  /**
   * Approves in batches of BULK_BATCH, each batch in one transaction; one refusal does not stop the others, and
   * the answer lists every item's outcome in the order given.
   */
  async bulk(ids: readonly string[], principal: Principal): Promise<BulkItemResult[]> {
    const results: BulkItemResult[] = [];
    for (let i = 0; i < ids.length; i += BULK_BATCH) {
      const outcomes = await this.db.transaction((tx) =>
        this.engine.approveMany(tx, ids.slice(i, i + BULK_BATCH), principal),
      );
      for (const o of outcomes) {
        results.push(
          o.error
            ? { id: o.id, ok: false, error: o.error.code, message: o.error.message }
            : { id: o.id, ok: true, state: o.disbursement.state },
        );
      }
    }
    return results;
  }

  async cancel(
    id: string,
    principal: Principal,
    reason: string,
    expectedVersion: number | null,
  ): Promise<DisbursementChange> {
    return this.engine.fire(
      id,
      principal,
      { type: DisbursementEventType.Cancel, actor: principal, reason },
      expectedVersion,
    );
  }
}
