import { CalendarOverride } from '@app/domain';
import * as data from 'chinese-days/dist/chinese-days.json';
import { version } from 'chinese-days/package.json';

/**
 * The State Council's holiday schedules as packaged by `chinese-days`: `holidays` are days off, `workdays` are
 * make-up working days. Only years the package holds are returned; the others are listed as missing, never invented.
 */
export function loadOfficialCalendar(years: readonly number[]) {
  const source = `chinese-days@${version}`;
  const table = data as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };
  const out: { year: number; days: CalendarOverride[] }[] = [];
  const missing: number[] = [];
  for (const year of years) {
    const prefix = `${year}-`;
    const days: CalendarOverride[] = [
      ...Object.entries(table.holidays)
        .filter(([d]) => d.startsWith(prefix))
        .map(([date, label]) => ({ date, kind: 'holiday' as const, name: label.split(',')[1] ?? label })),
      ...Object.entries(table.workdays)
        .filter(([d]) => d.startsWith(prefix))
        .map(([date, label]) => ({ date, kind: 'workday' as const, name: `${label.split(',')[1] ?? label}调休上班` })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    if (days.length === 0) missing.push(year);
    else out.push({ year, days });
  }
  return { source, years: out, missing };
}
