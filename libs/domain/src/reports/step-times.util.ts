import type { TimeLimits } from '../worklist/work-items.util';
import { dueAt } from '../worklist/work-items.util';
import { chinaDate, type WorkingCalendar } from '../working-calendar.util';

/** The steps whose time is measured, with the programme's time limit that applies to each. */
export const TIMED_STEPS = {
  preliminary_review: 'preliminaryReview',
  revision_requested: 'revisionRequested',
  recheck: 'recheck',
  acceptance: 'acceptance',
  notice_closed: 'noticeClosed',
} as const satisfies Record<string, keyof TimeLimits>;

export type TimedStep = keyof typeof TIMED_STEPS;

/** One stay of one application in one step: entered at, left at (null: still there), under its programme's limits. */
export interface StepStay {
  step: string;
  enteredAt: Date;
  leftAt: Date | null;
  limits: TimeLimits;
}

/** Time spent in one step, over the stays that ended, in working days, against the step's limit. */
export interface StepTime {
  step: TimedStep;
  /** stays that ended (the ones measured) */
  completed: number;
  /** stays still running */
  running: number;
  /** median and 90th percentile of the working days spent (nearest rank); null when none ended */
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  /** the limit in working days when every measured stay had the same one; null when none or they differ */
  limitWorkingDays: number | null;
  /** ended stays that left after their due instant (the limit counted from their entry, as the to-do list does) */
  overLimit: number;
}

/** The nearest-rank percentile (p in 0..100) of ascending `sorted`: the smallest value with at least p % at or below. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Working days spent from `from` to `to`: the working days after the entry day up to and including the day it left
 * (0 when left on the day it entered), China time.
 */
export function workingDaysSpent(calendar: WorkingCalendar, from: Date, to: Date): number {
  return calendar.workingDaysBetween(chinaDate(from), chinaDate(to));
}

/** The time in each timed step (TIMED_STEPS order) over the given stays; stays in other states are ignored. */
export function stepTimes(stays: readonly StepStay[], calendar: WorkingCalendar): StepTime[] {
  return (Object.keys(TIMED_STEPS) as TimedStep[]).map((step) => {
    const mine = stays.filter((s) => s.step === step);
    const ended = mine.filter((s): s is StepStay & { leftAt: Date } => s.leftAt !== null);
    const days = ended.map((s) => workingDaysSpent(calendar, s.enteredAt, s.leftAt)).sort((a, b) => a - b);
    const limits = new Set(ended.map((s) => s.limits[TIMED_STEPS[step]]));
    let overLimit = 0;
    for (const s of ended) {
      const limit = s.limits[TIMED_STEPS[step]];
      if (limit !== null && s.leftAt.getTime() > dueAt(calendar, s.enteredAt, limit).getTime()) overLimit += 1;
    }
    const [only] = limits;
    return {
      step,
      completed: ended.length,
      running: mine.length - ended.length,
      medianWorkingDays: nearestRank(days, 50),
      p90WorkingDays: nearestRank(days, 90),
      limitWorkingDays: limits.size === 1 ? (only ?? null) : null,
      overLimit,
    };
  });
}
