import { CandidateListState } from '@app/domain';
import { UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One recommending bureau's list of candidates for a programme of the level above (推荐名单): built as a draft, then
 * submitted as a whole, which opens the linked applications in the programme. One list per bureau and programme; its
 * row is the lock that counts the maximum one candidate at a time.
 */
@Entity({ name: 'candidate_lists' })
@Unique('uq_candidate_lists_programme_bureau', ['programmeId', 'bureauCode'])
@Check('ck_candidate_lists_state', `state IN ('draft','submitted')`)
export class CandidateListEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_candidate_lists' })
  id: string;

  /** the programme recommended to (the level above) */
  @ForeignKey(() => ProgrammeEntity, { name: 'FK_candidate_lists_programme' })
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  /** the recommending bureau's jurisdiction */
  @ForeignKey(() => JurisdictionEntity, { name: 'FK_candidate_lists_bureau' })
  @Column({ name: 'bureau_code', type: 'varchar', length: 16 })
  bureauCode: string;

  @Column({ name: 'bureau_path', type: 'text' })
  bureauPath: string;

  @Column({ type: 'varchar', length: 16, default: CandidateListState.Draft })
  state: CandidateListState;

  @ForeignKey(() => UserEntity, { name: 'FK_candidate_lists_submitted_by' })
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
