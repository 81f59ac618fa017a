import { UserEntity } from '@app/identity';
import { ProgrammeEntity } from '@app/programmes';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * An evaluator invited to a programme's expert pool from outside the programme's line of jurisdictions (e.g. a
 * Hunan expert invited to a Qingdao programme). Evaluators bound inside or above the programme's jurisdiction are in
 * its pool without a row here (eligibility.util's inExpertPool).
 */
@Entity({ name: 'programme_experts' })
export class ProgrammeExpertEntity {
  @ForeignKey(() => ProgrammeEntity)
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @ForeignKey(() => UserEntity)
  @PrimaryColumn({ name: 'evaluator_id', type: 'uuid' })
  evaluatorId: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy: string;

  @Column({ name: 'invited_at', type: 'timestamptz' })
  invitedAt: Date;
}
