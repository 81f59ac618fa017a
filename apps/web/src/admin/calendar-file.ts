/** One day of a year's official schedule, as PUT /calendar/:year takes it. */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name?: string;
}

export type CalendarFile =
  { ok: true; days: CalendarDay[]; source: string | null } | { ok: false; error: [zh: string, en: string] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const chineseName = (label: unknown) => {
  // chinese-days labels read "National Day,国庆节,3": the Chinese name is the second part
  const parts = String(label ?? '').split(',');
  return (parts[1] ?? parts[0] ?? '').trim();
};

/**
 * Reads a year's official holiday schedule from a file, in either of the two forms the project knows:
 * - the official calendar file the seed loads (the `chinese-days` package's JSON: `holidays` and `workdays`, each a
 *   map from date to "English,中文,n"); only the year's dates are taken;
 * - the API's own body: `{ "source": "...", "days": [{ "date", "kind": "holiday" | "workday", "name" }] }`.
 * Every date must be a real date of `year`; make-up working days are named "…调休上班" as the seed names them.
 */
export function parseCalendarFile(text: string, year: number): CalendarFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: ['文件不是有效的 JSON', 'The file is not valid JSON'] };
  }
  if (typeof data !== 'object' || data === null) {
    return { ok: false, error: ['文件内容不是日历', 'The file holds no calendar'] };
  }
  const o = data as Record<string, unknown>;
  let days: CalendarDay[];
  let source: string | null = typeof o.source === 'string' ? o.source : null;
  if (Array.isArray(o.days)) {
    days = [];
    for (const d of o.days as Record<string, unknown>[]) {
      if (typeof d?.date !== 'string' || (d.kind !== 'holiday' && d.kind !== 'workday')) {
        return {
          ok: false,
          error: [
            '每一天须有 date 和 kind（holiday 或 workday）',
            'Each day needs a date and a kind (holiday or workday)',
          ],
        };
      }
      days.push({ date: d.date, kind: d.kind, ...(typeof d.name === 'string' ? { name: d.name } : {}) });
    }
  } else if (
    typeof o.holidays === 'object' &&
    o.holidays !== null &&
    typeof o.workdays === 'object' &&
    o.workdays !== null
  ) {
    const prefix = `${year}-`;
    const of = (map: object, kind: CalendarDay['kind']) =>
      Object.entries(map)
        .filter(([date]) => date.startsWith(prefix))
        .map(([date, label]) => ({
          date,
          kind,
          name: kind === 'holiday' ? chineseName(label) : `${chineseName(label)}调休上班`,
        }));
    days = [...of(o.holidays, 'holiday'), ...of(o.workdays, 'workday')];
    source ??= '官方放假安排文件（chinese-days）';
  } else {
    return {
      ok: false,
      error: [
        '无法识别的格式：应为官方日历文件（holidays、workdays）或 { source, days }',
        'Unknown format: the official calendar file (holidays, workdays) or { source, days }',
      ],
    };
  }
  for (const d of days) {
    const real = DATE.test(d.date) && new Date(`${d.date}T00:00:00Z`).toISOString().startsWith(d.date);
    if (!real || !d.date.startsWith(`${year}-`)) {
      return { ok: false, error: [`${d.date} 不是 ${year} 年的日期`, `${d.date} is not a date of ${year}`] };
    }
  }
  if (days.length === 0) {
    return { ok: false, error: [`文件中没有 ${year} 年的放假安排`, `The file has no schedule for ${year}`] };
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { ok: true, days, source };
}
