import { type CalendarDayKind } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
}

export interface CalendarYear {
  year: number;
  /** whether the official schedule of the year is loaded */
  scheduled: boolean;
  source: string | null;
  note: string | null;
  days: CalendarDay[];
}

/** The working-day calendar as stored: holidays and make-up working days per year. */
@Injectable()
export class CalendarQueries {
  constructor(private readonly db: DataSource) {}

  async year(year: number): Promise<CalendarYear> {
    const loaded = await this.db.getRepository(CalendarYearEntity).findOneBy({ year });
    const days = await this.db
      .getRepository(CalendarDayEntity)
      .createQueryBuilder('d')
      .where('d.date BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('d.date', 'ASC')
      .getMany();
    return {
      year,
      scheduled: loaded !== null,
      source: loaded?.source ?? null,
      note: loaded ? null : 'no official schedule loaded: weekends only are counted for this year',
      days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    };
  }
}
