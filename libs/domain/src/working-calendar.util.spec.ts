import { readFileSync } from 'fs';
import { join } from 'path';
import {
  addCalendarDays,
  CalendarOverride,
  chinaDate,
  isIsoDate,
  startOfChinaDay,
  WorkingCalendar,
  WorkingCalendarData,
} from './working-calendar.util';

/**
 * Official State Council schedules, taken from the installed `chinese-days` package data (read here only; the util
 * itself knows nothing about it). `holidays` are days off, `workdays` are make-up working days (调休上班).
 */
interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const CHINESE_DAYS: ChineseDaysJson = JSON.parse(
  readFileSync(join(__dirname, '../../../node_modules/chinese-days/dist/chinese-days.json'), 'utf8'),
);

/** Calendar data for the official schedules up to and including `lastYear` (later years stay unscheduled). */
function officialData(lastYear = 2026): WorkingCalendarData {
  const overrides: CalendarOverride[] = [];
  const years = new Set<number>();
  const add = (table: Record<string, string>, kind: CalendarOverride['kind']) => {
    for (const [date, label] of Object.entries(table)) {
      const year = Number(date.slice(0, 4));
      if (year > lastYear) continue;
      years.add(year);
      overrides.push({ date, kind, name: label.split(',')[1] });
    }
  };
  add(CHINESE_DAYS.holidays, 'holiday');
  add(CHINESE_DAYS.workdays, 'workday');
  return { overrides, scheduledYears: [...years].sort() };
}

const official = new WorkingCalendar(officialData());
const weekendsOnly = new WorkingCalendar({ overrides: [], scheduledYears: [] });

/** Independent weekday (0 = Sunday) via the built-in Date in UTC. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** Independent date list from..to inclusive, stepping with the built-in Date in UTC. */
function datesFromTo(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('the official schedule data used by these tests', () => {
  it('matches the State Council notices for 2025 National Day and 2026 Spring Festival', () => {
    // 2025 National Day + Mid-autumn: off 10-01..10-08, work Sunday 09-28 and Saturday 10-11
    for (const d of datesFromTo('2025-10-01', '2025-10-08')) expect(CHINESE_DAYS.holidays[d]).toBeDefined();
    expect(CHINESE_DAYS.holidays['2025-10-09']).toBeUndefined();
    expect(CHINESE_DAYS.workdays['2025-09-28']).toBeDefined();
    expect(CHINESE_DAYS.workdays['2025-10-11']).toBeDefined();
    // 2026 Spring Festival: off 02-15..02-23, work Saturday 02-14 and Saturday 02-28
    for (const d of datesFromTo('2026-02-15', '2026-02-23')) expect(CHINESE_DAYS.holidays[d]).toBeDefined();
    expect(CHINESE_DAYS.workdays['2026-02-14']).toBeDefined();
    expect(CHINESE_DAYS.workdays['2026-02-28']).toBeDefined();
    expect(weekday('2025-09-28')).toBe(0);
    expect(weekday('2025-10-11')).toBe(6);
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-02-28')).toBe(6);
  });
});

describe('isIsoDate', () => {
  it.each(['2025-10-01', '2024-02-29', '2000-02-29', '2026-12-31', '1970-01-01', '0001-01-01', '9999-12-31'])(
    'accepts %p',
    (value) => expect(isIsoDate(value)).toBe(true),
  );

  it.each([
    '2026-02-30', // does not exist
    '2025-02-29', // 2025 is not a leap year
    '1900-02-29', // century, not divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-05',
    '2026-01-5',
    '20260105',
    '2026/01/05',
    ' 2026-01-05',
    '2026-01-05 ',
    '2026-01-05T00:00:00Z',
    '+02026-01-05',
    '',
  ])('rejects %p', (value) => expect(isIsoDate(value)).toBe(false));

  it('rejects non-strings', () => {
    expect(isIsoDate(undefined as unknown as string)).toBe(false);
    expect(isIsoDate(20260105 as unknown as string)).toBe(false);
    expect(isIsoDate(new Date() as unknown as string)).toBe(false);
  });

  it('agrees with the built-in calendar for every day of 2023-2024 and for impossible day numbers', () => {
    for (const year of [2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const exists = new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
          expect(isIsoDate(text)).toBe(exists);
        }
      }
    }
  });
});

