import { DomainError, DomainErrorCode, isIsoDate, type Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { CalendarDay, CalendarQueries, CalendarYear } from './calendar.queries';
import { WorkingCalendarService } from './working-calendar.service';

export interface CalendarYearInput {
  days: (Omit<CalendarDay, 'name'> & { name?: string | null })[];
  /** where the schedule comes from, e.g. the State Council's notice */
  source: string;
}

/**
 * Loads or replaces a year's official schedule (admin): the year's days are replaced and the year marked as
 * scheduled in one transaction, then every working-day count uses the new schedule: this process's at once, the
 * other processes' when the database's notification of the change reaches them (WorkingCalendarService).
 */
@Injectable()
export class LoadCalendarYearUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
    private readonly queries: CalendarQueries,
  ) {}

  async execute(p: Principal, year: number, input: CalendarYearInput): Promise<CalendarYear> {
    const bad = input.days.filter((d) => !isIsoDate(d.date) || !d.date.startsWith(`${year}-`));
    if (bad.length) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        `days must be real dates in ${year}: ${bad.map((d) => d.date).join(', ')}`,
        { fields: ['days'] },
      );
    }
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM calendar_days WHERE date >= $1 AND date <= $2`, [`${year}-01-01`, `${year}-12-31`]);
      if (input.days.length)
        await tx
          .getRepository(CalendarDayEntity)
          .insert(input.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null })));
      await tx
        .getRepository(CalendarYearEntity)
        .upsert({ year, source: input.source, loadedAt: new Date(), loadedBy: p.id }, ['year']);
    });
    this.calendar.invalidate();
    return this.queries.year(year);
  }
}
