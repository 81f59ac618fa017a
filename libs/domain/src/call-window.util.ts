/**
 * A programme's call (申报通知): applications are opened and submitted between `opensAt` (inclusive) and `closesAt`
 * (exclusive). The bureau states both as China time; they are stored as instants.
 */
export interface CallWindow {
  opensAt: Date;
  closesAt: Date;
}

/** Why an applicant may not apply now: the call has not opened yet, or it has closed. */
export type CallWindowRule = 'call_not_open' | 'call_closed';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The first instant of 1 January of `year`, China time. */
export function chinaYearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);
}

/** Whether the call is open at `now`; the rule it breaks when not. */
export function callWindowProblem(window: CallWindow, now: Date): CallWindowRule | null {
  if (now.getTime() < window.opensAt.getTime()) return 'call_not_open';
  if (now.getTime() >= window.closesAt.getTime()) return 'call_closed';
  return null;
}

/**
 * What is wrong with a programme's call window for its `year`: it must close after it opens, and lie at least partly
 * in the programme's year in China time (a call for 2027 may open in the autumn of 2026, but one that closes before
 * 2027 begins or opens after it ends belongs to another year).
 */
export function callWindowProblems(year: number, window: CallWindow): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const { opensAt, closesAt } = window;
  if (closesAt.getTime() <= opensAt.getTime())
    problems.push({ field: 'closesAt', message: 'closesAt must be after opensAt' });
  if (opensAt.getTime() >= chinaYearStart(year + 1).getTime())
    problems.push({ field: 'opensAt', message: `opensAt lies after the programme's year ${year} (China time)` });
  if (closesAt.getTime() <= chinaYearStart(year).getTime())
    problems.push({ field: 'closesAt', message: `closesAt lies before the programme's year ${year} (China time)` });
  return problems;
}
