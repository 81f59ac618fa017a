import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from './calendar-file';

const OFFICIAL = JSON.stringify({
  holidays: {
    '2026-10-01': 'National Day,国庆节,3',
    '2026-10-02': 'National Day,国庆节,3',
    '2027-01-01': "New Year's Day,元旦,1",
  },
  workdays: { '2026-10-10': 'National Day,国庆节,3' },
  inLieuDays: {},
});

describe('parseCalendarFile', () => {
  it("reads the official calendar file's days of the year only, naming make-up working days as the seed does", () => {
    const r = parseCalendarFile(OFFICIAL, 2026);
    expect(r).toEqual({
      ok: true,
      source: '官方放假安排文件（chinese-days）',
      days: [
        { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
      ],
    });
  });

  it("reads the API's own form with its source", () => {
    const r = parseCalendarFile(
      JSON.stringify({ source: '国务院办公厅通知', days: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }] }),
      2027,
    );
    expect(r).toEqual({
      ok: true,
      source: '国务院办公厅通知',
      days: [{ date: '2027-10-01', kind: 'holiday', name: '国庆节' }],
    });
  });

  it('refuses what is not a calendar of the year, saying why in Chinese', () => {
    const err = (text: string, year = 2026) => {
      const r = parseCalendarFile(text, year);
      return r.ok ? null : r.error[0];
    };
    expect(err('not json')).toBe('文件不是有效的 JSON');
    expect(err(OFFICIAL, 2030)).toBe('文件中没有 2030 年的放假安排');
    expect(err(JSON.stringify({ days: [{ date: '2026-02-30', kind: 'holiday' }] }))).toBe(
      '2026-02-30 不是 2026 年的日期',
    );
    expect(err(JSON.stringify({ days: [{ date: '2027-01-01', kind: 'holiday' }] }))).toBe(
      '2027-01-01 不是 2026 年的日期',
    );
    expect(err(JSON.stringify({ days: [{ date: '2026-01-01', kind: 'off' }] }))).toMatch(/kind/);
    expect(err(JSON.stringify({ foo: 1 }))).toMatch(/无法识别的格式/);
  });
});
