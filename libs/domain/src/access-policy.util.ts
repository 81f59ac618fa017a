import { AccreditationState } from './accreditation/accreditation.types';
import { isWithin } from './jurisdiction.util';
import type { PilotRankingStanding } from './pilot.util';
import { Actor, Role } from './roles';

/** Who is calling, as established at sign-in from the user record (never from the request body). */
export interface Principal extends Actor {
  username: string | null;
  jurisdictionCode: string | null;
  jurisdictionPath: string | null;
  organisationId: string | null;
}

export const PUBLIC_PRINCIPAL: Principal = {
  id: null,
  role: Role.Public,
  username: null,
  jurisdictionCode: null,
  jurisdictionPath: null,
  organisationId: null,
};

/** The facts about an application that decide who may see and act on it. */
export interface ApplicationScope {
  organisationId: string;
  jurisdictionPath: string;
  programmeJurisdictionPath: string;
  state: AccreditationState;
  activeEvaluatorIds: readonly string[];
  /**
   * the bureau that does the preliminary review and re-check instead of the programme's (a national pilot
   * programme's applications are pre-reviewed by the applicant's province: pilot.util's preReviewPathOf)
   */
  preReviewPath?: string | null;
  /** a pilot application's standing with its province's ranked list (pilot.util's pilotRankingProblem); null otherwise */
  pilotRanking?: PilotRankingStanding | null;
}

/** States the public may read: an open notice and granted titles. */
export const PUBLIC_STATES: readonly AccreditationState[] = [
  AccreditationState.PublicNotice,
  AccreditationState.Designated,
  AccreditationState.Revoked,
];

/**
 * Whether the principal may know the application exists. An application the caller may not see is answered with
 * 404, not 403, so its existence does not leak. Its SQL form, for lists and counts, is `applicationVisibility` in
 * libs/accreditation (test/visibility-agreement.int-spec.ts keeps the two equal).
 */
export function canSeeApplication(p: Principal, a: ApplicationScope): boolean {
  switch (p.role) {
    case Role.Applicant:
      return p.organisationId !== null && p.organisationId === a.organisationId;
    case Role.Regulator:
    case Role.Admin:
      return p.jurisdictionPath !== null && isWithin(a.jurisdictionPath, p.jurisdictionPath);
    case Role.Evaluator:
      return p.id !== null && a.activeEvaluatorIds.includes(p.id);
    case Role.System:
      return true;
    case Role.Finance:
      return (
        p.jurisdictionPath !== null &&
        isWithin(a.jurisdictionPath, p.jurisdictionPath) &&
        (a.state === AccreditationState.Designated || a.state === AccreditationState.Revoked)
      );
    case Role.Public:
      return PUBLIC_STATES.includes(a.state);
  }
}

/**
 * Beyond seeing it, a regulator acts on an application only when the programme's issuing jurisdiction is inside
 * their own too (a city regulator can follow its enterprises in a provincial programme but not decide on them).
 * Returns the sentence to answer with, or null when the principal may act.
 */
export function actingProblem(p: Principal, a: ApplicationScope): string | null {
  if (p.role !== Role.Regulator) return null;
  if (a.preReviewPath && (a.state === AccreditationState.PreliminaryReview || a.state === AccreditationState.Recheck)) {
    return p.jurisdictionPath === a.preReviewPath
      ? null
      : 'the preliminary review (初步审核) of a pilot region application is done by the regulators of its province';
  }
  if (p.jurisdictionPath === null || !isWithin(a.programmeJurisdictionPath, p.jurisdictionPath)) {
    return 'the programme of this application is run by a bureau outside your jurisdiction';
  }
  return null;
}
