import { UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Extra places the supervising bureau (a regulator above the programme's bureau) adds to an area's quota, or to the
 * programme-wide quota when the area is the programme's own jurisdiction: who, when and why. Append-only (a database
 * trigger refuses UPDATE and DELETE); the designation that takes an extra place names the override in its history.
 */
@Entity({ name: 'quota_overrides' })
@Check('ck_quota_overrides_places', 'extra_places BETWEEN 1 AND 100')
@Index('ix_quota_overrides_programme', ['programmeId', 'jurisdictionCode', 'createdAt'])
export class QuotaOverrideEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quota_overrides' })
  id: string;

  @ForeignKey(() => ProgrammeEntity, { name: 'FK_quota_overrides_programme' })
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ForeignKey(() => JurisdictionEntity, { name: 'FK_quota_overrides_jurisdiction' })
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'extra_places', type: 'int' })
  extraPlaces: number;

  @Column({ type: 'text' })
  reason: string;

  @ForeignKey(() => UserEntity, { name: 'FK_quota_overrides_created_by' })
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
