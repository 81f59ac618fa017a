import { DisbursementState, DomainError, DomainErrorCode, formatYuan, Principal, Role } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { disbursementVisibility } from './disbursement-visibility.util';

/** Why a payment needs finance: approved and never started, paying without the bank's answer, a retry overdue, or failed for good. */
export type StuckCause = 'not_started' | 'no_bank_answer' | 'retry_overdue' | 'waiting_for_finance';

/** One payment finance should look at: why, and for how long it has not moved. */
export interface StuckPayment {
  id: string;
  reference: string;
  state: DisbursementState;
  version: number;
  amountFen: number;
  amountYuan: string;
  attempts: number;
  /** why it needs attention, in words */
  cause: string;
  /** why, as a code the console and the exports name in Chinese (STUCK_CAUSE_LABELS) */
  causeCode: StuckCause;
  lastError: string | null;
  /** the last change of state */
  since: Date;
  ageMs: number;
}

/**
 * Payments that are not final and not moving: approved or paying with no change for `stuckForMs`, failed with a
 * retry due that has not come for as long, and failed for good (waiting for finance, at any age). Oldest first.
 */
@Injectable()
export class StuckPaymentsQueries {
  constructor(private readonly db: DataSource) {}

  async list(p: Principal, stuckForMs: number, limit = 500): Promise<StuckPayment[]> {
    if (p.role !== Role.Finance && p.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'only finance staff see disbursements');
    const visible = disbursementVisibility(p, 'd');
    const [visibleSql, visibleParams] = this.db.driver.escapeQueryWithParameters(visible.sql, visible.params);
    const n = visibleParams.length;
    const rows: {
      id: string;
      reference: string;
      state: DisbursementState;
      version: number;
      amount_fen: string;
      attempts: number | null;
      auto_retry: boolean | null;
      last_error: string | null;
      updated_at: Date;
      age_ms: string;
    }[] = await this.db.query(
      `SELECT d.id, d.reference, d.state, d.version, d.amount_fen, (d.context->>'attempts')::int AS attempts,
              (d.context->>'autoRetry')::boolean AS auto_retry, d.last_error, d.updated_at,
              floor(extract(epoch FROM now() - d.updated_at) * 1000)::bigint AS age_ms
         FROM disbursements d
        WHERE (${visibleSql})
          AND ((d.state = 'failed' AND NOT coalesce((d.context->>'autoRetry')::boolean, false))
               OR (d.state IN ('approved', 'paying', 'failed')
                   AND d.updated_at < now() - ($${n + 1}::bigint * interval '1 millisecond')))
        ORDER BY d.updated_at, d.id
        LIMIT $${n + 2}`,
      [...visibleParams, stuckForMs, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      state: r.state,
      version: r.version,
      amountFen: Number(r.amount_fen),
      amountYuan: formatYuan(Number(r.amount_fen)),
      attempts: r.attempts ?? 0,
      cause: causeOf(r.state, r.auto_retry ?? false, r.last_error),
      causeCode: causeCodeOf(r.state, r.auto_retry ?? false),
      lastError: r.last_error,
      since: r.updated_at,
      ageMs: Number(r.age_ms),
    }));
  }
}

function causeCodeOf(state: DisbursementState, autoRetry: boolean): StuckCause {
  if (state === DisbursementState.Approved) return 'not_started';
  if (state === DisbursementState.Paying) return 'no_bank_answer';
  return autoRetry ? 'retry_overdue' : 'waiting_for_finance';
}

function causeOf(state: DisbursementState, autoRetry: boolean, lastError: string | null): string {
  switch (state) {
    case DisbursementState.Approved:
      return 'approved, but no payment has started';
    case DisbursementState.Paying:
      return 'paying, with no answer recorded from the bank (the worker may have stopped mid-payment)';
    default:
      return autoRetry
        ? `failed, and the automatic retry has not come: ${lastError ?? 'no error recorded'}`
        : `failed after the last attempt, waiting for finance: ${lastError ?? 'no error recorded'}`;
  }
}
