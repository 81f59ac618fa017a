import { DomainError, DomainErrorCode } from '../domain-error';
import { Role } from '../roles';
import { objectionContactProblems } from '../objection.util';
import { scoreSheetProblems } from '../rubric-scoring.util';
import { ClientField, EventCommand, materialKeyProblems } from './accreditation.commands';
import { GUARDS, GuardName, GuardSpec } from './accreditation.guards';
import { AccreditationContext, AccreditationEvent, AccreditationEventType as E } from './accreditation.types';

/** A problem with the value of one client field. */
export interface FieldProblem {
  field: ClientField;
  message: string;
}

/**
 * What one event means, with no server in sight: who may send it, the client fields it takes and their checks,
 * and the domain requirements checked before the machine. The transitions stay in `accreditation.machine.ts`;
 * what the server adds and writes for the event is the entry of the same type in libs/accreditation's
 * `APPLICATION_EVENTS` (application-events.ts).
 */
export interface EventSpec<T extends E> {
  /** the roles that may send it at all; any other role is refused before the machine is asked (403) */
  roles: readonly Role[];
  /** the client fields it must have, and the ones it accepts besides; anything else is a 400 naming the field */
  required: readonly ClientField[];
  optional: readonly ClientField[];
  /** checks of the fields' values (may use the application's rules); each problem names its field (400) */
  check?: (command: EventCommand & { type: T }, context: AccreditationContext) => FieldProblem[];
  /** the domain conditions beyond role; the machine's guard and the 422 refusal sentences share them */
  requirements: readonly GuardName[];
  /**
   * Sent to `POST /applications/:id/events` and listed in `allowedEvents`. False for an event that has an
   * endpoint of its own (UPDATE_MATERIALS: `PUT /applications/:id/materials`; FILE_OBJECTION:
   * `POST /applications/:id/objections`).
   */
  listed: boolean;
  /** sent without the version the sender read (anyone may object while the notice is open) */
  versionOptional?: true;
  /** when set, other roles are refused with this sentence before the application is even read */
  refusedToOthers?: string;
}

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

const everyone = [Role.Public, Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin] as const;

/** Every event of the accreditation flow: TypeScript refuses the table when an event type has no entry. */
export const ACCREDITATION_EVENTS: { [T in E]: EventSpec<T> } = {
  [E.Submit]: {
    roles: [Role.Applicant],
    required: [],
    optional: ['comment'],
    requirements: ['materialsComplete'],
    listed: true,
  },
  [E.RequestRevision]: { roles: [Role.Regulator], required: ['reason'], optional: [], requirements: [], listed: true },
  [E.Resubmit]: {
    roles: [Role.Applicant],
    required: [],
    optional: ['comment'],
    requirements: ['materialsComplete'],
    listed: true,
  },
  [E.PassPreliminary]: { roles: [Role.Regulator], required: [], optional: ['comment'], requirements: [], listed: true },
  [E.PassRecheck]: {
    roles: [Role.Regulator],
    required: [],
    optional: ['comment'],
    requirements: ['secondReviewer'],
    listed: true,
  },
  [E.AssignEvaluator]: {
    roles: [Role.Regulator],
    required: ['evaluatorId'],
    optional: [],
    requirements: ['evaluatorAssignable'],
    listed: true,
  },
  [E.DeclareConflict]: {
    roles: [Role.Evaluator],
    required: ['reason'],
    optional: [],
    requirements: ['onPanel'],
    listed: true,
  },
  [E.SubmitScore]: {
    roles: [Role.Evaluator],
    required: ['scores'],
    optional: ['comment'],
    check: (c, context) =>
      scoreSheetProblems(context.rules.rubric, c.scores!).map((message) => ({ field: 'scores', message })),
    requirements: ['onPanel'],
    listed: true,
  },
  [E.OpenPublicNotice]: {
    roles: [Role.Regulator],
    required: [],
    optional: ['comment'],
    requirements: ['panelPasses'],
    listed: true,
  },
  [E.FileObjection]: {
    roles: everyone,
    required: ['reason', 'filerContact'],
    optional: ['filerName', 'filerOrganisation'],
    check: (c) => [
      ...objectionContactProblems(c.filerContact!).map((message) => ({ field: 'filerContact' as const, message })),
      ...(blank(c.filerName) && blank(c.filerOrganisation)
        ? [{ field: 'filerName' as const, message: 'filerName or filerOrganisation is required: who objects' }]
        : []),
    ],
    requirements: [],
    // filed at POST /applications/:id/objections, which answers a receipt and is rate-limited
    listed: false,
    versionOptional: true,
  },
  [E.RuleObjection]: {
    roles: [Role.Regulator],
    required: ['objectionId', 'decision', 'reason'],
    optional: [],
    requirements: ['objectionOpen'],
    listed: true,
  },
  [E.CloseNotice]: {
    roles: [Role.System],
    required: [],
    optional: [],
    requirements: ['noticeEnded'],
    listed: true,
    refusedToOthers: 'CLOSE_NOTICE is sent by the system timer when the notice window ends',
  },
  [E.Designate]: {
    roles: [Role.Regulator],
    required: [],
    optional: ['comment'],
    requirements: ['noOpenObjection', 'quotaAvailable', 'areaQuotaAvailable', 'stationsValid'],
    listed: true,
  },
  [E.Reject]: { roles: [Role.Regulator], required: ['reason'], optional: [], requirements: [], listed: true },
  [E.Withdraw]: { roles: [Role.Applicant], required: [], optional: ['reason'], requirements: [], listed: true },
  [E.Revoke]: {
    roles: [Role.Regulator],
    required: ['reason'],
    optional: ['penaltyReference', 'creditPublication'],
    check: (c) =>
      !blank(c.creditPublication) && blank(c.penaltyReference)
        ? [{ field: 'penaltyReference', message: 'penaltyReference is required when creditPublication is given' }]
        : [],
    requirements: [],
    listed: true,
  },
  [E.Lapse]: {
    roles: [Role.System],
    required: [],
    optional: [],
    requirements: ['revisionOverdue'],
    listed: true,
    refusedToOthers: 'LAPSE is sent by the system timer when the revision deadline has passed',
  },
  [E.Expire]: {
    roles: [Role.System],
    required: [],
    optional: [],
    requirements: ['validityEnded'],
    listed: true,
    refusedToOthers: 'EXPIRE is sent by the system sweeper when the title reaches the end of its validity',
  },
  // recorded at POST /applications/:id/reinspections, which also keeps the re-inspection's own row
  [E.PassReinspection]: {
    roles: [Role.Regulator],
    required: [],
    optional: ['reason'],
    requirements: [],
    listed: false,
  },
  [E.FailReinspection]: {
    roles: [Role.Regulator],
    required: ['reason'],
    optional: [],
    requirements: [],
    listed: false,
  },
  [E.UpdateMaterials]: {
    roles: [Role.Applicant],
    required: ['materials'],
    optional: [],
    check: (c) => materialKeyProblems(c.materials!).map((message) => ({ field: 'materials', message })),
    requirements: [],
    listed: false,
  },
};

