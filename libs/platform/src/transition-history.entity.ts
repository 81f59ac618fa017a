import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every transition history shares (application_history, disbursement_history): one row per accepted
 * event, append-only (a database trigger refuses UPDATE and DELETE). Each history entity extends it with its
 * table name, the foreign key column of its aggregate and the unique index on (that key, version).
 */
export abstract class TransitionHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** the aggregate's version after this event */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  event: string;

  @Column({ name: 'from_state', type: 'varchar', length: 24, nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 24 })
  toState: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** What a transition records besides the aggregate's id and version (the writer sets both). */
export type TransitionEntry = Pick<
  TransitionHistoryEntity,
  'event' | 'fromState' | 'toState' | 'actorId' | 'actorRole' | 'reason' | 'payload' | 'at'
>;
