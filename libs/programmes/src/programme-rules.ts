import { isDeepStrictEqual } from 'util';
import type { ProgrammeEntity } from './programme.entity';

/**
 * The rules an application runs under: taken from the programme's version the application was created under, never
 * from its latest (the engine reads them through `withRulesOf`).
 */
export const APPLICATION_RULE_FIELDS = [
  'rubric',
  'panelSize',
  'requiredMaterials',
  'noticeWorkingDays',
  'timeLimits',
  'validityYears',
  'recheckBySecondRegulator',
  'revisionWorkingDays',
  'revocationBarMonths',
] as const;

/** The call's rules: they apply to the programme as a whole, as they stand now (who may apply, and when). */
export const CALL_RULE_FIELDS = ['opensAt', 'closesAt', 'eligibleOrganisationKinds'] as const;

export const RULE_FIELDS = [...APPLICATION_RULE_FIELDS, ...CALL_RULE_FIELDS] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** Every rule of one version, as stored in programme_versions.rules (instants as ISO strings). */
export type ProgrammeRules = {
  [K in (typeof APPLICATION_RULE_FIELDS)[number]]: ProgrammeEntity[K];
} & { opensAt: string; closesAt: string; eligibleOrganisationKinds: string[] };

/** A rule's value as JSON holds it. */
export type RuleValue = string | number | boolean | null | object;

/** One rule a new version changed. */
export interface RuleChange {
  field: RuleField;
  before: RuleValue;
  after: RuleValue;
}

/** The rules as a programme row holds them now. */
export function rulesOf(p: Pick<ProgrammeEntity, RuleField>): ProgrammeRules {
  return {
    rubric: p.rubric,
    panelSize: p.panelSize,
    requiredMaterials: p.requiredMaterials,
    noticeWorkingDays: p.noticeWorkingDays,
    timeLimits: p.timeLimits,
    validityYears: p.validityYears,
    recheckBySecondRegulator: p.recheckBySecondRegulator,
    revisionWorkingDays: p.revisionWorkingDays,
    revocationBarMonths: p.revocationBarMonths,
    opensAt: new Date(p.opensAt).toISOString(),
    closesAt: new Date(p.closesAt).toISOString(),
    eligibleOrganisationKinds: p.eligibleOrganisationKinds,
  };
}

/** The rules that differ between two versions, in the order of RULE_FIELDS. */
export function ruleChanges(before: ProgrammeRules, after: ProgrammeRules): RuleChange[] {
  return RULE_FIELDS.filter((f) => !isDeepStrictEqual(before[f], after[f])).map((field) => ({
    field,
    before: before[field] as RuleValue,
    after: after[field] as RuleValue,
  }));
}

/**
 * The programme as an application created under `rules` sees it: the application's rules from its version, the rest
 * (code, jurisdiction, the call, the sequence) as the programme is now.
 */
export function withRulesOf<P extends ProgrammeEntity>(programme: P, rules: ProgrammeRules | null): P {
  if (!rules) return programme;
  for (const f of APPLICATION_RULE_FIELDS) (programme as Record<string, unknown>)[f] = rules[f];
  return programme;
}
