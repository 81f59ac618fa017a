import { RiskTier } from '@app/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * One enterprise of a city's directory (名录库): who it is, what it needs protected, its risk tier (分级管理) with the
 * date and basis of the assessment, and whom to contact. A credit code is in the directory once, under its city.
 */
@Entity({ name: 'directory_entries' })
@Index('ix_directory_entries_path', { synchronize: false })
export class DirectoryEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the city whose directory holds it */
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'credit_code', type: 'char', length: 18, unique: true })
  creditCode: string;

  /** the registered organisation with this credit code, if it has an account */
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 50 })
  industry: string;

  /** the protection needs it stated (技术秘密, 客户信息, 离职竞业 ...) */
  @Column({ type: 'varchar', length: 2000 })
  needs: string;

  @Column({ name: 'risk_tier', type: 'varchar', length: 8 })
  riskTier: RiskTier;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn: string;

  @Column({ name: 'assessment_basis', type: 'varchar', length: 2000 })
  assessmentBasis: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 50 })
  contactName: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 40 })
  contactPhone: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
