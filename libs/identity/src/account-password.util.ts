import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { SessionEndReason } from './session.store';

/** A one-time password for a reset or a new staff account: 16 random URL-safe characters (96 bits). */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Ends every session of the user (a password was changed or reset): raises the token version, so access tokens
 * already issued are refused, and revokes the refresh tokens. Inside the caller's transaction.
 */
export async function endSessionsOf(tx: EntityManager, userId: string): Promise<void> {
  await tx.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
  await tx.query(
    `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId, SessionEndReason.PasswordChanged],
  );
}
