import { DomainErrorCode } from '../domain-error';
import { chinaDate } from '../working-calendar.util';
import { aggregateHundredths, formatPoints, meetsPassMark } from '../rubric-scoring.util';
import { AccreditationContext, AccreditationEvent, AreaQuotaFact, PanelMember } from './accreditation.types';

/**
 * Every guard of the accreditation machine as a plain predicate with the sentence a user reads when it fails.
 * The machine uses `test`; the engine uses `explain` to say why an event was refused.
 */
export interface GuardSpec {
  test: (context: AccreditationContext, event: AccreditationEvent) => boolean;
  explain: (context: AccreditationContext, event: AccreditationEvent) => string;
  /** the code of the refusal when it names a rule of its own (default GUARD_FAILED, 422) */
  code?: DomainErrorCode;
  /**
   * The guard reads nothing of the event but who sends it: it can be decided before the click, so the events it
   * refuses are left out of that person's `allowedEvents`.
   */
  actorOnly?: true;
  /** facts the refusal carries besides its sentences (with `code`), e.g. the exhausted area and its max */
  details?: (context: AccreditationContext, event: AccreditationEvent) => Record<string, unknown>;
}

const activeMembers = (c: AccreditationContext): PanelMember[] => c.panel.filter((m) => m.status === 'active');
const isMember = (c: AccreditationContext, id: string | null) =>
  id !== null && activeMembers(c).some((m) => m.evaluatorId === id);
const field = <K extends string>(e: AccreditationEvent, k: K): unknown => (e as unknown as Record<string, unknown>)[k];
const exhaustedAreas = (e: AccreditationEvent): AreaQuotaFact[] =>
  ((field(e, 'areaQuotas') as AreaQuotaFact[] | undefined) ?? []).filter((a) => a.designated >= a.allowed);

export function panelAggregate(c: AccreditationContext): number | null {
  const sheets = activeMembers(c).flatMap((m) => (m.scores ? [m.scores] : []));
  return aggregateHundredths(c.rules.rubric, sheets);
}

export function missingMaterials(c: AccreditationContext, provided: readonly string[]): string[] {
  return c.rules.requiredMaterials.filter((k) => !provided.includes(k));
}

