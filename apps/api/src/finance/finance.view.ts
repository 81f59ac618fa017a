import { DisbursementState, formatYuan, PolicyStatus } from '@app/domain';
import { payeeRecordOf } from '@app/identity';
import {
  type DisbursementChange,
  type DisbursementQueries,
  type StuckCause,
  type StuckPayment,
  type SubsidyPolicy,
  type SubsidyPolicyChange,
  type SubsidyPolicyHistory,
} from '@app/subsidy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TransitionHistoryView } from '../common/transition-history.view';
import { MaskedBankAccountView } from '../organisations/bank-account-change.view';

type Disbursement = DisbursementChange['disbursement'];
type DisbursementHistory = DisbursementChange['history'];
type StatementLine = Awaited<ReturnType<DisbursementQueries['statementLines']>>[number];

export class PolicyTermsView {
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', description: 'per designation, in fen' }) amountFen: number;
  @ApiProperty({ type: 'integer', description: 'in fen' }) budgetFen: number;
  @ApiProperty() purpose: string;
}

export class SubsidyPolicyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ description: 'the terms in force once active (for a pending policy: the terms proposed)' })
  name: string;
  @ApiProperty({ type: 'integer', description: 'per designation, in fen' }) amountFen: number;
  @ApiProperty() oneTime: boolean;
  @ApiProperty({ description: 'the bureau that pays' }) payingJurisdictionCode: string;
  @ApiProperty({ type: 'integer', description: 'in fen' }) budgetFen: number;
  @ApiProperty({ type: 'integer', description: 'approved so far, in fen' }) committedFen: number;
  @ApiProperty() purpose: string;
  @ApiProperty({
    enum: PolicyStatus,
    description: 'pending: proposed, not applying until a second finance officer approves; active: applies',
  })
  status: PolicyStatus;
  @ApiProperty({ type: 'integer', description: 'send it to propose, approve or reject (If-Match or "version")' })
  version: number;
  @ApiProperty({
    type: PolicyTermsView,
    nullable: true,
    description: 'the proposal awaiting approval by another finance officer of the paying bureau',
  })
  pendingTerms: PolicyTermsView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) proposedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'who approved the terms in force' })
  approvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(s: SubsidyPolicy): SubsidyPolicyView {
    return {
      id: s.id,
      programmeId: s.programmeId,
      name: s.name,
      amountFen: s.amountFen,
      oneTime: s.oneTime,
      payingJurisdictionCode: s.payingJurisdictionCode,
      budgetFen: s.budgetFen,
      committedFen: s.committedFen,
      purpose: s.purpose,
      status: s.status,
      version: s.version,
      pendingTerms: s.pendingTerms,
      proposedBy: s.proposedBy,
      proposedAt: s.proposedAt,
      approvedBy: s.approvedBy,
      approvedAt: s.approvedAt,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }
}

/** One step of a policy's history: PROPOSE (payload.terms), APPROVE, REJECT (reason), by whom. */
export class SubsidyPolicyHistoryView extends TransitionHistoryView {
  @ApiProperty({ pattern: '^[0-9]+$', example: '42', description: 'the row number (a bigint, as a string)' })
  id: string;
  @ApiProperty({ format: 'uuid' }) policyId: string;

  static of(h: SubsidyPolicyHistory): SubsidyPolicyHistoryView {
    return { id: h.id, policyId: h.policyId, ...TransitionHistoryView.fieldsOf(h) };
  }
}

/** A step of a policy's history with its actor's name, as the policy's detail shows it. */
export class SubsidyPolicyDetailHistoryView extends SubsidyPolicyHistoryView {
  @ApiProperty({ type: String, nullable: true, example: '青岛自贸片区 财务', description: 'the actor’s display name' })
  actorName: string | null;
}

export class SubsidyPolicyDetailView extends SubsidyPolicyView {
  @ApiProperty({ type: String, nullable: true, description: 'who proposed the terms waiting or in force' })
  proposedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'who approved them (the other officer)' })
  approvedByName: string | null;
  @ApiProperty({ type: [SubsidyPolicyDetailHistoryView] }) history: SubsidyPolicyDetailHistoryView[];

  static withHistory(
    s: SubsidyPolicy,
    history: SubsidyPolicyHistory[],
    names: ReadonlyMap<string, string>,
  ): SubsidyPolicyDetailView {
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    return {
      ...SubsidyPolicyView.of(s),
      proposedByName: name(s.proposedBy),
      approvedByName: name(s.approvedBy),
      history: history.map((h) => ({ ...SubsidyPolicyHistoryView.of(h), actorName: name(h.actorId) })),
    };
  }
}

