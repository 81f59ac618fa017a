import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EvaluatorInvitationEntity } from './evaluator-invitation.entity';

/** The events of an invitation, named as notifications would hook them. */
export enum InvitationEvent {
  Invited = 'evaluator.invited',
  Accepted = 'evaluator.invitation_accepted',
  Declined = 'evaluator.invitation_declined',
  Expired = 'evaluator.invitation_expired',
}

/**
 * Append-only (a trigger refuses UPDATE and DELETE): what happened to an invitation, who did it, when and why,
 * written in the transaction of the change, with the ids of the people a notification should reach.
 */
@Entity({ name: 'invitation_history' })
@Index('ix_invitation_history_invitation', ['invitationId', 'at'])
@Index('ix_invitation_history_application', ['applicationId', 'at'])
export class InvitationHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => EvaluatorInvitationEntity)
  @Column({ name: 'invitation_id', type: 'uuid' })
  invitationId: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 48 })
  event: InvitationEvent;

  /** null for the system (expiry) */
  @ForeignKey(() => UserEntity)
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** who should hear of it: the evaluator for an invitation, the inviting regulator for an answer or an expiry */
  @Column({ name: 'recipient_ids', type: 'uuid', array: true })
  recipientIds: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;
}
