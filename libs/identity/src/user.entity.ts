import { type AccountRole } from '@app/domain';
import { JurisdictionEntity } from '@app/programmes';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

@Entity({ name: 'users' })
@Check(
  'ck_users_binding',
  `(role <> 'applicant' OR organisation_id IS NOT NULL) AND (role NOT IN ('regulator', 'finance', 'admin') OR jurisdiction_code IS NOT NULL)`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: AccountRole;

  /** regulators, finance staff and admins are bound to a jurisdiction; evaluators may be */
  @ForeignKey(() => JurisdictionEntity)
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16, nullable: true })
  jurisdictionCode: string | null;

  /** applicants act for one organisation */
  @ForeignKey(() => OrganisationEntity)
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** where notifications are e-mailed (set by the user under /me/email); null: in-app only */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** whether the address was confirmed; a changed address is not (no confirmation flow yet) */
  @Column({ name: 'email_verified', type: 'boolean', default: false })
  emailVerified: boolean;

  /**
   * raised by a trigger whenever role, jurisdiction, organisation or `active` changes (by the CLI or by plain SQL):
   * a session started at another version is no longer live
   */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  /** consecutive failed sign-ins; back to 0 at a successful one */
  @Column({ name: 'failed_sign_ins', type: 'integer', default: 0 })
  failedSignIns: number;

  /** sign-in is refused (with the same answer as a wrong password) until then */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** set by a password reset (a one-time password): every route but POST /auth/password refuses until it is changed */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** the administrator who created a staff account, or the user whose invitation it accepted (null: seed or registration) */
  @ForeignKey(() => UserEntity)
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
