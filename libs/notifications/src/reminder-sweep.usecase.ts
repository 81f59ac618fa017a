import { Clock, exclusively } from '@app/platform';
import { WorkingCalendarService } from '@app/programmes';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DUE_ITEMS_SOURCES, DueItem, DueItemsSource } from './due-items.source';
import { NotificationKind } from './notification-kinds';
import { EventToNotify, NotificationWriter } from './notification.writer';

/**
 * Reminders and escalations, swept on a timer by the worker (one process at a time, under an advisory lock, on
 * the Clock, so the demo clock counts): an open item due within one working day reminds whoever must act, once; an
 * overdue one is escalated to the regulators of the supervising bureau, once. "Once" is the notifications' event
 * key, recorded with them, and the source's own mark (the work item's reminded_at, escalated_at) in the same
 * transaction.
 */
@Injectable()
export class ReminderSweepUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendarService,
    private readonly writer: NotificationWriter,
    @Inject(DUE_ITEMS_SOURCES) private readonly sources: DueItemsSource[],
  ) {}

  /** Answers how many notifications it wrote (0 also when another process was sweeping). */
  async execute(): Promise<number> {
    const outcome = await exclusively(this.db, 'notification-reminders', () => this.sweep());
    return outcome.ran ? outcome.value : 0;
  }

  private async sweep(): Promise<number> {
    await this.clock.refresh();
    const now = this.clock.now();
    // due within one working day: before the end of the next working day
    const soon = (await this.calendar.calendar()).noticeWindow(now, 1).endsAt;
    let written = 0;
    for (const source of this.sources) {
      // page by page: each item noted drops out of the next page; one the source answers again is not sent twice
      const seen = new Set<string>();
      for (;;) {
        const page = (await source.open(now, soon)).filter((i) => !seen.has(i.key));
        if (page.length === 0) break;
        for (const item of page) {
          seen.add(item.key);
          const overdue = item.dueAt.getTime() <= now.getTime();
          if (!overdue && item.dueAt.getTime() > soon.getTime()) continue;
          const event = overdue ? await this.escalation(item) : this.reminder(item);
          written += await this.db.transaction(async (tx) => {
            const n = await this.writer.write(tx, event);
            await source.noted(tx, item, overdue ? 'escalated' : 'reminded', now);
            return n;
          });
        }
      }
    }
    return written;
  }

  private reminder(item: DueItem): EventToNotify {
    return {
      ...this.base(item),
      eventKey: `reminder.${item.key}`,
      rules: [{ kind: NotificationKind.DeadlineReminder, audience: item.remind }],
    };
  }

  private async escalation(item: DueItem): Promise<EventToNotify> {
    const [j]: { name: string }[] = await this.db.query(`SELECT name FROM jurisdictions WHERE code = $1`, [
      item.holderJurisdictionCode,
    ]);
    const base = this.base(item);
    return {
      ...base,
      eventKey: `escalation.${item.key}`,
      rules: item.supervisorJurisdictionCode
        ? [
            {
              kind: NotificationKind.DeadlineEscalation,
              audience: { type: 'regulators', jurisdictionCode: item.supervisorJurisdictionCode },
            },
          ]
        : [],
      data: { ...base.data, jurisdictionName: j?.name },
    };
  }

  private base(item: DueItem): Omit<EventToNotify, 'eventKey' | 'rules'> {
    return {
      subjectType: item.subjectType,
      subjectId: item.subjectId,
      link: item.link,
      actorId: null,
      data: { reference: item.reference, title: item.title, dueAt: item.dueAt, action: item.action },
    };
  }
}
