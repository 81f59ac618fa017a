import { type CalendarDayKind } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A day that differs from the Mon–Fri rule: a public holiday, or a make-up working day on a weekend. */
@Entity({ name: 'calendar_days' })
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;
}

/** A year whose official State Council holiday schedule is loaded. Years not listed count weekends only. */
@Entity({ name: 'calendar_years' })
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  /** where the schedule came from, e.g. `chinese-days@1.5.7` or `admin` */
  @Column({ type: 'varchar', length: 100 })
  source: string;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'now()' })
  loadedAt: Date;

  @Column({ name: 'loaded_by', type: 'uuid', nullable: true })
  loadedBy: string | null;
}
