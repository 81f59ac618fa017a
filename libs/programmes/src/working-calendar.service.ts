import { WorkingCalendar } from '@app/domain';
import { DatabaseNotifications } from '@app/platform';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';

/** The notification a trigger sends when calendar_days or calendar_years change (migration CalendarRevision). */
export const CALENDAR_CHANNEL = 'calendar_changed';

interface Loaded {
  calendar: WorkingCalendar;
  /** calendar_revision as read before the rows (null if the table is empty) */
  revision: string | null;
}

/**
 * Loads the working-day calendar from Postgres and keeps it until it changes, in every process: a change anywhere
 * (this process's use case, another API process, SQL by hand) notifies every listening process, which drops its
 * copy. While this process is not listening (its notification connection is down or not yet up) the copy is used
 * only after a look at calendar_revision shows it is still current; on reconnecting the copy is dropped anyway.
 */
@Injectable()
export class WorkingCalendarService implements OnModuleInit {
  private cached: Promise<Loaded> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly notifications: DatabaseNotifications,
  ) {}

  onModuleInit(): void {
    this.notifications.on(CALENDAR_CHANNEL, () => this.invalidate());
    this.notifications.onResync(() => this.invalidate());
  }

  async calendar(): Promise<WorkingCalendar> {
    const held = this.cached;
    if (held && !this.notifications.listening) {
      const [current, loaded] = await Promise.all([this.revision(), held]);
      if (current !== loaded.revision && this.cached === held) this.cached = null;
    }
    return (await this.loaded()).calendar;
  }

  invalidate(): void {
    this.cached = null;
  }

  private loaded(): Promise<Loaded> {
    if (!this.cached) {
      const loading = this.load();
      this.cached = loading;
      loading.catch(() => {
        if (this.cached === loading) this.cached = null;
      });
    }
    return this.cached;
  }

  private async revision(): Promise<string | null> {
    const rows: { revision: string }[] = await this.db.query(`SELECT revision FROM calendar_revision WHERE id = 1`);
    return rows[0]?.revision ?? null;
  }

  private async load(): Promise<Loaded> {
    // the revision first: a change committed while the rows are read leaves an older revision, so the next check
    // reloads (never the other way round)
    const revision = await this.revision();
    const [days, years] = await Promise.all([
      this.db.getRepository(CalendarDayEntity).find(),
      this.db.getRepository(CalendarYearEntity).find(),
    ]);
    const calendar = new WorkingCalendar({
      overrides: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? undefined })),
      scheduledYears: years.map((y) => y.year),
    });
    return { calendar, revision };
  }
}
