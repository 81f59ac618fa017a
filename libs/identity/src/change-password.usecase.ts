import { DomainError, DomainErrorCode, passwordProblem } from '@app/domain';
import { Clock } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endSessionsOf } from './account-password.util';
import { hashPassword, verifyPassword } from './password-hasher';
import { principalOf } from './principal.util';
import { type ClientInfo, SessionStore } from './session.store';
import { type SignIn, signedInUser } from './sign-in.usecase';
import { UserHistoryEntity, UserEvent } from './user-history.entity';
import { UserEntity } from './user.entity';

/**
 * A signed-in user changes their own password (the only thing a holder of a one-time password may do): the current
 * one must be right and the new one must meet the policy and differ from it. Every session of the user ends, the
 * flag is cleared, and a new session starts, so the answer is a fresh sign-in.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, current: string, next: string, client: ClientInfo = {}): Promise<SignIn> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user || !user.active)
      throw new DomainError(DomainErrorCode.Unauthenticated, 'sign in first: POST /auth/login');
    if (!(await verifyPassword(current, user.passwordHash)).ok)
      throw new DomainError(DomainErrorCode.ValidationFailed, 'currentPassword is wrong', {
        fields: ['currentPassword'],
      });
    const weak = passwordProblem(next, user.username);
    if (weak) throw new DomainError(DomainErrorCode.ValidationFailed, weak, { fields: ['newPassword'] });
    if (next === current)
      throw new DomainError(DomainErrorCode.ValidationFailed, 'newPassword must differ from the current one', {
        fields: ['newPassword'],
      });
    const passwordHash = await hashPassword(next);
    const changed = await this.db.transaction(async (tx) => {
      // only if nobody changed the password in between (a reset by an administrator wins)
      const result = await tx
        .getRepository(UserEntity)
        .update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash, mustChangePassword: false });
      if (!result.affected)
        throw new DomainError(DomainErrorCode.VersionConflict, 'your password was changed meanwhile; sign in again');
      await endSessionsOf(tx, user.id);
      await tx.getRepository(UserHistoryEntity).insert({
        userId: user.id,
        event: UserEvent.ChangePassword,
        actorId: user.id,
        actorRole: user.role,
        change: { mustChangePassword: false },
        at: this.clock.now(),
      });
      return tx.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    });
    return {
      user: signedInUser(changed),
      principal: await principalOf(this.db, changed),
      session: await this.sessions.start(changed, client),
    };
  }
}
