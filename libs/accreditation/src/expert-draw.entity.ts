import type { AvoidanceRule, DrawSeat } from '@app/domain';
import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/**
 * Append-only (a trigger refuses UPDATE and DELETE): one random draw of experts for an application, with all it
 * needs to be audited and replayed — who drew, when, the seed of the random numbers, the request, the eligible
 * candidates in the order the numbers index, who was excluded and by which avoidance rules, who was drawn.
 */
@Entity({ name: 'expert_draws' })
@Index('ix_expert_draws_application', ['applicationId', 'drawnAt'])
export class ExpertDrawEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'drawn_by', type: 'uuid' })
  drawnBy: string;

  @Column({ name: 'drawn_at', type: 'timestamptz' })
  drawnAt: Date;

  /** 32 random bytes (hex) from crypto: the HMAC-SHA256 key of the draw's random numbers */
  @Column({ type: 'char', length: 64 })
  seed: string;

  /** the seats, the applicant's credit code, the draw's China date and the start of the worked-with window */
  @Column({ type: 'jsonb' })
  request: { seats: DrawSeat[]; applicantCreditCode: string; today: string; workedSince: string };

  @Column({ type: 'jsonb' })
  eligible: string[];

  @Column({ type: 'jsonb' })
  excluded: { evaluatorId: string; rules: AvoidanceRule[] }[];

  @Column({ type: 'jsonb' })
  drawn: { evaluatorId: string; field: string | null }[];

  @Column({ type: 'jsonb' })
  shortfall: { field: string | null; wanted: number; drawn: number }[];
}
