import { EnvironmentVariables } from '@app/config';
import { sendEmailJob, writeOutbox } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager } from 'typeorm';
import { USER_KINDS } from './notification-kinds';
import { Audience, NotificationRule } from './notification-rules.util';
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
    const [first] = await tx.query(
      `INSERT INTO notification_events (event_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_key`,
      [e.eventKey],
    );
    if (!first) return 0;
    const url = this.config.get('APP_BASE_URL', { infer: true }).replace(/\/$/, '') + e.link;
    const rows: unknown[][] = [];
    for (const rule of e.rules) {
      const recipients = (await this.recipients(tx, rule.audience)).filter((r) => !r.userId || r.userId !== e.actorId);
      if (recipients.length === 0) continue;
      const wants = await this.emailWanted(tx, rule, recipients);
      const rendered = renderNotification(rule.kind, { ...e.data, url });
      for (const r of recipients) {
        const status: EmailStatus = !r.email ? 'no-address' : !wants(r) ? 'off' : 'pending';
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
    if (rows.length === 0) return 0;
    const col = (i: number) => rows.map((r) => r[i]);
    const written: { id: string; email_status: EmailStatus }[] = await tx.query(
      `INSERT INTO notifications (event_key, recipient_key, user_id, kind, title, body, link, subject_type, subject_id, email_to, email_status)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::text[], $7::varchar[],
                            $8::varchar[], $9::uuid[], $10::varchar[], $11::varchar[])
       ON CONFLICT (event_key, recipient_key) DO NOTHING
       RETURNING id, email_status`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(col),
    );
    await writeOutbox(
      tx,
      written.filter((w) => w.email_status === 'pending').map((w) => sendEmailJob(w.id)),
    );
    return written.length;
  }

  private async recipients(tx: EntityManager, a: Audience): Promise<Recipient[]> {
    const users = (where: string, param: string, except: readonly string[] = []): Promise<Recipient[]> =>
      tx.query(
        `SELECT id AS "userId", email FROM users WHERE active AND ${where} AND NOT (id = ANY($2::uuid[])) ORDER BY username`,
        [param, except],
      );
    switch (a.type) {
      case 'organisation':
        return users(`organisation_id = $1 AND role = 'applicant'`, a.organisationId);
      case 'regulators':
        return users(`jurisdiction_code = $1 AND role = 'regulator'`, a.jurisdictionCode, a.except);
      case 'finance':
        return users(`jurisdiction_code = $1 AND role = 'finance'`, a.jurisdictionCode, a.except);
      case 'user':
        return users(`id = $1`, a.userId);
      case 'email':
        return [{ userId: null, email: a.address }];
    }
  }

  /** Whether each user wants this kind by e-mail: their preference, else the kind's default. */
  private async emailWanted(
    tx: EntityManager,
    rule: NotificationRule,
    recipients: readonly Recipient[],
  ): Promise<(r: Recipient) => boolean> {
    const ids = recipients.flatMap((r) => (r.userId ? [r.userId] : []));
    const chosen = new Map<string, boolean>(
      ids.length === 0
        ? []
        : (
            (await tx.query(
              `SELECT user_id, email FROM notification_preferences WHERE kind = $1 AND user_id = ANY($2::uuid[])`,
              [rule.kind, ids],
            )) as { user_id: string; email: boolean }[]
          ).map((p) => [p.user_id, p.email]),
    );
    const byDefault = USER_KINDS.find((k) => k.kind === rule.kind)?.emailByDefault ?? true;
    return (r) => (r.userId ? (chosen.get(r.userId) ?? byDefault) : true);
  }
}
