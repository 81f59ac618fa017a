import { Clock, exclusively } from '@app/platform';
import { WorkingCalendarService } from '@app/programmes';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DUE_ITEMS_SOURCES, DueItem, DueItemsSource } from './due-items.source';
import { NotificationKind } from './notification-kinds';
import { EventToNotify, NotificationWriter } from './notification.writer';

/**
 * Reminders and escalations, swept on a timer by the worker (one process at a time, under an advisory lock, on
 * the Clock, so the demo clock counts): an open item due within one working day reminds the regulators who must
 * act, once; an overdue one is escalated to the regulators of the parent jurisdiction (the supervising bureau),
 * once. "Once" is the notifications' event key, recorded with them.
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
    const items = (await Promise.all(this.sources.map((s) => s.open()))).flat();
    const events: EventToNotify[] = [];
    for (const item of items) {
      if (item.dueAt.getTime() <= now.getTime()) events.push(await this.escalation(item));
      else if (item.dueAt.getTime() <= soon.getTime()) events.push(this.reminder(item));
    }
    const done = new Set(
      events.length === 0
        ? []
        : (
            (await this.db.query(`SELECT event_key FROM notification_events WHERE event_key = ANY($1::varchar[])`, [
              events.map((e) => e.eventKey),
            ])) as { event_key: string }[]
          ).map((r) => r.event_key),
    );
    let written = 0;
    for (const e of events.filter((x) => !done.has(x.eventKey)))
      written += await this.db.transaction((tx) => this.writer.write(tx, e));
    return written;
  }

  private reminder(item: DueItem): EventToNotify {
    return {
      ...this.base(item),
      eventKey: `reminder.${item.key}`,
      rules: [
        {
          kind: NotificationKind.DeadlineReminder,
          audience: { type: 'regulators', jurisdictionCode: item.jurisdictionCode },
        },
      ],
    };
  }

  private async escalation(item: DueItem): Promise<EventToNotify> {
    const [j]: { name: string; parent_code: string | null }[] = await this.db.query(
      `SELECT name, parent_code FROM jurisdictions WHERE code = $1`,
      [item.jurisdictionCode],
    );
    const base = this.base(item);
    return {
      ...base,
      eventKey: `escalation.${item.key}`,
      rules: j?.parent_code
        ? [
            {
              kind: NotificationKind.DeadlineEscalation,
              audience: { type: 'regulators', jurisdictionCode: j.parent_code },
            },
          ]
        : [],
      data: { ...base.data, jurisdictionName: j?.name },
    };
  }

  private base(item: DueItem): Omit<EventToNotify, 'eventKey' | 'rules'> {
    return {
      subjectType: 'application',
      subjectId: item.applicationId,
      link: `/applications/${item.applicationId}`,
      actorId: null,
      data: { reference: item.reference, title: item.title, dueAt: item.dueAt, action: item.action },
    };
  }
}
