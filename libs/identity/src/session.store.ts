import { EnvironmentVariables } from '@app/config';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { SessionCheck } from './session-check';
import { newOpaqueToken, opaqueTokenHash } from './session-token.util';

/** Where a sign-in or a refresh came from (kept on the session row, for the user's and the auditor's eyes). */
export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

/** A session row just written: the refresh token is in the answer only, never stored. */
export interface IssuedSession {
  /** the row's id, carried by the access tokens issued with it */
  sessionId: string;
  familyId: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Why a session was ended (sessions.revoked_reason). */
export enum SessionEndReason {
  SignedOut = 'signed_out',
  RefreshTokenReused = 'refresh_token_reused',
  UserChanged = 'user_changed',
  PasswordChanged = 'password_changed',
}

/** Rows of the sessions table: start a family, add its next row, revoke it. Times are the database's. */
@Injectable()
export class SessionStore {
  private readonly ttlSeconds: number;

  constructor(
    private readonly db: DataSource,
    private readonly check: SessionCheck,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.ttlSeconds = config.get('SESSION_TTL_SECONDS', { infer: true });
  }

  /** A new family for a user who just signed in, ending SESSION_TTL_SECONDS from now. */
  start(user: { id: string; tokenVersion: number }, client: ClientInfo): Promise<IssuedSession> {
    return this.insert(this.db.manager, {
      userId: user.id,
      familyId: null,
      tokenVersion: user.tokenVersion,
      expiresAt: null,
      client,
    });
  }

  /** The next row of a family, with its end and token version, inside the caller's transaction. */
  next(
    tx: EntityManager,
    previous: { userId: string; familyId: string; tokenVersion: number; expiresAt: Date },
    client: ClientInfo,
  ): Promise<IssuedSession> {
    return this.insert(tx, { ...previous, client });
  }

  /** Revokes every open row of the family of `sessionId`; answers how many rows it ended. */
  async endFamilyOf(sessionId: string, reason: SessionEndReason): Promise<number> {
    const rows = await this.returning<{ id: string }>(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE family_id = (SELECT family_id FROM sessions WHERE id = $1) AND revoked_at IS NULL RETURNING id`,
      [sessionId, reason],
    );
    this.check.forget(rows.map((r) => r.id));
    return rows.length;
  }

  /** Rows of an UPDATE … RETURNING (the driver answers [rows, count] for those). */
  async returning<T>(sql: string, params: unknown[], tx: EntityManager = this.db.manager): Promise<T[]> {
    const result: unknown = await tx.query(sql, params);
    return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
  }

  private async insert(
    tx: EntityManager,
    row: {
      userId: string;
      familyId: string | null;
      tokenVersion: number;
      expiresAt: Date | null;
      client: ClientInfo;
    },
  ): Promise<IssuedSession> {
    const refreshToken = newOpaqueToken();
    const [created]: { id: string; family_id: string; expires_at: Date }[] = await tx.query(
      `INSERT INTO sessions (user_id, family_id, refresh_token_hash, token_version, expires_at, client_ip, user_agent)
       VALUES ($1, coalesce($2::uuid, gen_random_uuid()), $3, $4, coalesce($5::timestamptz, now() + make_interval(secs => $6)), $7, $8)
       RETURNING id, family_id, expires_at`,
      [
        row.userId,
        row.familyId,
        opaqueTokenHash(refreshToken),
        row.tokenVersion,
        row.expiresAt,
        this.ttlSeconds,
        row.client.ip?.slice(0, 64) ?? null,
        row.client.userAgent?.slice(0, 200) ?? null,
      ],
    );
    return { sessionId: created.id, familyId: created.family_id, refreshToken, expiresAt: created.expires_at };
  }
}
