import { describe, expect, it } from 'vitest';
import { formatDue } from './due';

const NOW = new Date('2026-12-07T10:00:00+08:00');

describe('formatDue', () => {
  it('shows a deadline at 24:00 China time as the end of its last day, not 00:00 of the next', () => {
    // 2026-12-10 00:00 China time = 2026-12-09 16:00 UTC: due by the end of 9 December
    expect(formatDue('2026-12-09T16:00:00.000Z', 'zh', NOW)).toBe('12月9日（当日结束前）');
    expect(formatDue('2026-12-09T16:00:00.000Z', 'en', NOW)).toBe('by the end of 9 Dec');
  });

  it('keeps the time of a deadline that is not at midnight', () => {
    expect(formatDue('2026-12-09T07:30:00.000Z', 'zh', NOW)).toBe('12月9日 15:30');
  });

  it('names the year when it is not this one, and the last day of a year correctly', () => {
    // 2027-01-01 00:00 China time: the end of 31 December 2026 (this year)
    expect(formatDue('2026-12-31T16:00:00.000Z', 'zh', NOW)).toBe('12月31日（当日结束前）');
    expect(formatDue('2027-01-05T16:00:00.000Z', 'zh', NOW)).toBe('2027年1月5日（当日结束前）');
  });

  it('is empty for no deadline', () => {
    expect(formatDue(null, 'zh', NOW)).toBe('');
  });
});
