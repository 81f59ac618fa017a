import { EnvironmentVariables } from '@app/config';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';

/** The most answers one process keeps; the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * Is this session still live: not revoked, not past its end, its user present and active and at the token version
 * the session started with (a trigger raises it when role, jurisdiction, organisation or `active` changes)? Asked on
 * every authenticated request; each process keeps an answer for SESSION_CHECK_CACHE_MS (2 s by default, 0 in the
 * tests), so a change is seen at most that long after it is committed. Ending a session in this process forgets its
 * answer at once.
 */
@Injectable()
export class SessionCheck {
  private readonly ttlMs: number;
  private readonly answers = new Map<string, { live: boolean; at: number }>();

  constructor(
    private readonly db: DataSource,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.ttlMs = config.get('SESSION_CHECK_CACHE_MS', { infer: true });
  }

  async isLive(sessionId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.answers.get(sessionId);
    if (cached && now - cached.at < this.ttlMs) return cached.live;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active AND u.token_version = s.token_version`,
      [sessionId],
    );
    const live = rows.length > 0;
    if (this.ttlMs > 0) {
      this.answers.delete(sessionId);
      this.answers.set(sessionId, { live, at: now });
      if (this.answers.size > MAX_ENTRIES) this.answers.delete(this.answers.keys().next().value!);
    }
    return live;
  }

  /** Forgets the answers for these sessions (they were just ended here). */
  forget(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.answers.delete(id);
  }
}