export class SubsidyPolicyChangeView {
  @ApiProperty({ type: SubsidyPolicyView }) policy: SubsidyPolicyView;
  @ApiProperty({ type: SubsidyPolicyHistoryView, description: 'the history row this change wrote' })
  history: SubsidyPolicyHistoryView;

  static of(c: SubsidyPolicyChange): SubsidyPolicyChangeView {
    return { policy: SubsidyPolicyView.of(c.policy), history: SubsidyPolicyHistoryView.of(c.history) };
  }
}

export class DisbursementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "on the bank statement; the payment's idempotency key" }) reference: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: DisbursementState }) state: DisbursementState;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ example: '50000.00' }) amountYuan: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ description: 'the queue will try a failed payment again by itself' }) autoRetry: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the officer who checked entitlement and payee (经办)',
  })
  verifiedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the other officer who approved (审批)' })
  approvedBy: string | null;
  @ApiProperty({
    type: MaskedBankAccountView,
    nullable: true,
    description: 'the payee checked at verification and fixed at approval, the account the payment goes to (masked)',
  })
  payee: MaskedBankAccountView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) bankReference: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ nullable: true, enum: ['confirmed', 'mismatched', 'unconfirmed'] }) reconciliation:
    'confirmed' | 'mismatched' | 'unconfirmed' | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;

  static of(d: Disbursement): DisbursementView {
    return {
      id: d.id,
      reference: d.reference,
      applicationId: d.applicationId,
      programmeId: d.programmeId,
      organisationId: d.organisationId,
      state: d.state,
      version: d.version,
      amountFen: d.amountFen,
      amountYuan: formatYuan(d.amountFen),
      attempts: d.context.attempts,
      autoRetry: d.context.autoRetry,
      verifiedBy: d.verifiedBy,
      verifiedAt: d.verifiedAt,
      approvedBy: d.approvedBy,
      payee: d.payee ? payeeRecordOf(d.payee) : null,
      approvedAt: d.approvedAt,
      paidAt: d.paidAt,
      bankReference: d.bankReference,
      lastError: d.lastError,
      reconciliation: d.reconciliation ?? (d.state === DisbursementState.Paid ? 'unconfirmed' : null),
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
  }
}

/** One step of a disbursement's history. */
export class DisbursementHistoryView extends TransitionHistoryView {
  @ApiProperty({ pattern: '^[0-9]+$', example: '42', description: 'the row number (a bigint, as a string)' })
  id: string;
  @ApiProperty({ format: 'uuid' }) disbursementId: string;

  static of(h: DisbursementHistory): DisbursementHistoryView {
    return { id: h.id, disbursementId: h.disbursementId, ...TransitionHistoryView.fieldsOf(h) };
  }
}

/** A step of the history with its actor's name, as the disbursement's detail shows it. */
export class DisbursementDetailHistoryView extends DisbursementHistoryView {
  @ApiProperty({ type: String, nullable: true, example: '青岛自贸片区 财务', description: 'the actor’s display name' })
  actorName: string | null;
}

export class DisbursementDetailView extends DisbursementView {
  @ApiProperty({ type: String, nullable: true, example: '青岛自贸片区 财务', description: 'who verified (经办)' })
  verifiedByName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '青岛自贸片区 财务复核', description: 'who approved (审批)' })
  approvedByName: string | null;
  @ApiProperty({ type: [DisbursementDetailHistoryView] }) history: DisbursementDetailHistoryView[];

  static withHistory(
    d: Disbursement,
    history: DisbursementHistory[],
    names: ReadonlyMap<string, string>,
  ): DisbursementDetailView {
    const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
    return {
      ...DisbursementView.of(d),
      verifiedByName: name(d.verifiedBy),
      approvedByName: name(d.approvedBy),
      history: history.map((h) => ({ ...DisbursementHistoryView.of(h), actorName: name(h.actorId) })),
    };
  }
}

export class DisbursementChangeView {
  @ApiProperty({ type: DisbursementView }) disbursement: DisbursementView;
  @ApiProperty({ type: DisbursementHistoryView, description: 'the history row this change wrote' })
  history: DisbursementHistoryView;

  static of(c: DisbursementChange): DisbursementChangeView {
    return { disbursement: DisbursementView.of(c.disbursement), history: DisbursementHistoryView.of(c.history) };
  }
}

