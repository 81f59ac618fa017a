import { ProgrammeEntity } from '@app/programmes';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * The national pilot programme's call (seed 000 §四): the day by which each province forwards its ranked list of
 * pre-reviewed applications (择优上报, 2022: 15 May), and the fewest regions the national office means to announce
 * (15; the most is the programme's quota, 20). One row per pilot programme, kept by its national regulators.
 */
@Entity({ name: 'pilot_calls' })
@Check('ck_pilot_calls_min', 'min_designations IS NULL OR min_designations > 0')
export class PilotCallEntity {
  @ForeignKey(() => ProgrammeEntity, { name: 'FK_pilot_calls_programme' })
  @PrimaryColumn({ name: 'programme_id', type: 'uuid', primaryKeyConstraintName: 'PK_pilot_calls' })
  programmeId: string;

  /** the last day (China date, inclusive) for the provinces' ranked lists */
  @Column({ name: 'pre_review_due_on', type: 'date' })
  preReviewDueOn: string;

  @Column({ name: 'min_designations', type: 'int', nullable: true })
  minDesignations: number | null;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
