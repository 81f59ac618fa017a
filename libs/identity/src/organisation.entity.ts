import { PayeeBankAccount } from '@app/domain';
import { JurisdictionEntity } from '@app/programmes';
import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganisationKind {
  Enterprise = 'enterprise',
  Park = 'park',
  Association = 'association',
  Government = 'government',
}

/** An applicant: enterprise, park operator, industry association, or (for pilot regions) a local government. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 统一社会信用代码, 18 characters with a valid check character */
  @Column({ name: 'credit_code', type: 'char', length: 18, unique: true })
  creditCode: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrganisationKind;

  @ForeignKey(() => JurisdictionEntity)
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  /** payee bank details for subsidies (validated by payeeProblems) */
  @Column({ name: 'bank_account', type: 'jsonb', nullable: true })
  bankAccount: PayeeBankAccount | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