export class StatementLineView {
  @ApiProperty({ pattern: '^[0-9]+$', example: '42', description: 'the row number (a bigint, as a string)' })
  id: string;
  @ApiProperty({ format: 'uuid' }) statementId: string;
  @ApiProperty({ type: 'integer' }) lineNo: number;
  @ApiProperty() reference: string;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) valueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference: string | null;
  @ApiProperty({ enum: ['confirmed', 'mismatched', 'unknown_reference'] }) matchStatus:
    'confirmed' | 'mismatched' | 'unknown_reference';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) disbursementId: string | null;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt: Date;

  static of(l: StatementLine): StatementLineView {
    return {
      id: l.id,
      statementId: l.statementId,
      lineNo: l.lineNo,
      reference: l.reference,
      amountFen: l.amountFen,
      valueDate: l.valueDate,
      bankReference: l.bankReference,
      matchStatus: l.matchStatus,
      disbursementId: l.disbursementId,
      uploadedBy: l.uploadedBy,
      uploadedAt: l.uploadedAt,
    };
  }
}

/** A payment that needs finance: stuck (not moved for a while) or failed for good, with its cause and age. */
export class StuckPaymentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: DisbursementState }) state: DisbursementState;
  @ApiProperty({ type: 'integer', description: 'send it back with retry or cancel' }) version: number;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ example: '50000.00' }) amountYuan: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ example: 'paying, with no answer recorded from the bank' }) cause: string;
  @ApiProperty({
    enum: ['not_started', 'no_bank_answer', 'retry_overdue', 'waiting_for_finance'],
    description:
      'why, as a code: approved and never started, paying without the bank’s answer, a retry overdue, failed for good',
  })
  causeCode: StuckCause;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'its last change of state' }) since: Date;
  @ApiProperty({ type: 'integer', description: 'milliseconds since then' }) ageMs: number;

  static of(s: StuckPayment): StuckPaymentView {
    return { ...s };
  }
}

/** A page of disbursements, newest first. */
export class DisbursementPage {
  @ApiProperty({ type: [DisbursementView] }) items: DisbursementView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer', description: 'how many match (at most 1000 when totalIsExact is false)' })
  total: number;
  @ApiProperty() totalIsExact: boolean;
}

/** A policy's budget: what is committed and what remains. */
export class PolicyBudgetView {
  @ApiProperty({ format: 'uuid' }) policyId: string;
  @ApiProperty() programmeCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PolicyStatus }) status: PolicyStatus;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: PolicyTermsView, nullable: true, description: 'the proposal awaiting approval' })
  pendingTerms: PolicyTermsView | null;
  @ApiProperty({ type: 'integer' }) budgetFen: number;
  @ApiProperty({ type: 'integer' }) usedFen: number;
  @ApiProperty({ type: 'integer' }) remainingFen: number;
  @ApiProperty({ example: '500000.00' }) budgetYuan: string;
  @ApiProperty({ example: '50000.00' }) usedYuan: string;
  @ApiProperty({ example: '450000.00' }) remainingYuan: string;
}

/** Disbursements by programme, paying bureau and state. */
export class DisbursementTotalView {
  @ApiProperty() programmeCode: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: DisbursementState }) state: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) amountFen: number;
  @ApiProperty({ example: '50000.00' }) amountYuan: string;
}

export class FinanceSummaryView {
  @ApiProperty({ type: [DisbursementTotalView] }) totals: DisbursementTotalView[];
  @ApiProperty({ type: [PolicyBudgetView] }) budgets: PolicyBudgetView[];
}

/** One item of a bulk decision: done (its new state and version) or refused (the error code and message). */
export class BulkItemResultView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ enum: DisbursementState }) state?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'the version after the decision' }) version?: number;
  @ApiPropertyOptional({ description: 'why it was refused: an error code' }) error?: string;
  @ApiPropertyOptional() message?: string;
}

export class BulkVerifyView {
  @ApiProperty({ type: 'integer' }) verified: number;
  @ApiProperty({ type: 'integer' }) refused: number;
  @ApiProperty({ type: [BulkItemResultView] }) results: BulkItemResultView[];
}

export class BulkApproveView {
  @ApiProperty({ type: 'integer' }) approved: number;
  @ApiProperty({ type: 'integer' }) refused: number;
  @ApiProperty({ type: [BulkItemResultView] }) results: BulkItemResultView[];
}

/** One line of an uploaded statement and what it matched. */
export class StatementLineResultView {
  @ApiProperty({ type: 'integer' }) lineNo: number;
  @ApiProperty() reference: string;
  @ApiProperty({ example: '50000.00' }) amountYuan: string;
  @ApiProperty({ enum: ['confirmed', 'mismatched', 'unknown_reference'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) expectedYuan: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) disbursementId: string | null;
}

export class StatementResultView {
  @ApiProperty({ format: 'uuid' }) statementId: string;
  @ApiProperty({ type: 'integer' }) lines: number;
  @ApiProperty({ type: 'integer' }) confirmed: number;
  @ApiProperty({ type: 'integer' }) mismatched: number;
  @ApiProperty({ type: 'integer' }) unknown: number;
  @ApiProperty({ type: [StatementLineResultView] }) results: StatementLineResultView[];
}
