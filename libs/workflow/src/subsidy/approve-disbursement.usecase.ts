import {
  DisbursementEventType,
  DomainError,
  DomainErrorCode,
  formatYuan,
  Principal,
} from '@app/domain';
import { SubsidyPolicyEntity } from '@app/persistence';
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

/**
 * Finance approves a disbursement, within the programme's budget. The policy row is locked while its committed
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
    return this.db.transaction(async (tx) => {
      const d = await this.engine.lock(tx, id, principal);
      const [policy] = await tx.query(`SELECT budget_fen, committed_fen FROM subsidy_policies WHERE id = $1 FOR UPDATE`, [d.policyId]);
      const remaining = Number(policy.budget_fen) - Number(policy.committed_fen);
      if (d.amountFen > remaining) {
        throw new DomainError(
          DomainErrorCode.BudgetExceeded,
          `approving ${formatYuan(d.amountFen)} yuan would exceed the programme budget: ${formatYuan(Math.max(remaining, 0))} yuan remain`,
          { remainingFen: Math.max(remaining, 0), amountFen: d.amountFen },
        );
      }
      return this.engine.fireInTx(tx, id, principal, { type: DisbursementEventType.Approve, actor: principal }, expectedVersion);
    });
  }

  /** Approves each in its own transaction; one refusal does not stop the others. */
  async bulk(ids: readonly string[], principal: Principal): Promise<BulkItemResult[]> {
    const results: BulkItemResult[] = [];
    for (const id of ids) {
      try {
        const { disbursement } = await this.execute(id, principal, null);
        results.push({ id, ok: true, state: disbursement.state });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        results.push({ id, ok: false, error: e.code, message: e.message });
      }
    }
    return results;
  }

  async retry(id: string, principal: Principal, expectedVersion: number | null): Promise<DisbursementChange> {
    return this.engine.fire(id, principal, { type: DisbursementEventType.Retry, actor: principal }, expectedVersion);
  }

  async cancel(id: string, principal: Principal, reason: string, expectedVersion: number | null): Promise<DisbursementChange> {
    return this.engine.fire(id, principal, { type: DisbursementEventType.Cancel, actor: principal, reason }, expectedVersion);
  }
}

export type { SubsidyPolicyEntity };
