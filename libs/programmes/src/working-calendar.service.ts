import { WorkingCalendar } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';

/** Loads the working-day calendar from Postgres, cached until an edit invalidates it. */
@Injectable()
export class WorkingCalendarService {
  private cached: Promise<WorkingCalendar> | null = null;

  constructor(private readonly db: DataSource) {}

  calendar(): Promise<WorkingCalendar> {
    this.cached ??= this.load().catch((e: unknown) => {
      this.cached = null;
      throw e;
    });
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  private async load(): Promise<WorkingCalendar> {
    const [days, years] = await Promise.all([
      this.db.getRepository(CalendarDayEntity).find(),
      this.db.getRepository(CalendarYearEntity).find(),
    ]);
    return new WorkingCalendar({
      overrides: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? undefined })),
      scheduledYears: years.map((y) => y.year),
    });
  }
}
