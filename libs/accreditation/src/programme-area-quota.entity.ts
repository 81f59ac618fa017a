import { UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * The quota of one area inside a programme (Hunan: 1–2 FTZ demonstration enterprises in each FTZ area), set by the
 * programme's bureau: the fewest and the most designations of the programme in that area's subtree. DESIGNATE locks
 * the row, so concurrent designations in one area are counted one at a time.
 */
@Entity({ name: 'programme_area_quotas' })
@Check(
  'ck_programme_area_quotas_numbers',
  'min_designations >= 0 AND max_designations >= 1 AND min_designations <= max_designations',
)
export class ProgrammeAreaQuotaEntity {
  @ForeignKey(() => ProgrammeEntity, { name: 'FK_programme_area_quotas_programme' })
  @PrimaryColumn({ name: 'programme_id', type: 'uuid', primaryKeyConstraintName: 'PK_programme_area_quotas' })
  programmeId: string;

  /** the area: a jurisdiction strictly inside the programme's */
  @ForeignKey(() => JurisdictionEntity, { name: 'FK_programme_area_quotas_jurisdiction' })
  @PrimaryColumn({
    name: 'jurisdiction_code',
    type: 'varchar',
    length: 16,
    primaryKeyConstraintName: 'PK_programme_area_quotas',
  })
  jurisdictionCode: string;

  @Column({ name: 'min_designations', type: 'int' })
  min: number;

  @Column({ name: 'max_designations', type: 'int' })
  max: number;

  @ForeignKey(() => UserEntity, { name: 'FK_programme_area_quotas_updated_by' })
  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
