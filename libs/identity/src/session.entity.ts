import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One refresh token of a signed-in session. Signing in starts a family; each refresh spends the row's token
 * (`rotated_at`) and adds the next row to the family. A spent token presented again revokes the whole family, as
 * does signing out. Access tokens carry the id of the row they were issued with; a request is served only while that
 * row is not revoked and its user still has the token version the session started with (see SessionCheck). Times are
 * the database's: they are compared with the access tokens' wall-clock expiry, not with the business clock.
 */
@Entity({ name: 'sessions' })
@Index('ix_sessions_family', ['familyId'])
@Index('ix_sessions_user', ['userId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => UserEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** the sign-in this token descends from */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  /** SHA-256 (hex) of the refresh token; the token itself is never stored */
  @Column({ name: 'refresh_token_hash', type: 'char', length: 64, unique: true })
  refreshTokenHash: string;

  /** the user's token_version when the family started */
  @Column({ name: 'token_version', type: 'integer' })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** when this row's refresh token was exchanged for the next one (then it may not be used again) */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  /** the end of the family: no refresh after it (the same for every row of a family) */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** signed_out, refresh_token_reused, user_changed, ... */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 64, nullable: true })
  clientIp: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 200, nullable: true })
  userAgent: string | null;
}
