import { EnvironmentVariables } from '@app/config';
import { type AccountRole } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { SessionCheck } from './session-check';
import { SessionStore } from './session.store';
import { newOpaqueToken, opaqueTokenHash } from './session-token.util';

/** Who a redeemed ticket lets in: the session it was issued for and that session's user. */
export interface DashboardEntry {
  sessionId: string;
  userId: string;
  role: AccountRole;
}

/**
 * Tickets that open the queue dashboard in a browser without a token in the URL: issued to a signed-in session,
 * valid for DASHBOARD_TICKET_TTL_SECONDS and once only (spent in one statement), and worth nothing once the session
 * has ended.
 */
@Injectable()
export class DashboardTicketsUseCase {
  private readonly ttlSeconds: number;

  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionStore,
    private readonly check: SessionCheck,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.ttlSeconds = config.get('DASHBOARD_TICKET_TTL_SECONDS', { infer: true });
  }

  async issue(sessionId: string): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = newOpaqueToken();
    await this.db.query(
      `INSERT INTO dashboard_tickets (session_id, ticket_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [sessionId, opaqueTokenHash(ticket), this.ttlSeconds],
    );
    return { ticket, expiresIn: this.ttlSeconds };
  }

  /** Spends a ticket: its session and user, or null when it is unknown, used, expired or its session has ended. */
  async redeem(ticket: string): Promise<DashboardEntry | null> {
    const [row] = await this.sessions.returning<{ session_id: string; user_id: string; role: AccountRole }>(
      `UPDATE dashboard_tickets t SET used_at = now() FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE t.ticket_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND s.id = t.session_id
        RETURNING t.session_id, u.id AS user_id, u.role`,
      [opaqueTokenHash(ticket)],
    );
    if (!row || !(await this.check.isLive(row.session_id))) return null;
    return { sessionId: row.session_id, userId: row.user_id, role: row.role };
  }
}
