import { JurisdictionLevel } from './jurisdiction.util';
import { UnitKind } from './unit-kind';
import { startOfChinaDay } from './working-calendar.util';

/**
 * The national innovation pilot (全国商业秘密保护创新试点, seed 000): city and county governments apply with a work
 * plan; the province of the applicant pre-reviews and forwards a ranked list (初步审核, 择优上报) by a deadline; the
 * national office's experts evaluate and 15–20 regions are announced; the pilot runs three years from July of the
 * designation year, and each region reports its progress every 30 June and 31 December to the national office and
 * its province.
 */

const DAY_MS = 86_400_000;

/** How long a pilot runs, in years (seed 000 §二: 用3年时间). */
export const PILOT_YEARS = 3;

/** A half-year of the pilot's reporting, e.g. `2027-H1` (due 30 June 2027) or `2026-H2` (due 31 December 2026). */
export type HalfYear = `${number}-H${1 | 2}`;

/** The pilot's term: from 1 July of the designation year, `years` years (a China date range, both days included). */
export function pilotTerm(designatedOn: string, years = PILOT_YEARS): { startsOn: string; endsOn: string } {
  const year = Number(designatedOn.slice(0, 4));
  return { startsOn: `${year}-07-01`, endsOn: `${year + years}-06-30` };
}

/**
 * The progress reports a pilot owes: one due on each 31 December and 30 June inside its term (a three-year pilot
 * from July 2027 owes six, the last on 30 June 2030).
 */
export function pilotReportDueDates(term: { startsOn: string; endsOn: string }): string[] {
  const out: string[] = [];
  for (let year = Number(term.startsOn.slice(0, 4)); year <= Number(term.endsOn.slice(0, 4)); year++) {
    for (const day of [`${year}-06-30`, `${year}-12-31`]) {
      if (day >= term.startsOn && day <= term.endsOn) out.push(day);
    }
  }
  return out;
}

/** The half-year a due date closes: 30 June → H1, 31 December → H2. */
export function halfYearOf(dueOn: string): HalfYear {
  return `${Number(dueOn.slice(0, 4))}-H${dueOn.slice(5) <= '06-30' ? 1 : 2}` as HalfYear;
}

/** The due date of a half-year's report; null when the text is not a half-year (`2027-H1`). */
export function dueOnOfHalfYear(half: string): string | null {
  const m = /^(\d{4})-H([12])$/.exec(half);
  if (!m) return null;
  return m[2] === '1' ? `${m[1]}-06-30` : `${m[1]}-12-31`;
}

/** The last instant of a China date: a report due on 30 June may be submitted until 24:00 that day, China time. */
export function endOfChinaDay(date: string): Date {
  return new Date(startOfChinaDay(date).getTime() + DAY_MS);
}

/** Days before the due date when a region is reminded of its report. */
export const PILOT_REPORT_REMINDER_DAYS = 5;

/** When a report's reminder goes out: `PILOT_REPORT_REMINDER_DAYS` days before the end of its due day. */
export function pilotReportRemindAt(dueOn: string): Date {
  return new Date(endOfChinaDay(dueOn).getTime() - PILOT_REPORT_REMINDER_DAYS * DAY_MS);
}

/**
 * Where a report stands at `now`: `submitted` on time, `late` (submitted after its due day), `missing` (its due day
 * is over and nothing came), or `pending` (not yet due, not yet submitted).
 */
export type PilotReportStatus = 'pending' | 'submitted' | 'late' | 'missing';

export function pilotReportStatus(r: { dueOn: string; submittedAt: Date | null }, now: Date): PilotReportStatus {
  const end = endOfChinaDay(r.dueOn).getTime();
  if (r.submittedAt) return r.submittedAt.getTime() < end ? 'submitted' : 'late';
  return now.getTime() >= end ? 'missing' : 'pending';
}

/** Where a province's ranked list stands at `now`. */
export type RankingStatus = 'on_time' | 'late' | 'missing' | 'open';

export function rankingStatus(dueOn: string | null, submittedAt: Date | null, now: Date): RankingStatus {
  if (dueOn === null) return submittedAt ? 'on_time' : 'open';
  const end = endOfChinaDay(dueOn).getTime();
  if (submittedAt) return submittedAt.getTime() < end ? 'on_time' : 'late';
  return now.getTime() >= end ? 'missing' : 'open';
}

/**
 * The bureau that does the preliminary review and the re-check of an application when it is not the programme's:
 * for a national pilot programme, the province the applicant government belongs to (its path's first level below
 * the nation, e.g. `/CN/370000/`). null: the programme's own regulators review it.
 */
export function preReviewPathOf(unitKind: string, programmeLevel: string, applicationPath: string): string | null {
  if (unitKind !== UnitKind.PilotRegion || programmeLevel !== JurisdictionLevel.National) return null;
  const parts = applicationPath.split('/').filter(Boolean);
  if (parts.length < 2) return null;
  return `/${parts[0]}/${parts[1]}/`;
}

