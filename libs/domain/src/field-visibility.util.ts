import { actingProblem, type ApplicationScope, type Principal } from './access-policy.util';
import { AccreditationEventType as E } from './accreditation/accreditation.types';
import { Role } from './roles';

/**
 * Who reads a response about one application, as far as the fields it may see depend on it: the role, the user, and
 * whether a regulator is one of the programme's (may decide on it, `actingProblem` is null) or only follows it.
 * Whether the caller may see the application at all is `canSeeApplication`; this decides the fields inside.
 */
export interface Viewer {
  role: Role;
  id: string | null;
  /** a regulator whose jurisdiction holds the programme's: the regulators who decide on the application */
  programmeRegulator: boolean;
}

export function viewerOf(p: Principal, scope: ApplicationScope): Viewer {
  return {
    role: p.role,
    id: p.id,
    programmeRegulator: p.role === Role.Regulator && actingProblem(p, scope) === null,
  };
}

/**
 * The kinds of sensitive field. Every field that is not one of these is seen by whoever may see the application.
 * - scoreSheet: an evaluator's scores, weighted score and comment (blind scoring: nobody else on the panel, never
 *   the applicant);
 * - conflictReason: why an evaluator declared a conflict of interest;
 * - objectorIdentity: who filed an objection (name, organisation, contact, account);
 * - panelIdentity: which evaluators are on the panel (the applicant does not learn who scores it).
 */
export type SensitiveField = 'scoreSheet' | 'conflictReason' | 'objectorIdentity' | 'panelIdentity';

/** Who reads each kind; `authorId` is the user the field is about (the evaluator of a sheet, the filer...). */
const READERS: Record<SensitiveField, (v: Viewer, authorId: string | null) => boolean> = {
  scoreSheet: (v, author) => v.programmeRegulator || isAuthor(v, author) || v.role === Role.System,
  conflictReason: (v, author) => v.role === Role.Regulator || isAuthor(v, author) || v.role === Role.System,
  objectorIdentity: (v) => v.role === Role.Regulator || v.role === Role.System,
  panelIdentity: (v) =>
    v.role === Role.Regulator || v.role === Role.Evaluator || v.role === Role.Admin || v.role === Role.System,
};

const isAuthor = (v: Viewer, author: string | null) => v.id !== null && author !== null && v.id === author;

export function mayRead(v: Viewer, field: SensitiveField, authorId: string | null = null): boolean {
  return READERS[field](v, authorId);
}

/**
 * The panel's aggregate score and whether it meets the pass mark: the programme's regulators always; everyone else
 * who may see the application once the public notice has opened (the result is then announced), never before (an
 * evaluator who knows the aggregate and their own sheet could work out the others').
 */
export function mayReadAggregate(v: Viewer, noticeOpened: boolean): boolean {
  return v.programmeRegulator || v.role === Role.System || noticeOpened;
}

/** A history row as far as visibility goes (application_history and its views have more fields). */
export interface HistoryFacts {
  event: string;
  actorId: string | null;
  actorRole: string;
  reason: string | null;
  payload: Record<string, unknown>;
}

/** What in a history row of one event is sensitive: the row's actor, its reason, named payload keys. */
interface HistoryFieldRule {
  actorId?: SensitiveField;
  reason?: SensitiveField;
  payload?: Record<string, SensitiveField>;
}

/**
 * The sensitive fields of each event's history row. Rows of evaluators name them (panelIdentity); the rest of the
 * row — event, states, role, time — stays, so the timeline keeps its shape.
 */
const HISTORY_FIELDS: Partial<Record<string, HistoryFieldRule>> = {
  [E.AssignEvaluator]: { payload: { evaluatorId: 'panelIdentity' } },
  [E.DeclareConflict]: { actorId: 'panelIdentity', reason: 'conflictReason' },
  [E.SubmitScore]: {
    actorId: 'panelIdentity',
    payload: { scores: 'scoreSheet', weightedScore: 'scoreSheet', comment: 'scoreSheet' },
  },
  [E.FileObjection]: { actorId: 'objectorIdentity' },
};

/**
 * The history row as `v` may read it: hidden fields dropped (actorId and reason become null, payload keys are
 * removed) and their names listed in `withheld` (never their values). The author of a row is its actor.
 */
export function visibleHistory<T extends HistoryFacts>(v: Viewer, row: T): T & { withheld: string[] } {
  const rule = HISTORY_FIELDS[row.event];
  const withheld: string[] = [];
  if (!rule) return { ...row, withheld };
  const author = row.actorId;
  const hides = (field: SensitiveField | undefined) => field !== undefined && !mayRead(v, field, author);
  const out = { ...row, payload: { ...row.payload }, withheld };
  if (hides(rule.actorId) && row.actorId !== null) {
    out.actorId = null;
    withheld.push('actorId');
  }
  if (hides(rule.reason) && row.reason !== null) {
    out.reason = null;
    withheld.push('reason');
  }
  for (const [key, field] of Object.entries(rule.payload ?? {})) {
    if (key in out.payload && hides(field)) {
      delete out.payload[key];
      withheld.push(`payload.${key}`);
    }
  }
  return out;
}

/** An evaluator's place on the panel as far as visibility goes. */
export interface PanelMemberFacts {
  evaluatorId: string;
  conflictReason: string | null;
  scores: unknown;
  weightedScore: number | null;
  comment: string | null;
}

/** The panel member as `v` may read it: another's score sheet and conflict reason are null. */
export function visiblePanelMember<T extends PanelMemberFacts>(v: Viewer, m: T): T {
  const sheet = mayRead(v, 'scoreSheet', m.evaluatorId);
  return {
    ...m,
    conflictReason: mayRead(v, 'conflictReason', m.evaluatorId) ? m.conflictReason : null,
    scores: sheet ? m.scores : null,
    weightedScore: sheet ? m.weightedScore : null,
    comment: sheet ? m.comment : null,
  };
}

/** An objection as far as visibility goes: the objector's identity. */
export interface ObjectionFacts {
  filedBy: string | null;
  filerName: string | null;
  filerOrganisation: string | null;
  filerContact: string;
}

/**
 * The objection as `v` may read it: who objected (name, organisation, contact, account) for the regulators only;
 * the text, its ruling and its times for everyone who may see the objections. A hidden contact reads as null.
 */
export function visibleObjection<T extends ObjectionFacts>(
  v: Viewer,
  o: T,
): Omit<T, 'filerContact'> & { filerContact: string | null } {
  if (mayRead(v, 'objectorIdentity', o.filedBy)) return o;
  return { ...o, filedBy: null, filerName: null, filerOrganisation: null, filerContact: null };
}
