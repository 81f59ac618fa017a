import { DisbursementEventType, DomainError, DomainErrorCode, Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisbursementChange, DisbursementEngine, MoneyDecision } from './disbursement-engine.service';
import { requireVersion } from './require-version.util';

export interface BulkItemResult {
  id: string;
  ok: boolean;
  state?: string;
  /** the disbursement's version after the decision (send it with the next step) */
  version?: number;
  error?: string;
  message?: string;
}

/** One item of a bulk decision: the disbursement and the version the officer saw (required). */
export interface BulkItem {
  id: string;
  version?: number;
}

const BULK_BATCH = 500;

/**
 * Finance decides on disbursements under four eyes (经办 → 审批): one officer of the paying bureau verifies
 * (entitlement and payee), another approves, within the programme's budget. The policy row is locked while its
 * committed amount is read and raised, so concurrent approvals are counted one after another and together never
 * exceed the budget (a check constraint on the policy refuses it too). Every decision names the version it saw.
 */
@Injectable()
export class ApproveDisbursementUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: DisbursementEngine,
  ) {}

  /** 经办: checks the entitlement and fixes the payee on file; the disbursement then waits for another officer. */
  verify(id: string, principal: Principal, expectedVersion: number | null): Promise<DisbursementChange> {
    return this.one(DisbursementEventType.Verify, id, principal, expectedVersion);
  }

  /** 审批: approves a verified disbursement (not the officer who verified it) and queues its payment. */
  execute(id: string, principal: Principal, expectedVersion: number | null): Promise<DisbursementChange> {
    return this.one(DisbursementEventType.Approve, id, principal, expectedVersion);
  }

  /**
   * VERIFY or APPROVE many, in batches of BULK_BATCH, each batch in one transaction; each item is checked on its own
   * at its version, one refusal does not stop the others, and the answer lists every item's outcome in the order
   * given. Refused as a whole (428, nothing written) when an item has no version.
   */
  async bulk(type: MoneyDecision, items: readonly BulkItem[], principal: Principal): Promise<BulkItemResult[]> {
    const unversioned = items.filter((i) => i.version === undefined).map((i) => i.id);
    if (unversioned.length > 0) {
      throw new DomainError(
        DomainErrorCode.VersionRequired,
        `every item needs the version you last read ({ "id", "version" }); missing for ${unversioned.length} of ${items.length}`,
        { ids: unversioned.slice(0, 20) },
      );
    }
    const versioned = items.map((i) => ({ id: i.id, version: i.version! }));
    const results: BulkItemResult[] = [];
    for (let i = 0; i < versioned.length; i += BULK_BATCH) {
      const outcomes = await this.db.transaction((tx) =>
        this.engine.decideMany(tx, type, versioned.slice(i, i + BULK_BATCH), principal),
      );
      for (const o of outcomes) {
        results.push(
          o.error
            ? { id: o.id, ok: false, error: o.error.code, message: o.error.message }
            : { id: o.id, ok: true, state: o.disbursement.state, version: o.disbursement.version },
        );
      }
    }
    return results;
  }

  private async one(
    type: MoneyDecision,
    id: string,
    principal: Principal,
    expectedVersion: number | null,
  ): Promise<DisbursementChange> {
    const version = requireVersion(expectedVersion);
    const [outcome] = await this.db.transaction((tx) => this.engine.decideMany(tx, type, [{ id, version }], principal));
    if (outcome.error) throw outcome.error;
    return { disbursement: outcome.disbursement, history: outcome.history };
  }
}