/** The entry of one event type (typed for that type). */
export function eventSpec<T extends E>(type: T): EventSpec<T> {
  return ACCREDITATION_EVENTS[type];
}

/** The events clients send to `POST /applications/:id/events`, in the vocabulary's order. */
export const CLIENT_EVENT_TYPES: readonly E[] = Object.values(E).filter((t) => ACCREDITATION_EVENTS[t].listed);

export function roleAllowed(event: AccreditationEvent): boolean {
  return ACCREDITATION_EVENTS[event.type].roles.includes(event.actor.role);
}

/** The sentences explaining which requirements of `event` fail in `context`; empty when none does. */
export function unmetRequirements(context: AccreditationContext, event: AccreditationEvent): string[] {
  return ACCREDITATION_EVENTS[event.type].requirements
    .filter((g) => !GUARDS[g].test(context, event))
    .map((g) => GUARDS[g].explain(context, event));
}

/**
 * The first failing requirement that names a rule of its own (e.g. SAME_REVIEWER, QUOTA_EXHAUSTED), if any: its code
 * and the facts its refusal carries.
 */
export function unmetRule(
  context: AccreditationContext,
  event: AccreditationEvent,
): { code: DomainErrorCode; details: Record<string, unknown> } | null {
  for (const g of ACCREDITATION_EVENTS[event.type].requirements) {
    const spec: GuardSpec = GUARDS[g];
    if (spec.code && !spec.test(context, event)) {
      return { code: spec.code, details: spec.details?.(context, event) ?? {} };
    }
  }
  return null;
}

/**
 * What can be refused before the application is read: a 400 naming the fields that are missing or do not belong
 * to this event (a blank text counts as missing: a rejection "because    " gives no reason), then a 403 for an
 * event only some roles may even try.
 */
export function checkEventFields(command: EventCommand, role?: Role): void {
  const spec = ACCREDITATION_EVENTS[command.type];
  const present = (Object.keys(command) as (keyof EventCommand)[]).filter((k) => {
    const v = command[k];
    return k !== 'type' && v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  }) as ClientField[];
  const missing = spec.required.filter((f) => !present.includes(f));
  const extra = present.filter((f) => !spec.required.includes(f) && !spec.optional.includes(f));
  const problems = [
    ...missing.map((f) => `${f} is required for ${command.type}`),
    ...extra.map((f) => `${f} is not used by ${command.type}`),
  ];
  if (problems.length > 0) {
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: [...missing, ...extra] });
  }
  if (role !== undefined && spec.refusedToOthers && !spec.roles.includes(role)) {
    throw new DomainError(DomainErrorCode.Forbidden, spec.refusedToOthers);
  }
}

/** The checks of the fields' values against the application's rules: a 400 naming the fields. */
export function checkEventValues(command: EventCommand, context: AccreditationContext): void {
  const check = ACCREDITATION_EVENTS[command.type].check as EventSpec<E>['check'];
  const problems = check?.(command, context) ?? [];
  if (problems.length > 0) {
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.map((p) => p.message).join('; '), {
      fields: [...new Set(problems.map((p) => p.field))],
    });
  }
}
