import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * A colleague invited by a user of an organisation: the token (only its SHA-256 stored) works once, until it expires;
 * accepting it creates the colleague's account with the password they choose.
 */
@Entity({ name: 'invitations' })
@Index('ix_invitations_organisation', ['organisationId', 'createdAt'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => OrganisationEntity)
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash: string;

  /** whom the inviter meant (the account's display name unless the invitee gives another) */
  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'accepted_user_id', type: 'uuid', nullable: true })
  acceptedUserId: string | null;
}
