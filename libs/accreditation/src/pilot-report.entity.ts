import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/**
 * One semi-annual progress report a designated pilot region owes (seed 000 §四(三): each 30 June and 31 December of
 * the three-year pilot, to the national office and its province), created at designation. The region's users submit
 * it once; `overdue_at` flags one still missing after its due day (and the reminder and the escalation were sent
 * once each: `reminded_at`, `overdue_at`).
 */
@Entity({ name: 'pilot_reports' })
@Unique('uq_pilot_reports_application_due', ['applicationId', 'dueOn'])
@Index('ix_pilot_reports_open', ['dueOn'], { where: 'submitted_at IS NULL' })
@Index('ix_pilot_reports_half', ['programmeId', 'halfYear'])
export class PilotReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_pilot_reports' })
  id: string;

  /** the pilot region's designation */
  @ForeignKey(() => ApplicationEntity, { name: 'FK_pilot_reports_application' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** the region's jurisdiction path (its province is the path's second code) */
  @Column({ name: 'jurisdiction_path', type: 'varchar', length: 200 })
  jurisdictionPath: string;

  /** e.g. 2027-H1 */
  @Column({ name: 'half_year', type: 'varchar', length: 7 })
  halfYear: string;

  /** 30 June or 31 December (China date): due until the end of that day */
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  /** flagged overdue (escalated) at */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
