import { type PayeeRecord } from '@app/domain';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * Append-only: one row per change of an organisation's payee bank account, who made it and when, the old and the
 * new account as PayeeRecords (masked number and hash, never the full number).
 */
@Entity({ name: 'bank_account_history' })
@Index('ix_bank_account_history_organisation', ['organisationId', 'changedAt'])
export class BankAccountHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => OrganisationEntity)
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  /** null when the organisation had no account before */
  @Column({ name: 'from_account', type: 'jsonb', nullable: true })
  fromAccount: PayeeRecord | null;

  @Column({ name: 'to_account', type: 'jsonb' })
  toAccount: PayeeRecord;
}
