import {
  type AccreditationSnapshot,
  AccreditationState,
  JurisdictionLevel,
  type MaterialRecord,
  UnitKind,
} from '@app/domain';
import { OrganisationEntity } from '@app/identity';
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

export type { MaterialRecord };

/**
 * One application for a title. `state` and `version` are columns for querying and optimistic concurrency;
 * `snapshot` is the machine snapshot the workflow engine restores. Only the engine writes state.
 */
@Entity({ name: 'applications' })
@Check(
  'ck_applications_state',
  `state IN ('draft','preliminary_review','revision_requested','recheck','acceptance','public_notice','notice_closed','designated','rejected','withdrawn','revoked','lapsed','expired')`,
)
// written by hand in the migration (operator class and partial index): the generator leaves them alone
@Index('ix_applications_path_prefix', { synchronize: false })
@Index('ix_applications_notice_due', { synchronize: false })
@Index('ix_applications_revision_due', { synchronize: false })
@Index('ix_applications_validity_due', { synchronize: false })
@Index('ix_applications_queue_order', { synchronize: false })
@Index('ix_applications_state_path', { synchronize: false })
@Index('ix_applications_recommended_from', { synchronize: false })
@Index('ix_applications_programme_state', ['programmeId', 'state'])
@Index('ix_applications_organisation', ['organisationId', 'createdAt'])
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** human reference, e.g. `QDFTZ-2026-000042` */
  @Column({ type: 'varchar', length: 48, unique: true })
  reference: string;

  @ForeignKey(() => ProgrammeEntity)
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ForeignKey(() => OrganisationEntity)
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** the applicant's jurisdiction, copied from the organisation when the application is created */
  @ForeignKey(() => JurisdictionEntity)
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath: string;

  @Column({ name: 'unit_kind', type: 'varchar', length: 16 })
  unitKind: UnitKind;

  @Column({ type: 'varchar', length: 16 })
  level: JurisdictionLevel;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 24 })
  state: AccreditationState;

  @Column({ type: 'jsonb' })
  snapshot: AccreditationSnapshot;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  materials: MaterialRecord[];

  /**
   * the version of the programme's rules the application was created under (programme_versions): its notice length,
   * time limits, validity and revision deadline stay those of this version when the programme's rules change
   */
  @Column({ name: 'programme_version', type: 'int', default: 1 })
  programmeVersion: number;

  /** the lower-level designation this application was recommended from */
  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'recommended_from_id', type: 'uuid', nullable: true })
  recommendedFromId: string | null;

  /** for a demonstration base: the designated stations it is built on */
  @Column({ name: 'station_ids', type: 'uuid', array: true, default: () => "'{}'" })
  stationIds: string[];

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'notice_ends_at', type: 'timestamptz', nullable: true })
  noticeEndsAt: Date | null;

  /** a returned application lapses at this instant unless resubmitted (the programme's working days) */
  @Column({ name: 'revision_due_at', type: 'timestamptz', nullable: true })
  revisionDueAt: Date | null;

  @Column({ name: 'designated_at', type: 'timestamptz', nullable: true })
  designatedAt: Date | null;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
