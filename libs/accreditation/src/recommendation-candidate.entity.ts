import { UserEntity } from '@app/identity';
import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { CandidateListEntity } from './candidate-list.entity';

/** One designation on a recommending bureau's list: listed, withdrawn before submission, or recommended. */
export type CandidateStatus = 'listed' | 'withdrawn' | 'recommended';

/**
 * A candidate on a list (推荐对象): the lower-level designation, who put it there and, once the list is submitted,
 * the application it opened in the upper programme. A designation is on at most one live entry per programme (a
 * partial unique index written in the migration).
 */
@Entity({ name: 'recommendation_candidates' })
@Check('ck_recommendation_candidates_status', `status IN ('listed','withdrawn','recommended')`)
@Index('uq_recommendation_candidates_live', { synchronize: false })
@Index('ix_recommendation_candidates_list', ['listId', 'addedAt'])
export class RecommendationCandidateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_recommendation_candidates' })
  id: string;

  @ForeignKey(() => CandidateListEntity, { name: 'FK_recommendation_candidates_list' })
  @Column({ name: 'list_id', type: 'uuid' })
  listId: string;

  /** the upper programme, copied from the list for the uniqueness of live entries */
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  /** the lower-level designation recommended */
  @ForeignKey(() => ApplicationEntity, { name: 'FK_recommendation_candidates_application' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 16, default: 'listed' })
  status: CandidateStatus;

  @ForeignKey(() => UserEntity, { name: 'FK_recommendation_candidates_added_by' })
  @Column({ name: 'added_by', type: 'uuid' })
  addedBy: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt: Date;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdraw_reason', type: 'varchar', length: 500, nullable: true })
  withdrawReason: string | null;

  /** the application the submission opened in the upper programme */
  @ForeignKey(() => ApplicationEntity, { name: 'FK_recommendation_candidates_upper' })
  @Column({ name: 'upper_application_id', type: 'uuid', nullable: true })
  upperApplicationId: string | null;
}
