/**
 * Targets over years per jurisdiction and unit kind (Jiaxing 2014: 5 / 10 / 20 demonstration points and 100 / 200 /
 * 300 enterprises with liaison points by the end of 2015 / 2016 / 2017), tracked against the designations in the
 * jurisdiction's subtree. A unit counts once however many titles of the kind it holds there (a district title and the
 * city title it was recommended to are one unit).
 */

/** A title as progress counts it: China dates (YYYY-MM-DD). */
export interface TitleFacts {
  organisationId: string;
  designatedOn: string;
  /** the last day of validity; null: until revoked */
  validUntil: string | null;
  /** the day the title ended early (revoked, expired by the sweeper, a failed re-inspection); null: it has not */
  endedOn: string | null;
}

/** The day a target falls due: the end of its year. */
export function targetDueOn(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/** Whether the title was in force on the China date `day`. */
export function titleValidOn(t: TitleFacts, day: string): boolean {
  return (
    t.designatedOn <= day && (t.validUntil === null || t.validUntil >= day) && (t.endedOn === null || t.endedOn > day)
  );
}

/** The units (organisations) holding a title in force on `day`. */
export function unitsWithValidTitle(titles: readonly TitleFacts[], day: string): number {
  return new Set(titles.filter((t) => titleValidOn(t, day)).map((t) => t.organisationId)).size;
}

export type TargetStatus = 'met' | 'missed' | 'open';

export interface TargetProgress {
  dueOn: string;
  /** units with a title in force on the due date; null while the due date is still ahead */
  atDueDate: number | null;
  /** units with a title in force today */
  now: number;
  /** the figure the target is judged on (at the due date once it has passed, else today), in whole percent, ≤ 100 */
  percent: number;
  /** met: reached (today, or on the due date); missed: the due date passed short of it; open: not yet due nor met */
  status: TargetStatus;
}

/** The progress of a target of `target` units by the end of `year`, on the China date `today`. */
export function targetProgress(
  target: number,
  year: number,
  titles: readonly TitleFacts[],
  today: string,
): TargetProgress {
  const dueOn = targetDueOn(year);
  const now = unitsWithValidTitle(titles, today);
  const due = dueOn <= today;
  const atDueDate = due ? unitsWithValidTitle(titles, dueOn) : null;
  const judged = atDueDate ?? now;
  const percent = target === 0 ? 100 : Math.min(100, Math.floor((judged * 100) / target));
  const status: TargetStatus = judged >= target ? 'met' : due ? 'missed' : 'open';
  return { dueOn, atDueDate, now, percent, status };
}
