import { addCalendarDays } from '../working-calendar.util';

/**
 * Risk tiers of the directory's tiered management (分级管理, Hunan §9): each enterprise is assessed and placed in a
 * tier, with the date and the basis of its assessment.
 */
export enum RiskTier {
  /** 高风险: core technology, staff turnover or past leaks; followed closely */
  High = 'high',
  /** 中风险 */
  Medium = 'medium',
  /** 低风险 */
  Low = 'low',
}

/** How often a city reports its directory to the province (定期汇总、更新并上报省局, Hunan §11). */
export enum ReportCadence {
  Monthly = 'monthly',
  Quarterly = 'quarterly',
  HalfYearly = 'half-yearly',
  Yearly = 'yearly',
}

/** One reporting period: its key (2026-Q4, 2026-H1, 2026-11, 2026), first and last day, and the day it is due. */
export interface ReportPeriod {
  key: string;
  start: string;
  end: string;
  /** the last day a report counts as on time: `graceDays` calendar days after the period's last day */
  dueOn: string;
}

const MONTHS: Readonly<Record<ReportCadence, number>> = {
  [ReportCadence.Monthly]: 1,
  [ReportCadence.Quarterly]: 3,
  [ReportCadence.HalfYearly]: 6,
  [ReportCadence.Yearly]: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function build(cadence: ReportCadence, year: number, index: number, graceDays: number): ReportPeriod {
  const months = MONTHS[cadence];
  const firstMonth = index * months + 1;
  const start = `${year}-${pad(firstMonth)}-01`;
  const nextStart = firstMonth + months > 12 ? `${year + 1}-01-01` : `${year}-${pad(firstMonth + months)}-01`;
  const end = addCalendarDays(nextStart, -1);
  const key =
    cadence === ReportCadence.Yearly
      ? `${year}`
      : cadence === ReportCadence.HalfYearly
        ? `${year}-H${index + 1}`
        : cadence === ReportCadence.Quarterly
          ? `${year}-Q${index + 1}`
          : `${year}-${pad(firstMonth)}`;
  return { key, start, end, dueOn: addCalendarDays(end, graceDays) };
}

/** The period holding `date` (YYYY-MM-DD). */
export function periodOf(date: string, cadence: ReportCadence, graceDays: number): ReportPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return build(cadence, year, Math.floor((month - 1) / MONTHS[cadence]), graceDays);
}

/** The period `n` periods before (negative: after) `period`. */
export function shiftPeriod(period: ReportPeriod, n: number, cadence: ReportCadence, graceDays: number): ReportPeriod {
  const months = MONTHS[cadence];
  const perYear = 12 / months;
  const year = Number(period.start.slice(0, 4));
  const index = (Number(period.start.slice(5, 7)) - 1) / months;
  const absolute = year * perYear + index - n;
  return build(cadence, Math.floor(absolute / perYear), ((absolute % perYear) + perYear) % perYear, graceDays);
}

/** The period a key names under the cadence, or null when the key is not one of its periods. */
export function periodByKey(key: string, cadence: ReportCadence, graceDays: number): ReportPeriod | null {
  const patterns: Record<ReportCadence, RegExp> = {
    [ReportCadence.Monthly]: /^(\d{4})-(0[1-9]|1[0-2])$/,
    [ReportCadence.Quarterly]: /^(\d{4})-Q([1-4])$/,
    [ReportCadence.HalfYearly]: /^(\d{4})-H([12])$/,
    [ReportCadence.Yearly]: /^(\d{4})$/,
  };
  const m = patterns[cadence].exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1949 || year > 2200) return null;
  return build(cadence, year, cadence === ReportCadence.Yearly ? 0 : Number(m[2]) - 1, graceDays);
}

/** Where a city's report of one period stands. */
export enum ReportStatus {
  /** not submitted, not yet due */
  Open = 'open',
  /** submitted on or before its due day */
  Submitted = 'submitted',
  /** submitted after its due day */
  SubmittedLate = 'submitted_late',
  /** not submitted and past its due day */
  Overdue = 'overdue',
}

/**
 * The status of a report due on `dueOn` (China date; due until its end), submitted on `submittedOn` (China date of
 * the submission) or not, seen on `today` (China date).
 */
export function reportStatus(dueOn: string, submittedOn: string | null, today: string): ReportStatus {
  if (submittedOn !== null) return submittedOn <= dueOn ? ReportStatus.Submitted : ReportStatus.SubmittedLate;
  return today > dueOn ? ReportStatus.Overdue : ReportStatus.Open;
}
