import { type RequestEvent, type RequestState } from '@app/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The request's history: who did what, from which state to which, when and why (append-only). */
@Entity({ name: 'enterprise_request_events' })
@Index('ix_enterprise_request_events_request', ['requestId', 'at'])
export class EnterpriseRequestEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'varchar', length: 16 })
  event: RequestEvent;

  @Column({ name: 'from_state', type: 'varchar', length: 16, nullable: true })
  fromState: RequestState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 16 })
  toState: RequestState;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
