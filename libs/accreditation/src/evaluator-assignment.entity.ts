import { DimensionScores } from '@app/domain';
import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** An evaluator on an application's panel, with their score sheet once submitted. */
@Entity({ name: 'evaluator_assignments' })
@Index('uq_evaluator_assignments', ['applicationId', 'evaluatorId'], { unique: true })
@Index('ix_evaluator_assignments_evaluator', ['evaluatorId', 'status'])
export class EvaluatorAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'evaluator_id', type: 'uuid' })
  evaluatorId: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'excused';

  @Column({ name: 'assigned_by', type: 'uuid' })
  assignedBy: string;

  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' })
  assignedAt: Date;

  @Column({ name: 'conflict_reason', type: 'text', nullable: true })
  conflictReason: string | null;

  @Column({ name: 'excused_at', type: 'timestamptz', nullable: true })
  excusedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  scores: DimensionScores | null;

  /** weighted score in hundredths of a point (0..10000) */
  @Column({ name: 'weighted_score', type: 'int', nullable: true })
  weightedScore: number | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'scored_at', type: 'timestamptz', nullable: true })
  scoredAt: Date | null;
}
