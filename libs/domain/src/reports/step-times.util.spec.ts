import { DEFAULT_TIME_LIMITS } from '../worklist/work-items.util';
import { WorkingCalendar } from '../working-calendar.util';
import { nearestRank, stepTimes, StepStay } from './step-times.util';

// weekends only, plus a holiday on Monday 2026-06-08 and a make-up working Saturday 2026-06-13
const calendar = new WorkingCalendar({
  overrides: [
    { date: '2026-06-08', kind: 'holiday' },
    { date: '2026-06-13', kind: 'workday' },
  ],
  scheduledYears: [2026],
});
/** 10:00 China time on that day */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
const stay = (step: string, from: string, to: string | null, limits = DEFAULT_TIME_LIMITS): StepStay => ({
  step,
  enteredAt: at(from),
  leftAt: to === null ? null : at(to),
  limits,
});

describe('time in each step', () => {
  it('nearest-rank percentiles', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([4], 90)).toBe(4);
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });

  it('counts working days on known histories, against the limit counted as the to-do list counts it', () => {
    const stays = [
      // Monday 1 June → Friday 5 June: 4 working days
      stay('preliminary_review', '2026-06-01', '2026-06-05'),
      // Friday 5 June → Friday 12 June: Mon 8 is a holiday, so 4
      stay('preliminary_review', '2026-06-05', '2026-06-12'),
      // Friday 5 June → Monday 15 June: Tue–Fri (4), Sat 13 make-up (1), Mon 15 (1) = 6
      stay('preliminary_review', '2026-06-05', '2026-06-15'),
      // the same day: 0
      stay('preliminary_review', '2026-06-15', '2026-06-15'),
      // 1 June → 22 June: 2,3,4,5 (4) + 9..13 (5) + 15..19 (5) + 22 (1) = 15 > 10: over the limit
      stay('preliminary_review', '2026-06-01', '2026-06-22'),
      stay('preliminary_review', '2026-06-22', null),
      // recheck, limit 5: Mon 15 → Mon 22 is 5 working days, due at the end of the 5th: on time
      stay('recheck', '2026-06-15', '2026-06-22'),
      stay('recheck', '2026-06-15', '2026-06-23'), // 6: over
    ];
    const byStep = Object.fromEntries(stepTimes(stays, calendar).map((s) => [s.step, s]));
    expect(byStep.preliminary_review).toEqual({
      step: 'preliminary_review',
      completed: 5,
      running: 1,
      medianWorkingDays: 4, // 0, 4, 4, 6, 15
      p90WorkingDays: 15,
      limitWorkingDays: 10,
      overLimit: 1,
    });
    expect(byStep.recheck).toMatchObject({ completed: 2, medianWorkingDays: 5, p90WorkingDays: 6, overLimit: 1 });
    expect(byStep.acceptance).toMatchObject({
      completed: 0,
      running: 0,
      medianWorkingDays: null,
      p90WorkingDays: null,
      limitWorkingDays: null,
    });
  });

  it('names no single limit when programmes differ, and counts no stay over a step without one', () => {
    const stays = [
      stay('acceptance', '2026-06-01', '2026-06-30', { ...DEFAULT_TIME_LIMITS, acceptance: null }),
      stay('acceptance', '2026-06-01', '2026-06-02', { ...DEFAULT_TIME_LIMITS, acceptance: 3 }),
    ];
    const [acceptance] = stepTimes(stays, calendar).filter((s) => s.step === 'acceptance');
    expect(acceptance).toMatchObject({ completed: 2, limitWorkingDays: null, overLimit: 0 });
  });
});
