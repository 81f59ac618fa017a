import { UnitKind } from '@app/domain';
import { UserEntity } from '@app/identity';
import { JurisdictionEntity } from '@app/programmes';
import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A target of a jurisdiction's bureau (Jiaxing: 5 / 10 / 20 demonstration points by the end of 2015 / 16 / 17): how
 * many units of a kind should hold a title in its subtree by the end of a year. Progress is counted from the
 * designations, never stored.
 */
@Entity({ name: 'designation_targets' })
@Unique('uq_designation_targets_key', ['jurisdictionCode', 'unitKind', 'year'])
@Check('ck_designation_targets_numbers', 'target_units >= 0 AND year BETWEEN 2000 AND 2100')
export class DesignationTargetEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_designation_targets' })
  id: string;

  @ForeignKey(() => JurisdictionEntity, { name: 'FK_designation_targets_jurisdiction' })
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'unit_kind', type: 'varchar', length: 16 })
  unitKind: UnitKind;

  /** due at the end of this year (31 December) */
  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'target_units', type: 'int' })
  target: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @ForeignKey(() => UserEntity, { name: 'FK_designation_targets_updated_by' })
  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'int', default: 1 })
  version: number;
}
