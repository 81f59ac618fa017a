import { isWithin } from './jurisdiction.util';

/**
 * Quotas inside one programme (Hunan notice §2: 1–2 FTZ demonstration enterprises in each of the Changsha, Yueyang
 * and Chenzhou areas): per area a minimum and a maximum number of designations. The programme's own `quota` stays the
 * programme-wide maximum. The supervising bureau may add places to an area (or to the programme as a whole) by an
 * explicit, recorded override; the places an area allows are its maximum plus the overrides' extra places.
 */

/** One area's quota as the programme's bureau sets it. */
export interface AreaQuotaInput {
  jurisdictionCode: string;
  min: number;
  max: number;
}

/** A field a quota list breaks, as `areas.<i>.<field>`, with the sentence saying why. */
export interface QuotaProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with a programme's list of area quotas, given the paths of the jurisdictions it names (undefined:
 * unknown code) and the programme's own path: each area must be a known jurisdiction strictly inside the programme's
 * (the programme-wide maximum is the programme's `quota`), named once, with 0 ≤ min ≤ max and max ≥ 1.
 */
export function areaQuotaProblems(
  areas: readonly AreaQuotaInput[],
  programmePath: string,
  pathOf: (code: string) => string | undefined,
): QuotaProblem[] {
  const problems: QuotaProblem[] = [];
  const seen = new Set<string>();
  areas.forEach((a, i) => {
    const at = (f: string) => `areas.${i}.${f}`;
    const path = pathOf(a.jurisdictionCode);
    if (path === undefined) {
      problems.push({ field: at('jurisdictionCode'), message: `jurisdiction ${a.jurisdictionCode} is unknown` });
    } else if (path === programmePath || !isWithin(path, programmePath)) {
      problems.push({
        field: at('jurisdictionCode'),
        message: `${a.jurisdictionCode} is not an area inside the programme's jurisdiction`,
      });
    }
    if (seen.has(a.jurisdictionCode)) {
      problems.push({ field: at('jurisdictionCode'), message: `${a.jurisdictionCode} is named twice` });
    }
    seen.add(a.jurisdictionCode);
    if (a.min > a.max) {
      problems.push({ field: at('min'), message: `min ${a.min} is above max ${a.max} for ${a.jurisdictionCode}` });
    }
  });
  return problems;
}

/** The places an area (or the programme) allows: its maximum plus every override's extra places. */
export function allowedPlaces(max: number, overrides: readonly { extraPlaces: number }[]): number {
  return max + overrides.reduce((sum, o) => sum + o.extraPlaces, 0);
}

/**
 * The override whose extra place the next designation takes, when `designated` titles already hold places: null when
 * the next one still fits under `max` (or nothing is left: the designation is refused then). Overrides are used in
 * the order they were recorded.
 */
export function overrideForNext<O extends { extraPlaces: number }>(
  max: number,
  designated: number,
  overrides: readonly O[],
): O | null {
  if (designated < max) return null;
  let ceiling = max;
  for (const o of overrides) {
    ceiling += o.extraPlaces;
    if (designated < ceiling) return o;
  }
  return null;
}

/** One area's use of its quota, as the quota usage view shows it. */
export interface AreaUsage {
  /** the places the area allows (max + overrides) */
  allowed: number;
  /** places left; never below 0 */
  remaining: number;
  /** designations still needed to reach the minimum; 0 when it is reached */
  shortfall: number;
  /**
   * below its minimum with nothing left that could close the gap: no application of the area is still before the
   * end of its public notice (the notice has closed for every one of them)
   */
  belowMinimum: boolean;
}

/**
 * The arithmetic of one area: `designated` titles, `beforeNoticeEnd` applications still in review or public notice
 * (they might yet be designated), `min`/`max` and the overrides' extra places.
 */
export function areaUsage(
  quota: { min: number; max: number },
  designated: number,
  beforeNoticeEnd: number,
  overrides: readonly { extraPlaces: number }[],
): AreaUsage {
  const allowed = allowedPlaces(quota.max, overrides);
  const shortfall = Math.max(0, quota.min - designated);
  return {
    allowed,
    remaining: Math.max(0, allowed - designated),
    shortfall,
    belowMinimum: shortfall > 0 && beforeNoticeEnd === 0,
  };
}

/**
 * The supervising bureau of a programme: a regulator bound strictly above the programme's bureau (its parent
 * jurisdiction or any superior); the programme's own bureau sets quotas but may not override them.
 */
export function supervisesProgramme(regulatorPath: string | null, programmePath: string): boolean {
  return regulatorPath !== null && regulatorPath !== programmePath && isWithin(programmePath, regulatorPath);
}