describe('chinaDate', () => {
  it('uses China time (UTC+8), not UTC and not the machine time zone', () => {
    expect(chinaDate(new Date('2025-09-26T23:30:00+08:00'))).toBe('2025-09-26');
    // 00:30 China time is still the previous day in UTC (and in America/New_York)
    const earlyMorning = new Date('2025-09-27T00:30:00+08:00');
    expect(earlyMorning.toISOString().slice(0, 10)).toBe('2025-09-26');
    expect(chinaDate(earlyMorning)).toBe('2025-09-27');
  });

  it('switches date exactly at 16:00 UTC', () => {
    expect(chinaDate(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(chinaDate(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
    expect(chinaDate(new Date('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
    expect(chinaDate(new Date(0))).toBe('1970-01-01');
    expect(chinaDate(new Date(-8 * 3_600_000 - 1))).toBe('1969-12-31');
  });

  it('throws a RangeError on an invalid Date', () => {
    expect(() => chinaDate(new Date('nonsense'))).toThrow(RangeError);
    expect(() => chinaDate('2025-01-01' as unknown as Date)).toThrow(RangeError);
  });
});

describe('startOfChinaDay', () => {
  it('is 16:00 UTC of the previous day', () => {
    expect(startOfChinaDay('2025-10-11').toISOString()).toBe('2025-10-10T16:00:00.000Z');
    expect(startOfChinaDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(startOfChinaDay('2024-03-01').toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  it('is the first instant whose China date is that date', () => {
    for (const date of ['1970-01-01', '2024-02-29', '2025-09-28', '2026-12-31', '0050-06-15']) {
      const start = startOfChinaDay(date);
      expect(chinaDate(start)).toBe(date);
      expect(chinaDate(new Date(start.getTime() - 1))).toBe(addCalendarDays(date, -1));
      expect(chinaDate(new Date(start.getTime() + 86_400_000 - 1))).toBe(date);
    }
  });

  it('throws a RangeError on an invalid date', () => {
    expect(() => startOfChinaDay('2026-02-30')).toThrow(RangeError);
    expect(() => startOfChinaDay('2026-02-30')).toThrow(/'2026-02-30' is not a valid YYYY-MM-DD date/);
  });
});

describe('addCalendarDays', () => {
  it('crosses month, leap-day and year boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2025-10-10', 0)).toBe('2025-10-10');
    expect(addCalendarDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addCalendarDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('agrees with the built-in Date arithmetic in UTC', () => {
    let t = Date.UTC(2019, 0, 1);
    for (let k = 0; k < 400; k++) {
      const date = new Date(t).toISOString().slice(0, 10);
      const n = ((k * 37) % 900) - 300;
      expect(addCalendarDays(date, n)).toBe(new Date(t + n * 86_400_000).toISOString().slice(0, 10));
      t += 9 * 86_400_000;
    }
  });

  it('throws a RangeError on an invalid date, a non-integer n or a result beyond year 9999', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-01', Number.NaN)).toThrow(RangeError);
    expect(() => addCalendarDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('WorkingCalendar', () => {
  describe('construction', () => {
    it('refuses invalid override dates and kinds', () => {
      expect(
        () => new WorkingCalendar({ overrides: [{ date: '2025-02-29', kind: 'holiday' }], scheduledYears: [] }),
      ).toThrow(RangeError);
      expect(
        () =>
          new WorkingCalendar({
            overrides: [{ date: '2025-10-01', kind: 'off' as unknown as 'holiday' }],
            scheduledYears: [],
          }),
      ).toThrow(/expected 'holiday' or 'workday'/);
      expect(() => new WorkingCalendar({ overrides: [], scheduledYears: [2025.5] })).toThrow(RangeError);
    });

    it('refuses a date given as both holiday and workday, but tolerates an exact repeat', () => {
      expect(
        () =>
          new WorkingCalendar({
            overrides: [
              { date: '2025-10-01', kind: 'holiday' },
              { date: '2025-10-01', kind: 'workday' },
            ],
            scheduledYears: [2025],
          }),
      ).toThrow(/2025-10-01/);
      const repeated = new WorkingCalendar({
        overrides: [
          { date: '2025-10-01', kind: 'holiday' },
          { date: '2025-10-01', kind: 'holiday' },
        ],
        scheduledYears: [2025],
      });
      expect(repeated.isWorkingDay('2025-10-01')).toBe(false);
    });
  });

  describe('isScheduled', () => {
    it('reports the years whose schedule is loaded', () => {
      expect(official.isScheduled(2025)).toBe(true);
      expect(official.isScheduled(2026)).toBe(true);
      expect(official.isScheduled(2027)).toBe(false);
      expect(weekendsOnly.isScheduled(2025)).toBe(false);
    });
  });

  describe('isWorkingDay', () => {
    it('without overrides, Monday-Friday work and weekends do not, for every day of 2020-2030', () => {
      for (const d of datesFromTo('2020-01-01', '2030-12-31')) {
        const wd = weekday(d);
        expect(weekendsOnly.isWorkingDay(d)).toBe(wd >= 1 && wd <= 5);
      }
    });

    it('follows the 2025 National Day schedule', () => {
      expect(official.isWorkingDay('2025-09-26')).toBe(true); // Friday
      expect(official.isWorkingDay('2025-09-27')).toBe(false); // Saturday
      expect(official.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up day
      for (const d of datesFromTo('2025-10-01', '2025-10-08')) expect(official.isWorkingDay(d)).toBe(false);
      expect(official.isWorkingDay('2025-10-09')).toBe(true); // Thursday
      expect(official.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up day
      expect(official.isWorkingDay('2025-10-12')).toBe(false); // Sunday
      // the same days without a schedule follow the weekday rule
      expect(weekendsOnly.isWorkingDay('2025-09-28')).toBe(false);
      expect(weekendsOnly.isWorkingDay('2025-10-01')).toBe(true);
    });

    it('follows the 2026 Spring Festival schedule', () => {
      expect(official.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up day
      for (const d of datesFromTo('2026-02-15', '2026-02-23')) expect(official.isWorkingDay(d)).toBe(false);
      expect(official.isWorkingDay('2026-02-24')).toBe(true);
      expect(official.isWorkingDay('2026-02-28')).toBe(true); // Saturday, make-up day
      expect(official.isWorkingDay('2026-03-01')).toBe(false); // Sunday
    });

    it('lets an override win over the weekday rule in both directions', () => {
      const cal = new WorkingCalendar({
        overrides: [
          { date: '2030-01-07', kind: 'holiday' }, // a Monday
          { date: '2030-01-05', kind: 'workday' }, // a Saturday
          { date: '2030-01-06', kind: 'holiday' }, // a Sunday stays off
        ],
        scheduledYears: [2030],
      });
      expect(cal.isWorkingDay('2030-01-07')).toBe(false);
      expect(cal.isWorkingDay('2030-01-05')).toBe(true);
      expect(cal.isWorkingDay('2030-01-06')).toBe(false);
      expect(cal.isWorkingDay('2030-01-08')).toBe(true);
    });

    it('counts a whole year as days - weekend days - statutory holidays (make-up days balance the bridges)', () => {
      // Statutory holidays: 11 days a year until 2024, 13 from 2025 (New Year 1, Spring Festival 4, Qingming 1,
      // Labour Day 2, Dragon Boat 1, Mid-autumn 1, National Day 3).
      for (const [year, statutory] of [
        [2024, 11],
        [2025, 13],
        [2026, 13],
      ]) {
        const days = datesFromTo(`${year}-01-01`, `${year}-12-31`);
        const weekendDays = days.filter((d) => weekday(d) === 0 || weekday(d) === 6).length;
        const expected = days.length - weekendDays - statutory;
        expect(official.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(expected);
        expect(days.filter((d) => official.isWorkingDay(d))).toHaveLength(expected);
      }
    });

    it('throws a RangeError on an invalid date', () => {
      expect(() => official.isWorkingDay('2026-02-30')).toThrow(RangeError);
      expect(() => official.isWorkingDay('2026-2-3')).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('counts from the day after the given date through the 2025 National Day holiday', () => {
      // after Friday 09-26: Sun 09-28 (make-up) = 1, Mon 09-29 = 2, Tue 09-30 = 3, 10-01..10-08 off,
      // Thu 10-09 = 4, Fri 10-10 = 5, Sat 10-11 (make-up) = 6, Sun 10-12 off, Mon 10-13 = 7
      const expected = [
        '2025-09-28',
        '2025-09-29',
        '2025-09-30',
        '2025-10-09',
        '2025-10-10',
        '2025-10-11',
        '2025-10-13',
      ];
      expected.forEach((date, i) => {
        expect(official.addWorkingDays('2025-09-26', i + 1)).toEqual({ date, unscheduledYears: [] });
      });
    });

    it('skips the 2026 Spring Festival and counts its Saturday make-up days', () => {
      // after Friday 02-13: Sat 02-14 (make-up) = 1, 02-15..02-23 off, Tue 02-24 = 2, ... Fri 02-27 = 5, Sat 02-28 = 6
      expect(official.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
      expect(official.addWorkingDays('2026-02-13', 2).date).toBe('2026-02-24');
      expect(official.addWorkingDays('2026-02-13', 5).date).toBe('2026-02-27');
      expect(official.addWorkingDays('2026-02-13', 6).date).toBe('2026-02-28');
      expect(official.addWorkingDays('2026-02-13', 7).date).toBe('2026-03-02');
    });

    it('starts strictly after the date even when that date is itself a working day', () => {
      expect(official.addWorkingDays('2025-10-09', 1).date).toBe('2025-10-10');
      expect(weekendsOnly.addWorkingDays('2025-01-03', 1).date).toBe('2025-01-06'); // Friday → Monday
    });

    it('is the inverse of workingDaysBetween and always lands on a working day', () => {
      for (const start of datesFromTo('2025-09-01', '2026-03-15').filter((_, i) => i % 5 === 0)) {
        for (const n of [1, 2, 5, 10, 20]) {
          const { date } = official.addWorkingDays(start, n);
          expect(official.isWorkingDay(date)).toBe(true);
          expect(official.workingDaysBetween(start, date)).toBe(n);
          expect(official.workingDaysBetween(start, addCalendarDays(date, -1))).toBe(n - 1);
        }
      }
    });

    it('lists every year crossed without an official schedule', () => {
      expect(official.addWorkingDays('2026-12-30', 1)).toEqual({ date: '2026-12-31', unscheduledYears: [] });
      expect(official.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-01', unscheduledYears: [2027] });
      // Thu 2026-12-31 (1); 2027 unscheduled: its 261 weekdays count (262 by 2027-12-31); 2028 starts on a
      // Saturday: 21 weekdays in January (283), then Feb 1-4, 7-11, 14-18, 21-23 → the 300th is Wed 2028-02-23
      expect(official.addWorkingDays('2026-12-30', 300)).toEqual({
        date: '2028-02-23',
        unscheduledYears: [2027, 2028],
      });
      expect(weekendsOnly.addWorkingDays('2025-12-30', 5).unscheduledYears).toEqual([2025, 2026]);
    });

    it.each([0, -1, 1.5, Number.NaN, Infinity])('throws a RangeError for n = %p', (n) => {
      expect(() => official.addWorkingDays('2025-09-26', n)).toThrow(RangeError);
    });

    it('throws a RangeError on an invalid date', () => {
      expect(() => official.addWorkingDays('2025-09-31', 1)).toThrow(/'2025-09-31' is not a valid YYYY-MM-DD date/);
    });
  });

  describe('noticeWindow', () => {
    it('runs 5 working days from Friday 2025-09-26 across the National Day holiday', () => {
      // Opened Friday 2025-09-26 (10:00 China time). Working days AFTER the opening date:
      //   Sat 09-27 off; Sun 09-28 make-up day (1); Mon 09-29 (2); Tue 09-30 (3);
      //   Wed 10-01 .. Wed 10-08 National Day + Mid-autumn holiday; Thu 10-09 (4); Fri 10-10 (5).
      // The notice ends at 00:00 China time on Saturday 10-11 = 2025-10-10T16:00Z.
      const window = official.noticeWindow(new Date('2025-09-26T10:00:00+08:00'), 5);
      expect(window).toEqual({
        opensOn: '2025-09-26',
        firstDay: '2025-09-28',
        lastDay: '2025-10-10',
        endsAt: new Date('2025-10-11T00:00:00+08:00'),
        workingDays: 5,
        unscheduledYears: [],
      });
      expect(window.endsAt.toISOString()).toBe('2025-10-10T16:00:00.000Z');
      // without the official schedule the same notice would end much earlier (weekends only)
      expect(weekendsOnly.noticeWindow(new Date('2025-09-26T10:00:00+08:00'), 5).lastDay).toBe('2025-10-03');
    });

    it('uses the China date of the opening instant: 23:30 vs 00:30 China time', () => {
      // Both instants fall on 2025-09-25 in UTC (and in New York); in China the second is already Friday 09-26.
      const lateThursday = new Date('2025-09-25T23:30:00+08:00'); // 15:30Z
      const earlyFriday = new Date('2025-09-26T00:30:00+08:00'); // 16:30Z on the 25th
      expect(lateThursday.toISOString().slice(0, 10)).toBe('2025-09-25');
      expect(earlyFriday.toISOString().slice(0, 10)).toBe('2025-09-25');

      // Opened Thursday 09-25: Fri 09-26 (1), Sun 09-28 (2), Mon 09-29 (3), Tue 09-30 (4), Thu 10-09 (5)
      const a = official.noticeWindow(lateThursday, 5);
      expect([a.opensOn, a.firstDay, a.lastDay]).toEqual(['2025-09-25', '2025-09-26', '2025-10-09']);
      expect(a.endsAt.toISOString()).toBe('2025-10-09T16:00:00.000Z');

      // Opened Friday 09-26: as in the previous test, ends after Fri 10-10
      const b = official.noticeWindow(earlyFriday, 5);
      expect([b.opensOn, b.firstDay, b.lastDay]).toEqual(['2025-09-26', '2025-09-28', '2025-10-10']);
      expect(b.endsAt.toISOString()).toBe('2025-10-10T16:00:00.000Z');
    });

    it('does not count the opening day even when it is a working day, and opening on a holiday waits for work to resume', () => {
      // opened on Spring Festival eve's make-up Saturday 2026-02-14 → first day is Tue 02-24
      const w = official.noticeWindow(new Date('2026-02-14T09:00:00+08:00'), 1);
      expect([w.opensOn, w.firstDay, w.lastDay]).toEqual(['2026-02-14', '2026-02-24', '2026-02-24']);
      expect(w.endsAt).toEqual(new Date('2026-02-25T00:00:00+08:00'));
      // opened during the holiday, 10 working days: 02-24..02-27 (4), Sat 02-28 (5), 03-02..03-06 (10)
      const h = official.noticeWindow(new Date('2026-02-18T12:00:00+08:00'), 10);
      expect([h.firstDay, h.lastDay]).toEqual(['2026-02-24', '2026-03-06']);
    });

    it('warns about a year without an official schedule and counts only weekends there', () => {
      // Opened Wednesday 2026-12-30, official schedule loaded for 2026 only:
      //   Thu 12-31 (1); Fri 2027-01-01 (2) – New Year's Day, but 2027 is not loaded so it counts as a weekday;
      //   Sat/Sun 01-02/03 off; Mon 01-04 (3); Tue 01-05 (4); Wed 01-06 (5).
      const opened = new Date('2026-12-30T14:00:00+08:00');
      const w = official.noticeWindow(opened, 5);
      expect(w).toEqual({
        opensOn: '2026-12-30',
        firstDay: '2026-12-31',
        lastDay: '2027-01-06',
        endsAt: new Date('2027-01-07T00:00:00+08:00'),
        workingDays: 5,
        unscheduledYears: [2027],
      });

      // once 2027's schedule is loaded (here only New Year's Day off), the warning disappears and the day is skipped
      const data = officialData();
      const loaded = new WorkingCalendar({
        overrides: [...data.overrides, { date: '2027-01-01', kind: 'holiday', name: '元旦' }],
        scheduledYears: [...data.scheduledYears, 2027],
      });
      const w2 = loaded.noticeWindow(opened, 5);
      expect(w2.lastDay).toBe('2027-01-07');
      expect(w2.unscheduledYears).toEqual([]);
    });

    it('lists the opening year when it is unscheduled, even if no working day of it is counted', () => {
      const w = weekendsOnly.noticeWindow(new Date('2025-12-31T20:00:00+08:00'), 1);
      expect([w.opensOn, w.lastDay]).toEqual(['2025-12-31', '2026-01-01']);
      expect(w.unscheduledYears).toEqual([2025, 2026]);
    });

    it('throws a RangeError for a bad number of working days or an invalid instant', () => {
      const opened = new Date('2025-09-26T10:00:00+08:00');
      expect(() => official.noticeWindow(opened, 0)).toThrow(RangeError);
      expect(() => official.noticeWindow(opened, -5)).toThrow(RangeError);
      expect(() => official.noticeWindow(opened, 2.5)).toThrow(RangeError);
      expect(() => official.noticeWindow(new Date(Number.NaN), 5)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('excludes `from` and includes `to`', () => {
      expect(official.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5);
      expect(official.workingDaysBetween('2025-09-28', '2025-09-30')).toBe(2); // 09-29, 09-30
      expect(official.workingDaysBetween('2025-09-27', '2025-09-28')).toBe(1); // the Sunday make-up day
      expect(official.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0); // whole holiday
      expect(official.workingDaysBetween('2025-10-09', '2025-10-09')).toBe(0);
    });

    it('counts October 2025', () => {
      // 23 weekdays in October 2025 (1st is a Wednesday), minus 6 holiday weekdays (1, 2, 3, 6, 7, 8),
      // plus the make-up Saturday 10-11 = 18
      const weekdays = datesFromTo('2025-10-01', '2025-10-31').filter((d) => weekday(d) >= 1 && weekday(d) <= 5).length;
      expect(weekdays).toBe(23);
      expect(official.workingDaysBetween('2025-09-30', '2025-10-31')).toBe(weekdays - 6 + 1);
    });

    it('is 0 when `to` is not after `from`', () => {
      expect(official.workingDaysBetween('2025-10-10', '2025-09-26')).toBe(0);
    });

    it('throws a RangeError on invalid dates, naming which one', () => {
      expect(() => official.workingDaysBetween('2025-02-29', '2025-03-10')).toThrow(/from '2025-02-29'/);
      expect(() => official.workingDaysBetween('2025-03-01', '2025-03-32')).toThrow(/to '2025-03-32'/);
    });
  });
});
