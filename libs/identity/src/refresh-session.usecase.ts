import { DomainError, DomainErrorCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { principalOf } from './principal.util';
import { type ClientInfo, SessionEndReason, SessionStore } from './session.store';
import { opaqueTokenHash } from './session-token.util';
import { type SignIn, signedInUser } from './sign-in.usecase';
import { UserEntity } from './user.entity';

const REFUSED = 'the refresh token is invalid, expired, already used or its session has ended; sign in again';

/**
 * Exchanges a refresh token for the next one of its session (rotation) and the current account. The token is spent in
 * one statement, so of two concurrent exchanges one wins. A spent token presented again means it was copied: the
 * whole session (every row of the family) is revoked, so the thief's and the owner's tokens both stop working. A
 * session whose user was disabled, deleted or changed since it started is ended too.
 */
@Injectable()
export class RefreshSessionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionStore,
  ) {}

  async execute(refreshToken: string, client: ClientInfo = {}): Promise<SignIn> {
    const hash = opaqueTokenHash(refreshToken);
    const outcome = await this.db.transaction(async (tx) => {
      const [spent] = await this.sessions.returning<{
        id: string;
        user_id: string;
        family_id: string;
        token_version: number;
        expires_at: Date;
      }>(
        `UPDATE sessions SET rotated_at = now()
          WHERE refresh_token_hash = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, user_id, family_id, token_version, expires_at`,
        [hash],
        tx,
      );
      if (!spent) return { refused: 'not-live' as const };
      const user = await tx.getRepository(UserEntity).findOneBy({ id: spent.user_id });
      if (!user || !user.active || user.tokenVersion !== spent.token_version)
        return { refused: 'user-changed' as const, sessionId: spent.id };
      const next = await this.sessions.next(
        tx,
        {
          userId: user.id,
          familyId: spent.family_id,
          tokenVersion: spent.token_version,
          expiresAt: spent.expires_at,
        },
        client,
      );
      return { refused: null, user, session: next, principal: await principalOf(tx, user) };
    });
    if (outcome.refused === null)
      return { user: signedInUser(outcome.user), principal: outcome.principal, session: outcome.session };
    if (outcome.refused === 'user-changed') {
      await this.sessions.endFamilyOf(outcome.sessionId, SessionEndReason.UserChanged);
    } else {
      const [reused]: { id: string }[] = await this.db.query(
        `SELECT id FROM sessions WHERE refresh_token_hash = $1 AND rotated_at IS NOT NULL AND revoked_at IS NULL`,
        [hash],
      );
      if (reused) await this.sessions.endFamilyOf(reused.id, SessionEndReason.RefreshTokenReused);
    }
    throw new DomainError(DomainErrorCode.Unauthenticated, REFUSED);
  }
}
