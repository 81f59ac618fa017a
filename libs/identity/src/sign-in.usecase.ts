import { type AccountRole, DomainError, DomainErrorCode, type Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from './password-hasher';
import { principalOf } from './principal.util';
import { UserEntity } from './user.entity';

/** The account that signed in, as the client may see it (never the password hash). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  jurisdictionCode: string | null;
  organisationId: string | null;
}

export interface SignIn {
  user: SignedInUser;
  principal: Principal;
}

/**
 * Checks a username and password. An unknown user, a wrong password and a disabled account get the same answer
 * (and an unknown user costs the same time as a wrong password). A hash of an older kind or weaker settings is
 * replaced after a successful check, only if nobody changed it in between.
 */
@Injectable()
export class SignInUseCase {
  constructor(private readonly db: DataSource) {}

  async execute(username: string, password: string): Promise<SignIn> {
    const user = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const check = await verifyPassword(password, user?.passwordHash);
    if (!user || !check.ok || !user.active) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'unknown username or wrong password');
    }
    if (check.needsRehash) {
      await this.db
        .getRepository(UserEntity)
        .update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash: await hashPassword(password) });
    }
    return {
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        jurisdictionCode: user.jurisdictionCode,
        organisationId: user.organisationId,
      },
      principal: await principalOf(this.db, user),
    };
  }
}
