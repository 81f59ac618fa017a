import { AccreditationState } from './accreditation/accreditation.types';
import { isWithin, JurisdictionLevel, LEVEL_ORDER } from './jurisdiction.util';
import { UnitKind } from './unit-kind';

/**
 * Recommendation upward (Qingdao FTZ notice: designated district-level units are "helped to apply at city and
 * provincial level"; Hunan §6: cities recommend, the province reviews). A programme either takes applications
 * (`open`) or candidates recommended by the bureaus of the level below (`recommendation`); a recommending bureau
 * sends between the programme's minimum and maximum of candidates, as one list.
 */
export enum ProgrammeIntake {
  /** applicants open drafts themselves */
  Open = 'open',
  /** candidates come from the regulators of the level below; applicants cannot open drafts */
  Recommendation = 'recommendation',
}

/** A recommending bureau's list: built (draft), then submitted as a whole. */
export enum CandidateListState {
  Draft = 'draft',
  Submitted = 'submitted',
}

/** Why a designation cannot be put on a list: each is a rule the answer names. */
export type CandidateRule =
  | 'programme_intake'
  | 'bureau_below_programme'
  | 'candidate_designated'
  | 'candidate_valid'
  | 'candidate_in_bureau'
  | 'candidate_level_below'
  | 'candidate_unit_kind';

export interface CandidateFacts {
  unitKind: UnitKind | string;
  level: JurisdictionLevel | string;
  state: AccreditationState | string;
  /** the last day of the title (China date); null: no end */
  validUntil: string | null;
  jurisdictionPath: string;
}

export interface RecommendingProgramme {
  intake: ProgrammeIntake | string;
  unitKind: UnitKind | string;
  level: JurisdictionLevel | string;
  /** the path of the jurisdiction running the programme */
  path: string;
}

/**
 * The first rule that keeps the bureau at `bureauPath` from recommending `candidate` to `programme` on the China
 * date `today`; null when it may. The programme must take recommendations and run strictly above the bureau (its
 * jurisdiction an ancestor of the bureau's); the candidate must be a designation of the same kind, still valid
 * today, made at a level below the programme's, of a unit inside the bureau's subtree.
 */
export function candidateProblem(
  candidate: CandidateFacts,
  programme: RecommendingProgramme,
  bureauPath: string,
  today: string,
): CandidateRule | null {
  if (programme.intake !== ProgrammeIntake.Recommendation) return 'programme_intake';
  if (bureauPath === programme.path || !isWithin(bureauPath, programme.path)) return 'bureau_below_programme';
  if (candidate.state !== AccreditationState.Designated) return 'candidate_designated';
  if (candidate.validUntil !== null && candidate.validUntil < today) return 'candidate_valid';
  if (!isWithin(candidate.jurisdictionPath, bureauPath)) return 'candidate_in_bureau';
  if (levelRank(candidate.level) >= levelRank(programme.level)) return 'candidate_level_below';
  if (candidate.unitKind !== programme.unitKind) return 'candidate_unit_kind';
  return null;
}

/** The sentence a user reads for a refused candidate. */
export function candidateRuleText(rule: CandidateRule): string {
  switch (rule) {
    case 'programme_intake':
      return 'the programme takes open applications, not recommendations';
    case 'bureau_below_programme':
      return "only a bureau below the programme's jurisdiction recommends to it";
    case 'candidate_designated':
      return 'is not designated';
    case 'candidate_valid':
      return 'is no longer valid';
    case 'candidate_in_bureau':
      return 'is outside your jurisdiction';
    case 'candidate_level_below':
      return "is not designated at a level below the programme's";
    case 'candidate_unit_kind':
      return "is not of the programme's unit kind";
  }
}

/**
 * Whether one more candidate fits a list already holding `listed` (null: it does), against the programme's maximum
 * per recommending bureau (null: no maximum).
 */
export function addCandidateProblem(listed: number, max: number | null): string | null {
  return max !== null && listed >= max
    ? `the list already holds ${listed} candidate(s), the programme's maximum per recommending bureau`
    : null;
}

/** Whether a list of `listed` candidates may be submitted (null: it may), between the programme's minimum and maximum. */
export function submitListProblem(listed: number, min: number | null, max: number | null): string | null {
  const least = Math.max(min ?? 1, 1);
  if (listed < least)
    return `the list holds ${listed} candidate(s); the programme asks each recommending bureau for at least ${least}`;
  if (max !== null && listed > max)
    return `the list holds ${listed} candidate(s); the programme takes at most ${max} per recommending bureau`;
  return null;
}

function levelRank(level: JurisdictionLevel | string): number {
  return LEVEL_ORDER.indexOf(level as JurisdictionLevel);
}