/** The jurisdiction levels whose governments may apply to be pilot regions: cities and counties (市、县(区)). */
export const PILOT_APPLICANT_LEVELS: readonly string[] = [JurisdictionLevel.City, JurisdictionLevel.District];

/**
 * What is wrong with a province's ranked list (择优上报), given the applications it forwarded to the national
 * office: each must be listed exactly once, nothing else may be; an empty list is fine only when it forwarded none.
 * Answers English sentences, empty when the list is right.
 */
export function rankingProblems(forwardedIds: readonly string[], rankedIds: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const twice = rankedIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (twice.length > 0) problems.push(`applicationIds lists ${[...new Set(twice)].join(', ')} more than once`);
  const forwarded = new Set(forwardedIds);
  const unknown = [...seen].filter((id) => !forwarded.has(id));
  if (unknown.length > 0)
    problems.push(`applicationIds: ${unknown.join(', ')} not forwarded by this province (passed its re-check)`);
  const left = forwardedIds.filter((id) => !seen.has(id));
  if (left.length > 0)
    problems.push(`applicationIds must rank every forwarded application; missing ${left.join(', ')}`);
  return problems;
}

/**
 * Why an organisation may not apply to a programme of `unitKind`, on the pilot's rule: pilot regions are applied for
 * by a city or county government (市、县(区)), and a government applies for nothing else. null: no objection.
 */
export function pilotApplicantProblem(unitKind: string, organisationKind: string, level: string): string | null {
  const government = organisationKind === 'government';
  if (unitKind === UnitKind.PilotRegion) {
    if (!government) return 'a pilot region (创新试点地区) is applied for by a city or county government';
    if (!PILOT_APPLICANT_LEVELS.includes(level))
      return `a pilot region is applied for by a city or county government, not at ${level} level`;
    return null;
  }
  return government ? 'a government applies only to a pilot region programme (创新试点地区)' : null;
}

/**
 * Where a pilot application stands with its province's ranked list (择优上报): `ranked` (on the list the province
 * submitted), `awaiting` (the province has not submitted its list yet) or `left_off` (the province submitted a list
 * without it: it passed the re-check after the list went up). Only ranked applications are reviewed nationally.
 */
export type PilotRankingStanding = 'ranked' | 'awaiting' | 'left_off';

/** The states of the national review of a pilot application: after the province's re-check, before the decision. */
const NATIONAL_REVIEW_STATES: readonly string[] = ['acceptance', 'public_notice', 'notice_closed'];

/** The reason recorded when the national office rejects an application its province left off its ranked list. */
export const NOT_RANKED_REASON = 'not ranked by the province (未列入省级择优上报名单)';

/** The province of an application pre-reviewed by a province (`/CN/370000/` → 370000). */
export function provinceCodeOf(preReviewPath: string): string {
  return preReviewPath.split('/').filter(Boolean)[1] ?? '';
}

/**
 * Why a regulator may not take the national step `type` on a pilot application before its province ranked it, in
 * words naming the province and what must happen first; null when nothing stands in the way. While the province has
 * not submitted its list, no national step is taken (the national office waits for the list); once the list went up
 * without the application, the national office may only reject it (REJECT, with NOT_RANKED_REASON).
 */
export function pilotRankingProblem(
  role: string,
  scope: { preReviewPath?: string | null; pilotRanking?: PilotRankingStanding | null; state: string },
  type: string,
  provinceName?: string,
): string | null {
  if (!scope.preReviewPath || !scope.pilotRanking || scope.pilotRanking === 'ranked') return null;
  if (role !== 'regulator' || !NATIONAL_REVIEW_STATES.includes(scope.state)) return null;
  const province = provinceName
    ? `${provinceName} (${provinceCodeOf(scope.preReviewPath)})`
    : provinceCodeOf(scope.preReviewPath);
  if (scope.pilotRanking === 'awaiting')
    return `${type} must wait for the ranked list (择优上报) of ${province}: the national review of a pilot application starts once its province has submitted a ranked list containing it (POST /programmes/:id/pilot-rankings)`;
  if (type === 'REJECT') return null;
  return `${type} refused: ${province} submitted its ranked list (择优上报) without this application, so it is not reviewed nationally; the national office may only reject it (reason: ${NOT_RANKED_REASON})`;
}

/**
 * What is wrong with the number of pilot regions on public notice once a list is announced: the regions already
 * announced (on notice, past it or designated) and the new ones together must lie between the call's fewest
 * (`min`, at least 1) and the programme's quota (`max`, none when null). null when the count fits.
 */
export function pilotListProblem(count: number, min: number | null, max: number | null): string | null {
  const low = min ?? 1;
  if (count < low || (max !== null && count > max))
    return `the list of pilot regions must hold between ${low} and ${max ?? 'any number of'} regions (minDesignations ${low}, quota ${max ?? 'none'}); it would hold ${count}`;
  return null;
}
