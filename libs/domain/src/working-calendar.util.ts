/**
 * The mainland-China working-day calendar used for public-notice windows.
 *
 * Dates are 'YYYY-MM-DD' strings in China time (Asia/Shanghai: UTC+8 all year, no DST). All arithmetic is on
 * whole days counted from 1970-01-01 with Date.UTC, so the time zone of the machine never matters.
 */
export type CalendarDayKind = 'holiday' | 'workday'; // 'workday' = a make-up working day (调休上班) falling on a weekend
export interface CalendarOverride {
  date: string;
  kind: CalendarDayKind;
  name?: string;
}
export interface WorkingCalendarData {
  overrides: readonly CalendarOverride[];
  /** years whose official State Council schedule is loaded */
  scheduledYears: readonly number[];
}
export interface NoticeWindow {
  /** China date of the opening instant */
  opensOn: string;
  /** first working day counted (the first working day after opensOn) */
  firstDay: string;
  /** last working day counted */
  lastDay: string;
  /** 00:00 China time of the day after lastDay */
  endsAt: Date;
  workingDays: number;
  /** years from opensOn to lastDay whose official schedule is not loaded */
  unscheduledYears: number[];
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Days in a 400-year Gregorian cycle; shifting by it avoids Date.UTC's mapping of years 0-99 to 1900-1999. */
const CYCLE_DAYS = 146_097;
const MIN_DAY = dayNumberOf(0, 1, 1);
const MAX_DAY = dayNumberOf(9999, 12, 31);

function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year + 400, month - 1, day) / DAY_MS - CYCLE_DAYS;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strict 'YYYY-MM-DD' of a date that exists (rejects 2026-02-30, 2025-02-29, 2026-2-3, ...). */
export function isIsoDate(value: string): boolean {
  if (typeof value !== 'string') return false;
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; RangeError when it is not one. */
function toDayNumber(date: string, what = 'date'): number {
  if (!isIsoDate(date)) throw new RangeError(`${what} '${date}' is not a valid YYYY-MM-DD date`);
  return dayNumberOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function fromDayNumber(n: number): string {
  if (n < MIN_DAY || n > MAX_DAY) throw new RangeError('date is outside the years 0000-9999');
  const d = new Date((n + CYCLE_DAYS) * DAY_MS); // 400 years later: same month, day and weekday
  const year = String(d.getUTCFullYear() - 400).padStart(4, '0');
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function assertInstant(instant: Date, what: string): void {
  if (!(instant instanceof Date) || !Number.isFinite(instant.getTime())) {
    throw new RangeError(`${what} must be a valid Date, got ${String(instant)}`);
  }
}

/** The China-time calendar date of an instant. */
export function chinaDate(instant: Date): string {
  assertInstant(instant, 'instant');
  return fromDayNumber(Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS));
}

/** The instant 00:00 China time of that date. */
export function startOfChinaDay(date: string): Date {
  return new Date(toDayNumber(date) * DAY_MS - CHINA_OFFSET_MS);
}

/** `date` plus `n` calendar days (n may be zero or negative). */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`the number of days must be a whole number, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

export class WorkingCalendar {
  private readonly overrides = new Map<string, CalendarDayKind>();
  private readonly scheduled: ReadonlySet<number>;

  constructor(data: WorkingCalendarData) {
    for (const o of data.overrides) {
      if (!isIsoDate(o.date)) throw new RangeError(`calendar override date '${o.date}' is not a valid YYYY-MM-DD date`);
      if (o.kind !== 'holiday' && o.kind !== 'workday') {
        throw new RangeError(
          `calendar override ${o.date} has kind '${String(o.kind)}'; expected 'holiday' or 'workday'`,
        );
      }
      const previous = this.overrides.get(o.date);
      if (previous !== undefined && previous !== o.kind) {
        throw new RangeError(`calendar override ${o.date} is given both as '${previous}' and as '${o.kind}'`);
      }
      this.overrides.set(o.date, o.kind);
    }
    for (const y of data.scheduledYears) {
      if (!Number.isInteger(y)) throw new RangeError(`scheduled year ${y} is not a whole number`);
    }
    this.scheduled = new Set(data.scheduledYears);
  }

  isScheduled(year: number): boolean {
    return this.scheduled.has(year);
  }

  /** An override wins; otherwise Monday-Friday are working days and Saturday/Sunday are not. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(toDayNumber(date), date);
  }

  /** The n-th working day strictly after `date` (n >= 1), plus the years from `date` to that day without an official schedule. */
  addWorkingDays(date: string, n: number): { date: string; unscheduledYears: number[] } {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`the number of working days must be a whole number of at least 1, got ${n}`);
    }
    let day = toDayNumber(date);
    let left = n;
    while (left > 0) {
      day += 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    const end = fromDayNumber(day);
    return { date: end, unscheduledYears: this.unscheduledBetween(yearOf(date), yearOf(end)) };
  }

  /**
   * A public notice opened at `openedAt` runs `workingDays` full working days starting with the first working day
   * AFTER the opening date (China time); it ends at 00:00 China time of the day after its last working day.
   */
  noticeWindow(openedAt: Date, workingDays: number): NoticeWindow {
    assertInstant(openedAt, 'openedAt');
    const opensOn = chinaDate(openedAt);
    const firstDay = this.addWorkingDays(opensOn, 1).date;
    const { date: lastDay, unscheduledYears } = this.addWorkingDays(opensOn, workingDays);
    return {
      opensOn,
      firstDay,
      lastDay,
      endsAt: startOfChinaDay(addCalendarDays(lastDay, 1)),
      workingDays,
      unscheduledYears,
    };
  }

  /** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    let count = 0;
    for (let d = start + 1; d <= end; d++) if (this.isWorkingDayNumber(d)) count += 1;
    return count;
  }

  private isWorkingDayNumber(dayNumber: number, date = fromDayNumber(dayNumber)): boolean {
    const override = this.overrides.get(date);
    if (override !== undefined) return override === 'workday';
    const weekday = weekdayOf(dayNumber);
    return weekday !== 0 && weekday !== 6;
  }

  private unscheduledBetween(fromYear: number, toYear: number): number[] {
    const out: number[] = [];
    for (let y = fromYear; y <= toYear; y++) if (!this.scheduled.has(y)) out.push(y);
    return out;
  }
}
