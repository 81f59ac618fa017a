import { ACCOUNT_ROLES, type AccountRole, DomainError, DomainErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from './user.entity';

/** What may change about a user's access (staff administration proper comes later). */
export interface UserAccessChange {
  active?: boolean;
  role?: AccountRole;
  jurisdictionCode?: string | null;
}

/**
 * Disables or enables a user, or gives them another role or jurisdiction (the CLI's `user:*` commands). The users
 * table's trigger raises the user's token version and revokes their open sessions in the same statement, so every
 * request with a token issued before is refused (at most SESSION_CHECK_CACHE_MS later) and the refresh tokens are
 * dead. The same happens when the row is changed by plain SQL; deleting the user deletes the sessions.
 */
@Injectable()
export class ChangeUserAccessUseCase {
  constructor(private readonly db: DataSource) {}

  async execute(username: string, change: UserAccessChange): Promise<{ tokenVersion: number; sessionsEnded: number }> {
    if (Object.values(change).every((v) => v === undefined))
      throw new DomainError(DomainErrorCode.ValidationFailed, 'nothing to change', { fields: ['change'] });
    if (change.role !== undefined && !ACCOUNT_ROLES.includes(change.role))
      throw new DomainError(DomainErrorCode.ValidationFailed, `role must be one of ${ACCOUNT_ROLES.join(', ')}`, {
        fields: ['role'],
      });
    return this.db.transaction(async (tx) => {
      const user = await tx
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.username = :username', { username })
        .getOne();
      if (!user) throw new DomainError(DomainErrorCode.NotFound, `no user ${username}`);
      const [{ open }]: { open: number }[] = await tx.query(
        `SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
        [user.id],
      );
      await tx.getRepository(UserEntity).update({ id: user.id }, change);
      const after = await tx.getRepository(UserEntity).findOneByOrFail({ id: user.id });
      return {
        tokenVersion: after.tokenVersion,
        sessionsEnded: after.tokenVersion === user.tokenVersion ? 0 : open,
      };
    });
  }
}
