import { UserEntity } from '@app/identity';
import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApplicationEntity } from './application.entity';

export type ReinspectionStatus = 'scheduled' | 'passed' | 'failed' | 'cancelled';

/**
 * One yearly re-inspection (回访/巡查) of a designated title: scheduled at designation and after each pass, one a
 * year while the title is valid; recorded by a regulator as passed or failed with findings. A failure ends the
 * title (FAIL_REINSPECTION on the application); the title ending otherwise cancels the one still scheduled.
 */
@Entity({ name: 'reinspections' })
@Unique('uq_reinspections_application_seq', ['applicationId', 'seq'])
@Check('ck_reinspections_status', `status IN ('scheduled','passed','failed','cancelled')`)
export class ReinspectionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_reinspections' })
  id: string;

  @ForeignKey(() => ApplicationEntity, { name: 'FK_reinspections_application' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  /** 1 for the first year after designation, 2 for the second, ... */
  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status: ReinspectionStatus;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @ForeignKey(() => UserEntity, { name: 'FK_reinspections_recorded_by' })
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** when the bureau was reminded that it falls due (the reminder sweep, once) */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  /** when the supervising bureau heard that it is overdue (once) */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;
}
