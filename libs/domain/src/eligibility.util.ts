import { AccreditationState } from './accreditation/accreditation.types';
import { isWithin } from './jurisdiction.util';
import { UnitKind } from './unit-kind';

/**
 * Who and what may take part in a programme: the stations a demonstration base is built on (Hunan notice §8: bases
 * are formed on the province's designated stations) and the evaluators of its panels (the programme's expert pool).
 */

/** Why a station cannot carry a base: each is a rule the answer names. */
export type StationRule = 'station_designated' | 'station_valid' | 'station_in_jurisdiction';

export interface StationFacts {
  unitKind: UnitKind | string;
  state: AccreditationState | string;
  /** the last day of the title (China date, YYYY-MM-DD); null: no end */
  validUntil: string | null;
  jurisdictionPath: string;
}

/**
 * The first rule a station breaks as the basis of a base in the programme at `programmePath`, on the China date
 * `today`; null when it may carry it. A station must be a designated demonstration station (a revoked, rejected or
 * pending one may not), its title still valid today, and registered inside the base programme's jurisdiction. It need
 * not be the applicant's own: a base gathers the stations of a park or an association.
 */
export function stationProblem(station: StationFacts, programmePath: string, today: string): StationRule | null {
  if (station.unitKind !== UnitKind.Station || station.state !== AccreditationState.Designated)
    return 'station_designated';
  if (station.validUntil !== null && station.validUntil < today) return 'station_valid';
  if (!isWithin(station.jurisdictionPath, programmePath)) return 'station_in_jurisdiction';
  return null;
}

/**
 * Whether an evaluator belongs to a programme's expert pool: invited to it, or bound to a jurisdiction on the
 * programme's line — inside the programme's jurisdiction, or above it (a city's or province's experts serve the
 * districts below; the national office's serve all). An evaluator of another branch (Hunan for a Qingdao programme)
 * or with no jurisdiction is in the pool only when invited.
 */
export function inExpertPool(evaluatorPath: string | null, programmePath: string, invited: boolean): boolean {
  if (invited) return true;
  if (evaluatorPath === null) return false;
  return isWithin(evaluatorPath, programmePath) || isWithin(programmePath, evaluatorPath);
}

/**
 * The kinds of organisation an applicant can be (the identity context's OrganisationKind, as values: the domain
 * imports no other context).
 */
export const APPLICANT_KINDS = ['enterprise', 'park', 'association', 'government'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/**
 * Which kinds of organisation may hold which title (DOMAIN.md "The units and the levels"): enterprises are
 * demonstration enterprises; points (示范点) are enterprises or the sites of parks; stations (示范站) are set up in a
 * park or an association (or by the company that runs the park: park operators are usually registered as
 * enterprises); bases are formed by the parks and associations that carry stations, or their operating company; only
 * city and county governments apply as pilot regions; liaison points (联络点) are set up in enterprises, parks and
 * associations. A programme may narrow this list, never widen it.
 */
export const KINDS_FOR_UNIT: Readonly<Record<UnitKind, readonly ApplicantKind[]>> = {
  [UnitKind.Enterprise]: ['enterprise'],
  [UnitKind.Point]: ['enterprise', 'park'],
  [UnitKind.Station]: ['enterprise', 'park', 'association'],
  [UnitKind.Base]: ['enterprise', 'park', 'association'],
  [UnitKind.PilotRegion]: ['government'],
  [UnitKind.LiaisonPoint]: ['enterprise', 'park', 'association'],
};

/** The organisation kinds a programme lists that its unit kind does not allow (empty: the list is fine). */
export function unsupportedKinds(unitKind: UnitKind, kinds: readonly string[]): string[] {
  const allowed: readonly string[] = KINDS_FOR_UNIT[unitKind];
  return kinds.filter((k) => !allowed.includes(k));
}

/**
 * Whether an organisation of `kind` may apply to a programme for `unitKind` that admits `eligibleKinds`: the
 * programme's own list, inside what the unit kind allows. `organisation_kind` when it may not.
 */
export function organisationKindProblem(
  kind: string,
  unitKind: UnitKind,
  eligibleKinds: readonly string[],
): 'organisation_kind' | null {
  const allowed: readonly string[] = KINDS_FOR_UNIT[unitKind];
  return allowed.includes(kind) && eligibleKinds.includes(kind) ? null : 'organisation_kind';
}
