import { EnvironmentVariables } from '@app/config';
import { sendEmailJob, writeOutbox } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { USER_KINDS } from './notification-kinds';
import { NotificationRule } from './notification-rules.util';
import { EmailStatus } from './notification.entity';
import { renderNotification, TemplateData } from './notification-template.util';

/** One event as the writer takes it: its key, its subject and what its recipients may be told. */
export interface EventToNotify {
  /** unique per event: a second write of the same key does nothing */
  eventKey: string;
  subjectType: 'application' | 'disbursement' | 'directory-report' | 'pilot-report' | 'request';
  subjectId: string;
  /** the console's path of the subject */
  link: string;
  /** the user who caused it hears nothing of it */
  actorId: string | null;
  rules: readonly NotificationRule[];
  data: Omit<TemplateData, 'url'>;
}

interface Recipient {
  userId: string | null;
  email: string | null;
  /** the user's own choice for this kind by e-mail; null: the kind's default */
  wantsEmail: boolean | null;
}

/**
 * Turns an event into notification rows, one per recipient, and queues their e-mails through the outbox, all in
 * the caller's transaction; the event's key is recorded there too, so a redelivered event writes nothing.
 */
@Injectable()
export class NotificationWriter {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  /** Answers how many notifications were written (0 when the event was already handled). */
  async write(tx: EntityManager, e: EventToNotify): Promise<number> {
    const url = this.config.get('APP_BASE_URL', { infer: true }).replace(/\/$/, '') + e.link;
    const rows: unknown[][] = [];
    for (const rule of e.rules) {
      const recipients = (await this.recipients(tx, rule)).filter((r) => !r.userId || r.userId !== e.actorId);
      if (recipients.length === 0) continue;
      const byDefault = USER_KINDS.find((k) => k.kind === rule.kind)?.emailByDefault ?? true;
      const rendered = renderNotification(rule.kind, { ...e.data, url });
      for (const r of recipients) {
        // the user's preference for this kind by e-mail, else the kind's default; an outside address always
        const wants = r.userId ? (r.wantsEmail ?? byDefault) : true;
        const status: EmailStatus = !r.email ? 'no-address' : !wants ? 'off' : 'pending';
        rows.push([
          e.eventKey,
          r.userId ?? `mail:${r.email!.toLowerCase()}`,
          r.userId,
          rule.kind,
          rendered.subject.slice(0, 200),
          rendered.text,
          e.link,
          e.subjectType,
          e.subjectId,
          r.email,
          status,
        ]);
      }
    }
    // the event's key and its notifications in one statement: a key already recorded (a redelivered event) writes
    // no notification
    const col = (i: number) => rows.map((r) => r[i]);
    const written: { id: string; email_status: EmailStatus }[] = await tx.query(
      `WITH event AS (INSERT INTO notification_events (event_key) VALUES ($12) ON CONFLICT DO NOTHING RETURNING event_key)
       INSERT INTO notifications (event_key, recipient_key, user_id, kind, title, body, link, subject_type, subject_id, email_to, email_status)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::text[], $7::varchar[],
                            $8::varchar[], $9::uuid[], $10::varchar[], $11::varchar[])
        WHERE EXISTS (SELECT 1 FROM event)
       ON CONFLICT (event_key, recipient_key) DO NOTHING
       RETURNING id, email_status`,
      [...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(col), e.eventKey],
    );
    await writeOutbox(
      tx,
      written.filter((w) => w.email_status === 'pending').map((w) => sendEmailJob(w.id)),
    );
    return written.length;
  }

  /** The rule's recipients, each user with their e-mail preference for the rule's kind (null: none chosen). */
  private async recipients(tx: EntityManager, rule: NotificationRule): Promise<Recipient[]> {
    const a = rule.audience;
    const users = (where: string, param: string, except: readonly string[] = []): Promise<Recipient[]> =>
      tx.query(
        `SELECT u.id AS "userId", u.email, p.email AS "wantsEmail"
           FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $3
          WHERE u.active AND ${where} AND NOT (u.id = ANY($2::uuid[])) ORDER BY u.username`,
        [param, except, rule.kind],
      );
    switch (a.type) {
      case 'organisation':
        return users(`u.organisation_id = $1 AND u.role = 'applicant'`, a.organisationId);
      case 'regulators':
        return users(`u.jurisdiction_code = $1 AND u.role = 'regulator'`, a.jurisdictionCode, a.except);
      case 'finance':
        return users(`u.jurisdiction_code = $1 AND u.role = 'finance'`, a.jurisdictionCode, a.except);
      case 'user':
        return users(`u.id = $1`, a.userId);
      case 'email':
        return [{ userId: null, email: a.address, wantsEmail: null }];
    }
  }
}
