import { EnvironmentVariables } from '@app/config';
import {
  type AccountRole,
  DomainError,
  DomainErrorCode,
  type LockoutPolicy,
  lockoutSeconds,
  type Principal,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from './password-hasher';
import { principalOf } from './principal.util';
import { type ClientInfo, type IssuedSession, SessionStore } from './session.store';
import { UserEntity } from './user.entity';

/** The account that signed in, as the client may see it (never the password hash). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  jurisdictionCode: string | null;
  organisationId: string | null;
  /** signed in with a one-time password: every route but POST /auth/password refuses until it is changed */
  mustChangePassword: boolean;
}

export interface SignIn {
  user: SignedInUser;
  principal: Principal;
  session: IssuedSession;
}

/** The one answer to every refused sign-in: unknown user, wrong password, disabled or locked account. */
export const SIGN_IN_REFUSED = 'unknown username or wrong password';

export function signedInUser(user: UserEntity): SignedInUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    jurisdictionCode: user.jurisdictionCode,
    organisationId: user.organisationId,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Checks a username and password and starts a session. An unknown user, a wrong password, a disabled and a locked
 * account get the same answer, and cost the same time: the password is checked against a stand-in hash for an
 * unknown user and against the stored one for a locked account. Each failure of a known, unlocked account counts;
 * SIGN_IN_LOCKOUT_THRESHOLD failures in a row lock it (lockoutSeconds: 1 min, doubling to 1 h by default), and a
 * success clears the count. A hash of an older kind or weaker settings is replaced after a successful check, only
 * if nobody changed it in between.
 */
@Injectable()
export class SignInUseCase {
  private readonly lockout: LockoutPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionStore,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.lockout = {
      threshold: config.get('SIGN_IN_LOCKOUT_THRESHOLD', { infer: true }),
      firstLockSeconds: config.get('SIGN_IN_LOCKOUT_SECONDS', { infer: true }),
      maxLockSeconds: config.get('SIGN_IN_LOCKOUT_MAX_SECONDS', { infer: true }),
    };
  }

  async execute(username: string, password: string, client: ClientInfo = {}): Promise<SignIn> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const check = await verifyPassword(password, user?.passwordHash);
    const locked = user?.lockedUntil != null && user.lockedUntil.getTime() > Date.now();
    if (!user || locked || !user.active || !check.ok) {
      if (user && !locked) await this.countFailure(user.id);
      throw new DomainError(DomainErrorCode.Unauthenticated, SIGN_IN_REFUSED);
    }
    if (user.failedSignIns > 0 || user.lockedUntil) {
      await this.db.getRepository(UserEntity).update({ id: user.id }, { failedSignIns: 0, lockedUntil: null });
    }
    if (check.needsRehash) {
      await this.db
        .getRepository(UserEntity)
        .update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash: await hashPassword(password) });
    }
    return {
      user: signedInUser(user),
      principal: await principalOf(this.db, user),
      session: await this.sessions.start(user, client),
    };
  }

  /** One more failure, counted in one statement (concurrent failures all count); locks the account when due. */
  private async countFailure(userId: string): Promise<void> {
    const [row] = await this.sessions.returning<{ failed_sign_ins: number }>(
      `UPDATE users SET failed_sign_ins = failed_sign_ins + 1
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING failed_sign_ins`,
      [userId],
    );
    const seconds = row ? lockoutSeconds(row.failed_sign_ins, this.lockout) : null;
    if (seconds === null) return;
    await this.db.query(
      `UPDATE users SET locked_until = GREATEST(coalesce(locked_until, now()), now() + make_interval(secs => $2))
        WHERE id = $1`,
      [userId, seconds],
    );
  }
}
