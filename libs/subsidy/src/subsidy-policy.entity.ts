import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fen } from './fen.transformer';

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
