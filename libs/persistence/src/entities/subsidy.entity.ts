import { type DisbursementContext, DisbursementState, PayeeBankAccount } from '@app/domain';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { JurisdictionEntity } from './jurisdiction.entity';
import { OrganisationEntity } from './organisation.entity';
import { ProgrammeEntity } from './programme.entity';

/** bigint columns come back from pg as strings; amounts in fen stay well inside Number's safe range */
const fen = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** What a programme pays with its title: a one-time amount in fen, paid by a bureau out of a yearly budget. */
@Entity({ name: 'subsidy_policies' })
@Check('ck_subsidy_policies_amounts', 'amount_fen > 0 AND budget_fen >= 0')
@Check('ck_subsidy_policies_within_budget', 'committed_fen >= 0 AND committed_fen <= budget_fen')
export class SubsidyPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_subsidy_policies_programme', { unique: true })
  @ForeignKey(() => ProgrammeEntity)
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: fen })
  amountFen: number;

  @Column({ name: 'one_time', type: 'boolean', default: true })
  oneTime: boolean;

  /** the bureau that pays */
  @ForeignKey(() => JurisdictionEntity)
  @Column({ name: 'paying_jurisdiction_code', type: 'varchar', length: 16 })
  payingJurisdictionCode: string;

  @Column({ name: 'budget_fen', type: 'bigint', transformer: fen })
  budgetFen: number;

  /**
   * What the budget already holds: the amounts of disbursements approved, being paid, paid or failed. Kept by the
   * disbursement engine in the same transaction as each state change; the database refuses it above the budget.
   */
  @Column({ name: 'committed_fen', type: 'bigint', default: 0, transformer: fen })
  committedFen: number;

  @Column({ type: 'varchar', length: 200 })
  purpose: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One entitlement: created exactly once per designation and policy, then approved, paid and reconciled. */
@Entity({ name: 'disbursements' })
@Check('ck_disbursements_amount', 'amount_fen > 0')
@Check('ck_disbursements_state', `state IN ('pending_approval','approved','paying','paid','failed','cancelled')`)
@Index('uq_disbursements_entitlement', ['applicationId', 'policyId'], { unique: true })
@Index('ix_disbursements_state', ['state', 'jurisdictionPath'])
export class DisbursementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** what the bank or treasury statement shows, and the payment's idempotency key */
  @Column({ type: 'varchar', length: 64, unique: true })
  reference: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ForeignKey(() => SubsidyPolicyEntity)
  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @ForeignKey(() => ProgrammeEntity)
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ForeignKey(() => OrganisationEntity)
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** the paying bureau's jurisdiction path, for finance scoping */
  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: fen })
  amountFen: number;

  @Column({ type: 'varchar', length: 24 })
  state: DisbursementState;

  @Column({ type: 'jsonb' })
  context: DisbursementContext;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** the payee details used for the last payment attempt */
  @Column({ type: 'jsonb', nullable: true })
  payee: PayeeBankAccount | null;

  @Column({ name: 'bank_reference', type: 'varchar', length: 100, nullable: true })
  bankReference: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** null until a statement line names it: confirmed, or mismatched (amount differs) */
  @Column({ name: 'reconciliation', type: 'varchar', length: 16, nullable: true })
  reconciliation: 'confirmed' | 'mismatched' | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Append-only, like the application history. */
@Entity({ name: 'disbursement_history' })
@Index('uq_disbursement_history_version', ['disbursementId', 'version'], { unique: true })
export class DisbursementHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @ForeignKey(() => DisbursementEntity)
  @Column({ name: 'disbursement_id', type: 'uuid' })
  disbursementId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  event: string;

  @Column({ name: 'from_state', type: 'varchar', length: 24, nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 24 })
  toState: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** The simulated bank's own ledger: one transfer per idempotency key, whatever the number of requests. */
@Entity({ name: 'simulated_bank_transfers' })
export class SimulatedBankTransferEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, unique: true })
  idempotencyKey: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: fen })
  amountFen: number;

  @Column({ name: 'account_number', type: 'varchar', length: 32 })
  accountNumber: string;

  @Column({ name: 'bank_reference', type: 'varchar', length: 100 })
  bankReference: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Instructions written to the treasury's batch files: one per reference. */
@Entity({ name: 'payment_instructions' })
export class PaymentInstructionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  reference: string;

  @Column({ name: 'batch_file', type: 'text' })
  batchFile: string;

  @CreateDateColumn({ name: 'written_at', type: 'timestamptz' })
  writtenAt: Date;
}

/** One uploaded bank statement and its lines, each matched against a disbursement. */
@Entity({ name: 'statement_lines' })
@Index('ix_statement_lines_reference', ['reference'])
export class StatementLineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'statement_id', type: 'uuid' })
  statementId: string;

  @Column({ name: 'line_no', type: 'int' })
  lineNo: number;

  @Column({ type: 'varchar', length: 64 })
  reference: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: fen })
  amountFen: number;

  @Column({ name: 'value_date', type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ name: 'bank_reference', type: 'varchar', length: 100, nullable: true })
  bankReference: string | null;

  /** confirmed | mismatched | unknown_reference */
  @Column({ name: 'match_status', type: 'varchar', length: 24 })
  matchStatus: 'confirmed' | 'mismatched' | 'unknown_reference';

  @Column({ name: 'disbursement_id', type: 'uuid', nullable: true })
  disbursementId: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