export const GUARDS = {
  materialsComplete: {
    test: (c, e) => missingMaterials(c, (field(e, 'materials') as string[]) ?? []).length === 0,
    explain: (c, e) =>
      `required materials are missing: ${missingMaterials(c, (field(e, 'materials') as string[]) ?? []).join(', ')}`,
  },
  evaluatorAssignable: {
    test: (c, e) => {
      const id = field(e, 'evaluatorId') as string;
      return !c.panel.some((m) => m.evaluatorId === id) && activeMembers(c).length < c.rules.panelSize;
    },
    explain: (c, e) => {
      const id = field(e, 'evaluatorId') as string;
      const prior = c.panel.find((m) => m.evaluatorId === id);
      if (prior?.status === 'active') return 'this evaluator is already on the panel';
      if (prior?.status === 'excused') return 'this evaluator declared a conflict of interest and cannot be reassigned';
      return `the panel is full (${c.rules.panelSize} evaluators); an excused member must be replaced, not added`;
    },
  },
  onPanel: {
    actorOnly: true,
    test: (c, e) => isMember(c, e.actor.id),
    explain: () => "you are not an active member of this application's evaluator panel",
  },
  panelPasses: {
    test: (c) => {
      const members = activeMembers(c);
      return (
        members.length === c.rules.panelSize &&
        members.every((m) => m.scores !== null) &&
        meetsPassMark(c.rules.rubric, panelAggregate(c))
      );
    },
    explain: (c) => {
      const members = activeMembers(c);
      if (members.length < c.rules.panelSize) {
        return `the evaluator panel is incomplete: ${members.length} of ${c.rules.panelSize} evaluators assigned`;
      }
      const pending = members.filter((m) => m.scores === null).length;
      if (pending > 0) return `${pending} of ${members.length} evaluators have not submitted their scores`;
      const agg = panelAggregate(c) ?? 0;
      return `the aggregate score ${formatPoints(agg)} is below the pass mark ${c.rules.rubric.passMark}`;
    },
  },
  objectionOpen: {
    test: (c, e) => c.objections.some((o) => o.id === field(e, 'objectionId') && o.status === 'open'),
    explain: (c, e) => {
      const o = c.objections.find((x) => x.id === field(e, 'objectionId'));
      return o
        ? `objection ${o.id} was already ruled ${o.status}`
        : `objection ${String(field(e, 'objectionId'))} does not belong to this application`;
    },
  },
  noticeEnded: {
    test: (c, e) => c.noticeEndsAt !== null && Date.parse(field(e, 'now') as string) >= Date.parse(c.noticeEndsAt),
    explain: (c) => `the public notice window has not ended yet (it ends at ${c.noticeEndsAt})`,
  },
  noOpenObjection: {
    test: (c) => !c.objections.some((o) => o.status === 'open'),
    explain: (c) =>
      `objections still await a ruling: ${c.objections
        .filter((o) => o.status === 'open')
        .map((o) => o.id)
        .join(', ')}`,
  },
  quotaAvailable: {
    test: (_c, e) => {
      const q = field(e, 'quotaRemaining') as number | null;
      return q === null || q > 0;
    },
    explain: (_c, e) => {
      const allowed = field(e, 'quotaAllowed') as number | null | undefined;
      return allowed == null
        ? "the programme's quota of designations is used up"
        : `the programme's quota of designations is used up (${allowed} allowed)`;
    },
    code: DomainErrorCode.QuotaExhausted,
    details: (_c, e) => ({ max: (field(e, 'quotaAllowed') as number | null | undefined) ?? null }),
  },
  areaQuotaAvailable: {
    test: (_c, e) => exhaustedAreas(e).length === 0,
    explain: (_c, e) =>
      exhaustedAreas(e)
        .map(
          (a) =>
            `the quota of ${a.name} (${a.jurisdictionCode}) is used up: ${a.designated} designated, at most ${a.allowed}` +
            (a.allowed > a.max ? ` (max ${a.max} and ${a.allowed - a.max} added by override)` : ''),
        )
        .join('; '),
    code: DomainErrorCode.QuotaExhausted,
    details: (_c, e) => {
      const [a] = exhaustedAreas(e);
      return { area: a.jurisdictionCode, areaName: a.name, max: a.allowed, designated: a.designated };
    },
  },
  stationsValid: {
    test: (_c, e) => ((field(e, 'invalidStations') as unknown[] | undefined) ?? []).length === 0,
    explain: (_c, e) =>
      ((field(e, 'invalidStations') as { reference: string; problem: string }[] | undefined) ?? [])
        .map((s) => `station ${s.reference} the base is built on ${s.problem}`)
        .join('; '),
    code: DomainErrorCode.StationNotValid,
  },
  secondReviewer: {
    actorOnly: true,
    test: (c, e) =>
      c.rules.recheckBySecondRegulator === false ||
      c.preliminaryReviewerId == null ||
      c.preliminaryReviewerId !== e.actor.id,
    explain: () =>
      'the re-check (复核) must be done by a regulator other than the one who passed the preliminary review (初审)',
    code: DomainErrorCode.SameReviewer,
  },
  revisionOverdue: {
    test: (c, e) => c.revisionDueAt != null && Date.parse(field(e, 'now') as string) >= Date.parse(c.revisionDueAt),
    explain: (c) =>
      c.revisionDueAt == null
        ? 'the programme sets no deadline for a returned application'
        : `the revision deadline has not passed yet (it ends at ${c.revisionDueAt})`,
  },
  validityEnded: {
    test: (_c, e) => {
      const until = field(e, 'validUntil') as string | null;
      return until !== null && chinaDate(new Date(field(e, 'now') as string)) > until;
    },
    explain: (_c, e) => {
      const until = field(e, 'validUntil') as string | null;
      return until === null ? 'the title has no end of validity' : `the title is valid until ${until} (inclusive)`;
    },
  },
} satisfies Record<string, GuardSpec>;

export type GuardName = keyof typeof GUARDS;
