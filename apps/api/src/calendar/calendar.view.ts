import { type CalendarDayKind } from '@app/domain';
import { type CalendarYear } from '@app/programmes';
import { ApiProperty } from '@nestjs/swagger';

export class CalendarDayView {
  @ApiProperty({ example: '2027-10-01' }) date: string;
  @ApiProperty({
    enum: ['holiday', 'workday'],
    description: 'holiday = day off; workday = make-up working day on a weekend',
  })
  kind: CalendarDayKind;
  @ApiProperty({ type: String, nullable: true, example: '国庆节' }) name: string | null;
}

/** A year's holidays and make-up working days, and whether its official schedule is loaded. */
export class CalendarYearView {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ description: 'false: weekends only are counted for this year' }) scheduled: boolean;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [CalendarDayView] }) days: CalendarDayView[];

  static of(y: CalendarYear): CalendarYearView {
    return {
      year: y.year,
      scheduled: y.scheduled,
      source: y.source,
      note: y.note,
      days: y.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    };
  }
}
