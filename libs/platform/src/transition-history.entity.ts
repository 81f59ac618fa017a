import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every transition history shares (application_history, disbursement_history): one row per accepted
 * event, append-only (a database trigger refuses UPDATE and DELETE, and the application's database role may only
 * read and insert), and tamper-evident: each row's hash covers its content and the previous row's hash
 * (history-chain.util.ts). Each history entity extends it with its table name, the foreign key column of its
 * aggregate and the unique index on (that key, version).
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

  /** the hash of the row one version earlier; null for version 1 */
  @Column({ name: 'prev_hash', type: 'bytea', nullable: true })
  prevHash: Buffer | null;

  /** SHA-256(prev_hash ‖ SHA-256(canonical content)), written by the TransitionWriter's statement */
  @Column({ type: 'bytea' })
  hash: Buffer;
}

/** What a transition records besides the aggregate's id and version (the writer sets both). */
export type TransitionEntry = Pick<
  TransitionHistoryEntity,
  'event' | 'fromState' | 'toState' | 'actorId' | 'actorRole' | 'reason' | 'payload' | 'at'
>;
