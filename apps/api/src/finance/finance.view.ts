import { DisbursementState, formatYuan, PolicyStatus } from '@app/domain';
import { payeeRecordOf } from '@app/identity';
import {
  type DisbursementChange,
  type DisbursementQueries,
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
  @ApiProperty({ description: 'per designation, in fen' }) amountFen: number;
  @ApiProperty({ description: 'in fen' }) budgetFen: number;
  @ApiProperty() purpose: string;
}

export class SubsidyPolicyView {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty({ description: 'the terms in force once active (for a pending policy: the terms proposed)' })
  name: string;
  @ApiProperty({ description: 'per designation, in fen' }) amountFen: number;
  @ApiProperty() oneTime: boolean;
  @ApiProperty({ description: 'the bureau that pays' }) payingJurisdictionCode: string;
  @ApiProperty({ description: 'in fen' }) budgetFen: number;
  @ApiProperty({ description: 'approved so far, in fen' }) committedFen: number;
  @ApiProperty() purpose: string;
  @ApiProperty({
    enum: PolicyStatus,
    description: 'pending: proposed, not applying until a second finance officer approves; active: applies',
  })
  status: PolicyStatus;
  @ApiProperty({ description: 'send it to propose, approve or reject (If-Match or "version")' }) version: number;
  @ApiPropertyOptional({
    type: PolicyTermsView,
    nullable: true,
    description: 'the proposal awaiting approval by another finance officer of the paying bureau',
  })
  pendingTerms: PolicyTermsView | null;
  @ApiPropertyOptional({ nullable: true }) proposedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) proposedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, description: 'who approved the terms in force' }) approvedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) approvedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

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
  @ApiProperty() id: string;
  @ApiProperty() policyId: string;

  static of(h: SubsidyPolicyHistory): SubsidyPolicyHistoryView {
    return { id: h.id, policyId: h.policyId, ...TransitionHistoryView.fieldsOf(h) };
  }
}

export class SubsidyPolicyDetailView extends SubsidyPolicyView {
  @ApiProperty({ type: [SubsidyPolicyHistoryView] }) history: SubsidyPolicyHistoryView[];
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
  @ApiProperty() id: string;
  @ApiProperty({ description: "on the bank statement; the payment's idempotency key" }) reference: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() programmeId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: DisbursementState }) state: DisbursementState;
  @ApiProperty() version: number;
  @ApiProperty() amountFen: number;
  @ApiProperty({ example: '50000.00' }) amountYuan: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'the queue will try a failed payment again by itself' }) autoRetry: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'the officer who checked entitlement and payee (经办)' })
  verifiedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) verifiedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, description: 'the other officer who approved (审批)' })
  approvedBy: string | null;
  @ApiPropertyOptional({
    type: MaskedBankAccountView,
    nullable: true,
    description: 'the payee checked at verification and fixed at approval, the account the payment goes to (masked)',
  })
  payee: MaskedBankAccountView | null;
  @ApiPropertyOptional({ nullable: true }) approvedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) paidAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) bankReference: string | null;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['confirmed', 'mismatched', 'unconfirmed'] }) reconciliation:
    'confirmed' | 'mismatched' | 'unconfirmed' | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

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
  @ApiProperty() id: string;
  @ApiProperty() disbursementId: string;

  static of(h: DisbursementHistory): DisbursementHistoryView {
    return { id: h.id, disbursementId: h.disbursementId, ...TransitionHistoryView.fieldsOf(h) };
  }
}

export class DisbursementDetailView extends DisbursementView {
  @ApiProperty({ type: [DisbursementHistoryView] }) history: DisbursementHistoryView[];
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
  @ApiProperty() id: string;
  @ApiProperty() statementId: string;
  @ApiProperty() lineNo: number;
  @ApiProperty() reference: string;
  @ApiProperty() amountFen: number;
  @ApiPropertyOptional({ nullable: true }) valueDate: string | null;
  @ApiPropertyOptional({ nullable: true }) bankReference: string | null;
  @ApiProperty({ enum: ['confirmed', 'mismatched', 'unknown_reference'] }) matchStatus:
    'confirmed' | 'mismatched' | 'unknown_reference';
  @ApiPropertyOptional({ nullable: true }) disbursementId: string | null;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: Date;

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
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: DisbursementState }) state: DisbursementState;
  @ApiProperty({ description: 'send it back with retry or cancel' }) version: number;
  @ApiProperty() amountFen: number;
  @ApiProperty({ example: '50000.00' }) amountYuan: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ example: 'paying, with no answer recorded from the bank' }) cause: string;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiProperty({ description: 'its last change of state' }) since: Date;
  @ApiProperty({ description: 'milliseconds since then' }) ageMs: number;

  static of(s: StuckPayment): StuckPaymentView {
    return { ...s };
  }
}
