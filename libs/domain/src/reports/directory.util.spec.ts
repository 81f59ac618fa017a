import {
  periodByKey,
  periodOf,
  ReportCadence as C,
  reportStatus,
  ReportStatus as St,
  shiftPeriod,
} from './directory.util';

describe('directory reporting periods', () => {
  it('quarters, halves, months and years, with their due day after the grace days', () => {
    expect(periodOf('2026-12-07', C.Quarterly, 15)).toEqual({
      key: '2026-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
      dueOn: '2027-01-15',
    });
    expect(periodOf('2026-02-10', C.Quarterly, 0)).toMatchObject({ key: '2026-Q1', end: '2026-03-31' });
    expect(periodOf('2026-07-01', C.HalfYearly, 10)).toMatchObject({
      key: '2026-H2',
      start: '2026-07-01',
      dueOn: '2027-01-10',
    });
    expect(periodOf('2024-02-03', C.Monthly, 5)).toMatchObject({
      key: '2024-02',
      end: '2024-02-29',
      dueOn: '2024-03-05',
    });
    expect(periodOf('2026-05-05', C.Yearly, 31)).toMatchObject({ key: '2026', end: '2026-12-31', dueOn: '2027-01-31' });
  });

  it('steps back and forth across years', () => {
    const q1 = periodOf('2026-01-15', C.Quarterly, 15);
    expect(shiftPeriod(q1, 1, C.Quarterly, 15).key).toBe('2025-Q4');
    expect(shiftPeriod(q1, 5, C.Quarterly, 15).key).toBe('2024-Q4');
    expect(shiftPeriod(q1, -4, C.Quarterly, 15).key).toBe('2027-Q1');
    expect(shiftPeriod(periodOf('2026-01-15', C.Monthly, 0), 1, C.Monthly, 0).key).toBe('2025-12');
  });

  it('reads a key of its cadence only', () => {
    expect(periodByKey('2026-Q3', C.Quarterly, 15)).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodByKey('2026-Q5', C.Quarterly, 15)).toBeNull();
    expect(periodByKey('2026-H1', C.Quarterly, 15)).toBeNull();
    expect(periodByKey('2026-13', C.Monthly, 15)).toBeNull();
    expect(periodByKey('1800', C.Yearly, 15)).toBeNull();
  });

  it('on time, late, overdue or still open', () => {
    expect(reportStatus('2027-01-15', '2027-01-15', '2027-02-01')).toBe(St.Submitted);
    expect(reportStatus('2027-01-15', '2027-01-16', '2027-02-01')).toBe(St.SubmittedLate);
    expect(reportStatus('2027-01-15', null, '2027-01-15')).toBe(St.Open);
    expect(reportStatus('2027-01-15', null, '2027-01-16')).toBe(St.Overdue);
  });
});
