import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What changed about an account (names and values; never a password or its hash). */
export type AccountChange = Record<string, string | boolean | null>;

/** What was done to an account. */
export enum UserEvent {
  Create = 'CREATE',
  AcceptInvitation = 'ACCEPT_INVITATION',
  ChangeAccess = 'CHANGE_ACCESS',
  ResetPassword = 'RESET_PASSWORD',
  ChangePassword = 'CHANGE_PASSWORD',
}

/**
 * Append-only (a trigger refuses UPDATE and DELETE): one row per thing done to an account, by whom, in which role,
 * when, and what changed (never a password or its hash). No foreign keys: it outlives a deleted account.
 */
@Entity({ name: 'user_history' })
@Index('ix_user_history_user', ['userId', 'at'])
export class UserHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 24 })
  event: UserEvent;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'jsonb', default: {} })
  change: AccountChange;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
