import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Mailer } from './mailer';
import { emailText } from './notification-template.util';

export type SendOutcome = 'sent' | 'already-sent' | 'not-pending' | 'disabled';

/**
 * The send-email job: one notification's e-mail over SMTP, outside any transaction. A notification already sent is
 * not sent again (a redelivered job); without SMTP_URL it is marked disabled; a failure is recorded and thrown, so the queue retries with backoff, and the
 * last failed attempt marks it failed. A crash between the send and the mark sends once more (at least once).
 */
@Injectable()
export class SendEmailUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly mailer: Mailer,
  ) {}

  async execute(notificationId: string, finalAttempt: boolean): Promise<SendOutcome> {
    const [n]: { email_to: string | null; title: string; body: string; email_status: string }[] = await this.db.query(
      `SELECT email_to, title, body, email_status FROM notifications WHERE id = $1`,
      [notificationId],
    );
    if (!n || !n.email_to) return 'not-pending';
    if (n.email_status === 'sent') return 'already-sent';
    if (!this.mailer.enabled) {
      // this process has no SMTP server (SMTP_URL empty): said once at boot, recorded on each notification
      await this.db.query(
        `UPDATE notifications SET email_status = 'disabled' WHERE id = $1 AND email_status = 'pending'`,
        [notificationId],
      );
      return 'disabled';
    }
    try {
      await this.mailer.send({
        to: n.email_to,
        subject: n.title,
        text: emailText(n.body),
        messageId: `${notificationId}@notifications.accreditation`,
      });
    } catch (e) {
      await this.db.query(
        `UPDATE notifications SET email_attempts = email_attempts + 1, email_error = $2,
                email_status = CASE WHEN $3::boolean THEN 'failed' ELSE email_status END
          WHERE id = $1`,
        [notificationId, e instanceof Error ? e.message.slice(0, 500) : String(e), finalAttempt],
      );
      throw e;
    }
    await this.db.query(
      `UPDATE notifications SET email_status = 'sent', email_sent_at = now(), email_attempts = email_attempts + 1,
              email_error = NULL WHERE id = $1`,
      [notificationId],
    );
    return 'sent';
  }
}
