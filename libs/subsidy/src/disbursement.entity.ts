import { ApplicationEntity } from '@app/accreditation';
import { type DisbursementContext, DisbursementState, PayeeBankAccount } from '@app/domain';
import { OrganisationEntity } from '@app/identity';
import { ProgrammeEntity } from '@app/programmes';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { fen } from './fen.transformer';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';

/** One entitlement: created exactly once per designation and policy, then approved, paid and reconciled. */
@Entity({ name: 'disbursements' })
@Check('ck_disbursements_amount', 'amount_fen > 0')
@Check(
  'ck_disbursements_state',
  `state IN ('pending_approval','verified','approved','paying','paid','failed','cancelled')`,
)
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

  /** the officer who checked entitlement and payee (经办) in the current round; null until then */
  @Column({ name: 'verified_by', type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  /**
   * the payee checked at verification and fixed at approval, in full: the payment pays this account, never the organisation's current one
   * (null before approval, or when the organisation had no account then)
   */
  @Column({ type: 'jsonb', nullable: true })
  payee: PayeeBankAccount | null;

  /** SHA-256 of the approved payee (payeeAccountHash), compared with the organisation's account before paying */
  @Column({ name: 'payee_account_hash', type: 'varchar', length: 64, nullable: true })
  payeeAccountHash: string | null;

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
