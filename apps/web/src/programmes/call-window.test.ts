import { describe, expect, it } from 'vitest';
import { callStatus, chinaTime, fromChinaTime, ruleValueText } from './call-window';

describe('the call window in the console', () => {
  const opensAt = '2027-02-28T16:00:00.000Z'; // 1 March, 00:00 in China
  const closesAt = '2027-06-30T16:00:00.000Z'; // 1 July, 00:00 in China

  it('says whether the call has opened, is open or has closed', () => {
    expect(callStatus(opensAt, closesAt, new Date('2027-02-28T15:59:59Z'))).toBe('not_open');
    expect(callStatus(opensAt, closesAt, new Date('2027-02-28T16:00:00Z'))).toBe('open');
    expect(callStatus(opensAt, closesAt, new Date('2027-06-30T15:59:59Z'))).toBe('open');
    expect(callStatus(opensAt, closesAt, new Date('2027-06-30T16:00:00Z'))).toBe('closed');
  });

  it('shows instants in China time and sends China wall-clock times with their offset', () => {
    expect(chinaTime(opensAt)).toBe('2027-03-01 00:00');
    expect(fromChinaTime('2027-03-01')).toBe('2027-03-01T00:00:00+08:00');
    expect(fromChinaTime('2027-03-01 17:30')).toBe('2027-03-01T17:30:00+08:00');
    expect(new Date(fromChinaTime(chinaTime(closesAt))).toISOString()).toBe(closesAt);
  });

  it('writes a changed rule as text', () => {
    expect(ruleValueText('closesAt', JSON.stringify(closesAt))).toBe('2027-07-01 00:00');
    expect(ruleValueText('eligibleOrganisationKinds', '["park","association"]')).toBe('park、association');
    expect(ruleValueText('validityYears', 'null')).toBe('—');
    expect(ruleValueText('noticeWorkingDays', '7')).toBe('7');
    expect(ruleValueText('timeLimits', '{"recheck":3}')).toBe('{"recheck":3}');
  });
});
