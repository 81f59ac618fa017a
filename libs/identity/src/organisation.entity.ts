import { PayeeBankAccount } from '@app/domain';
import { JurisdictionEntity } from '@app/programmes';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OrganisationKind {
  Enterprise = 'enterprise',
  Park = 'park',
  Association = 'association',
  Government = 'government',
}

/** 实名认证: a registered organisation is pending until a regulator of its jurisdiction verifies or refuses it. */
export enum VerificationStatus {
  Pending = 'pending',
  Verified = 'verified',
  Refused = 'refused',
}

/** An applicant: enterprise, park operator, industry association, or (for pilot regions) a local government. */
@Entity({ name: 'organisations' })
@Check('ck_organisations_verification_status', `verification_status IN ('pending', 'verified', 'refused')`)
@Index('ix_organisations_pending', ['jurisdictionCode', 'createdAt'], { where: `verification_status = 'pending'` })
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

  /** only a verified organisation may apply */
  @Column({ name: 'verification_status', type: 'varchar', length: 16, default: VerificationStatus.Pending })
  verificationStatus: VerificationStatus;

  /** the person to contact about the registration (null for organisations made before registration existed) */
  @Column({ name: 'contact_name', type: 'varchar', length: 100, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
