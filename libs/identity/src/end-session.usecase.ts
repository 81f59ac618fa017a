import { Injectable } from '@nestjs/common';
import { SessionEndReason, SessionStore } from './session.store';

/**
 * Signing out: ends the session an access token was issued for (every row of its family, so neither its access
 * tokens nor its refresh token work any more). Ending a session that has already ended changes nothing.
 */
@Injectable()
export class EndSessionUseCase {
  constructor(private readonly sessions: SessionStore) {}

  async execute(sessionId: string): Promise<void> {
    await this.sessions.endFamilyOf(sessionId, SessionEndReason.SignedOut);
  }
}
