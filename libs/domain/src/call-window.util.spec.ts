import { callWindowProblem, callWindowProblems, chinaYearStart } from './call-window.util';

const at = (iso: string) => new Date(iso);
// the Qingdao call of 2027: 1 March to 30 June, China time
const window = { opensAt: at('2027-03-01T00:00:00+08:00'), closesAt: at('2027-07-01T00:00:00+08:00') };

describe('callWindowProblem', () => {
  it('is open from the opening instant up to, not including, the closing one', () => {
    expect(callWindowProblem(window, at('2027-03-01T00:00:00+08:00'))).toBeNull();
    expect(callWindowProblem(window, at('2027-06-30T23:59:59+08:00'))).toBeNull();
  });

  it('names the side of the window the instant lies on', () => {
    expect(callWindowProblem(window, at('2027-02-28T23:59:59+08:00'))).toBe('call_not_open');
    // 16:00 UTC on 30 June is already 1 July in China
    expect(callWindowProblem(window, at('2027-06-30T16:00:00Z'))).toBe('call_closed');
    expect(callWindowProblem(window, at('2028-01-01T00:00:00+08:00'))).toBe('call_closed');
  });
});

describe('callWindowProblems', () => {
  it('accepts a window inside the year, or one that opens in the autumn before it', () => {
    expect(callWindowProblems(2027, window)).toEqual([]);
    expect(
      callWindowProblems(2027, { opensAt: at('2026-10-01T00:00:00+08:00'), closesAt: at('2027-01-31T00:00:00+08:00') }),
    ).toEqual([]);
  });

  it('refuses a window that closes before it opens, naming closesAt', () => {
    expect(callWindowProblems(2027, { opensAt: window.closesAt, closesAt: window.opensAt })).toEqual([
      { field: 'closesAt', message: 'closesAt must be after opensAt' },
    ]);
    expect(callWindowProblems(2027, { opensAt: window.opensAt, closesAt: window.opensAt }).map((p) => p.field)).toEqual(
      ['closesAt'],
    );
  });

  it('refuses a window outside the year in China time', () => {
    // opens at midnight of 1 January 2028 in China: the 2027 programme's year is over
    expect(
      callWindowProblems(2027, { opensAt: at('2028-01-01T00:00:00+08:00'), closesAt: at('2028-03-01T00:00:00+08:00') }),
    ).toEqual([{ field: 'opensAt', message: "opensAt lies after the programme's year 2027 (China time)" }]);
    // closes at the first instant of 2027 in China: it never reaches the year
    expect(
      callWindowProblems(2027, { opensAt: at('2026-11-01T00:00:00+08:00'), closesAt: at('2026-12-31T16:00:00Z') }),
    ).toEqual([{ field: 'closesAt', message: "closesAt lies before the programme's year 2027 (China time)" }]);
  });

  it('starts the year at midnight China time', () => {
    expect(chinaYearStart(2027).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
