import { DomainError, DomainErrorCode, type Principal } from '@app/domain';
import { Clock, pageOf, type Page } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUserKind, NotificationKind, USER_KINDS } from './notification-kinds';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';

/** A notification as its recipient reads it (the entity: apps import no entity). */
export type MyNotification = Pick<
  NotificationEntity,
  'id' | 'kind' | 'title' | 'body' | 'link' | 'subjectType' | 'subjectId' | 'createdAt' | 'readAt' | 'emailStatus'
>;

export interface NotificationPreference {
  kind: NotificationKind;
  label: string;
  /** always true: in-app notifications cannot be turned off */
  inApp: true;
  email: boolean;
}

/** A user's own notifications and preferences: every query is bound to the caller's id, nobody reads another's. */
@Injectable()
export class MyNotificationsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  private userOf(p: Principal): string {
    if (!p.id) throw new DomainError(DomainErrorCode.Unauthenticated, 'sign in first: POST /auth/login');
    return p.id;
  }

  /** Newest first; `unreadFirst` puts the unread ones before the read ones. */
  async list(
    p: Principal,
    q: { page: number; pageSize: number; unreadFirst?: boolean; unreadOnly?: boolean },
  ): Promise<Page<MyNotification>> {
    const qb = this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :me', { me: this.userOf(p) });
    if (q.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (q.unreadFirst) qb.orderBy('(n.read_at IS NULL)', 'DESC').addOrderBy('n.created_at', 'DESC');
    else qb.orderBy('n.created_at', 'DESC');
    qb.addOrderBy('n.id', 'DESC');
    return pageOf(qb, q.page, q.pageSize);
  }

  async unreadCount(p: Principal): Promise<number> {
    const [{ count }] = await this.db.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [this.userOf(p)],
    );
    return count;
  }

  /** Marks one of the caller's notifications read (again: no change); another's answers 404. */
  async markRead(p: Principal, id: string): Promise<MyNotification> {
    const now = this.clock.now();
    const repo = this.db.getRepository(NotificationEntity);
    await repo
      .createQueryBuilder()
      .update()
      .set({ readAt: now })
      .where('id = :id AND user_id = :me AND read_at IS NULL', { id, me: this.userOf(p) })
      .execute();
    const n = await repo.findOneBy({ id, userId: this.userOf(p) });
    if (!n) throw new DomainError(DomainErrorCode.NotFound, `notification ${id} not found`);
    return n;
  }

  /** Marks every unread notification of the caller read; answers how many changed. */
  async markAllRead(p: Principal): Promise<number> {
    const now = this.clock.now();
    const r = await this.db
      .getRepository(NotificationEntity)
      .createQueryBuilder()
      .update()
      .set({ readAt: now })
      .where('user_id = :me AND read_at IS NULL', { me: this.userOf(p) })
      .execute();
    return r.affected ?? 0;
  }

  async preferences(p: Principal): Promise<NotificationPreference[]> {
    const rows = await this.db.getRepository(NotificationPreferenceEntity).findBy({ userId: this.userOf(p) });
    const chosen = new Map(rows.map((r) => [r.kind, r.email]));
    return USER_KINDS.map((k) => ({
      kind: k.kind,
      label: k.label,
      inApp: true,
      email: chosen.get(k.kind) ?? k.emailByDefault,
    }));
  }

  /** Sets the e-mail choice of the kinds given; the others keep theirs. */
  async setPreferences(
    p: Principal,
    changes: readonly { kind: string; email: boolean }[],
  ): Promise<NotificationPreference[]> {
    const unknown = changes.filter((c) => !isUserKind(c.kind)).map((c) => c.kind);
    if (unknown.length > 0)
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        `unknown notification kind ${unknown.join(', ')}; the kinds are ${USER_KINDS.map((k) => k.kind).join(', ')}`,
        { fields: ['preferences'] },
      );
    const userId = this.userOf(p);
    if (changes.length > 0)
      await this.db.getRepository(NotificationPreferenceEntity).upsert(
        changes.map((c) => ({ userId, kind: c.kind as NotificationKind, email: c.email })),
        ['userId', 'kind'],
      );
    return this.preferences(p);
  }

  /** The caller's e-mail address for notifications (null removes it); a new address is not yet verified. */
  async setEmail(p: Principal, email: string | null): Promise<{ email: string | null; emailVerified: boolean }> {
    const userId = this.userOf(p);
    const address = email?.trim() || null;
    const [row]: { email: string | null; email_verified: boolean }[][] = await this.db.query(
      `UPDATE users SET email = $2::varchar,
              email_verified = CASE WHEN email IS NOT DISTINCT FROM $2::varchar THEN email_verified ELSE false END
        WHERE id = $1 RETURNING email, email_verified`,
      [userId, address],
    );
    const updated = row[0];
    if (!updated) throw new DomainError(DomainErrorCode.NotFound, `user ${userId} not found`);
    return { email: updated.email, emailVerified: updated.email_verified };
  }
}
