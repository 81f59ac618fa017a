import { type PolicyTerms, PolicyStatus } from '@app/domain';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
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

/**
 * What a programme pays with its title: a one-time amount in fen, paid by a bureau out of a yearly budget. Its terms
 * (name, amount, budget, purpose) apply only once a second finance officer of the paying bureau has approved them
 * (status `active`); a proposed change waits in `pendingTerms` while the approved terms keep applying.
 */
@Entity({ name: 'subsidy_policies' })
@Check('ck_subsidy_policies_amounts', 'amount_fen > 0 AND budget_fen >= 0')
@Check('ck_subsidy_policies_within_budget', 'committed_fen >= 0 AND committed_fen <= budget_fen')
@Check('ck_subsidy_policies_status', `status IN ('pending','active','rejected')`)
@Check('ck_subsidy_policies_proposal', '(pending_terms IS NULL) = (proposed_by IS NULL)')
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

  /**
   * pending (first terms proposed, nothing applies), active (the columns above apply), rejected (first terms refused)
   */
  @Column({ type: 'varchar', length: 16 })
  status: PolicyStatus;

  /** counted up by every proposal and decision; a client sends the version it saw */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** the proposal awaiting a second officer's decision (a new policy's first terms, or a change), or null */
  @Column({ name: 'pending_terms', type: 'jsonb', nullable: true })
  pendingTerms: PolicyTerms | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy: string | null;

  @Column({ name: 'proposed_at', type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  /** who approved the terms in force, and when (null before the first approval, and for policies older than it) */
  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
