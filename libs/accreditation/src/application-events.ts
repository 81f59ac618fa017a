import {
  AccreditationEventType as E,
  AccreditationSnapshot,
  AccreditationState,
  Actor,
  chinaDate,
  DomainError,
  DomainErrorCode,
  EventCommand,
  EventOf,
  normalisedContact,
  normalisedObjectionText,
  Role,
  type StationRule,
  stationProblem,
  UnitKind,
  weightedScoreHundredths,
} from '@app/domain';
import { UserEntity } from '@app/identity';
import { ProgrammeEntity, WorkingCalendarService } from '@app/programmes';
import { closeNoticeJob, JobRequest, lapseRevisionJob } from '@app/queue';
import { createHash, randomUUID } from 'crypto';
import { EntityManager, In } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
import { designationQuotaFacts } from './designation-quotas';
import { assertCallAdmits } from './call-rules';
import { assertInExpertPool } from './expert-pool.usecase';
import { ObjectionEntity } from './objection.entity';
import { OrganisationBarEntity } from './organisation-bar.entity';
import { pilotValidUntil, schedulePilotReports } from './pilot-designation';
import { ReinspectionEntity } from './reinspection.entity';
import { ApplicationColumns, TransitionContext } from './transition-context';

/** What the engine knows when it turns a client's command into the event the machine sees. */
export interface EventFacts<T extends E> {
  tx: EntityManager;
  application: ApplicationEntity;
  programme: ProgrammeEntity;
  snapshot: AccreditationSnapshot;
  actor: Actor;
  command: EventCommand & { type: T };
  now: Date;
  calendar: WorkingCalendarService;
  /** something the caller should know, answered with the result and logged */
  warn(message: string): void;
}

/**
 * The server side of one event: the facts the server adds (clock, database, calendar), the application columns
 * it sets, the query tables kept in step, the outbox jobs and what the history row keeps. The engine runs these
 * in this order inside the transition's transaction; what the event means (roles, client fields, requirements)
 * is the domain's `ACCREDITATION_EVENTS`, and what it does to other contexts is a `TransitionEffect`.
 */
export interface ServerEventSpec<T extends E> {
  /** client command + server facts → the event the machine sees; may refuse with a DomainError */
  event(f: EventFacts<T>): EventOf<T> | Promise<EventOf<T>>;
  /** columns of the application row, written in the engine's one UPDATE */
  columns?(t: TransitionContext<T>): ApplicationColumns;
  /** the query tables (panel, scores, objections): the snapshot stays the source of truth for the guards */
  project?(tx: EntityManager, t: TransitionContext<T>): Promise<void>;
  /** outbox rows written in the same transaction */
  jobs?(t: TransitionContext<T>): JobRequest[];
  /** the facts kept on the history row besides the comment (never the actor's token or anything secret) */
  history?(t: TransitionContext<T>): Record<string, unknown>;
}

const reasoned = <T extends E.Reject | E.Revoke | E.DeclareConflict | E.FailReinspection>(f: EventFacts<T>) =>
  ({ type: f.command.type, actor: f.actor, reason: f.command.reason! }) as EventOf<T>;
/**
 * The materials the application lists that have an uploaded file: what SUBMIT's and RESUBMIT's completeness guard
 * checks against the programme's checklist. An entry without a file (a reference only) does not count, nor does a
 * file whose entry the applicant took off the list.
 */
const materialsOnFile = async <T extends E.Submit | E.Resubmit>(f: EventFacts<T>) => {
  const rows = await f.tx.query<{ code: string }[]>(
    'SELECT DISTINCT material_code AS code FROM material_files WHERE application_id = $1',
    [f.application.id],
  );
  const filed = new Set(rows.map((r) => r.code));
  const materials = f.application.materials.map((m) => m.key).filter((k) => filed.has(k));
  return { type: f.command.type, actor: f.actor, materials } as EventOf<T>;
};
const plain = <T extends E.PassPreliminary | E.PassRecheck>(f: EventFacts<T>) =>
  ({ type: f.command.type, actor: f.actor }) as EventOf<T>;
const materialKeys = <T extends E.Submit | E.Resubmit | E.UpdateMaterials>(t: TransitionContext<T>) => ({
  materials: (t.event as EventOf<E.Submit | E.Resubmit | E.UpdateMaterials>).materials,
});

/** Every event's server side: TypeScript refuses the table when an event type has no entry. */
export const APPLICATION_EVENTS: { [T in E]: ServerEventSpec<T> } = {
  [E.Submit]: {
    // the call must still be open and admit the applicant's kind (a RESUBMIT after a revision request is not checked)
    async event(f) {
      const [organisation] = await f.tx.query<{ name: string; kind: string }[]>(
        'SELECT name, kind FROM organisations WHERE id = $1',
        [f.application.organisationId],
      );
      assertCallAdmits(f.programme, organisation, f.now);
      return materialsOnFile(f);
    },
    columns: (t) => ({ submittedAt: t.application.submittedAt ?? t.now }),
    history: materialKeys,
  },
  [E.RequestRevision]: {
    async event({ actor, command, now, programme, calendar, warn }) {
      let revisionDueAt: string | null = null;
      if (programme.revisionWorkingDays !== null) {
        // the same count of working days as a notice window: the deadline is the start of the day after the last one
        const window = (await calendar.calendar()).noticeWindow(now, programme.revisionWorkingDays);
        if (window.unscheduledYears.length > 0) {
          warn(
            `no official holiday schedule is loaded for ${window.unscheduledYears.join(', ')}: the revision deadline counts weekends only there`,
          );
        }
        revisionDueAt = window.endsAt.toISOString();
      }
      return { type: E.RequestRevision, actor, reason: command.reason!, revisionDueAt };
    },
    columns: (t) => ({ revisionDueAt: t.event.revisionDueAt ? new Date(t.event.revisionDueAt) : null }),
    jobs: (t) =>
      t.event.revisionDueAt
        ? [lapseRevisionJob(t.application.id, t.after.context.revisions, new Date(t.event.revisionDueAt))]
        : [],
    history: (t) => ({ revisionDueAt: t.event.revisionDueAt ?? null }),
  },
  [E.Resubmit]: { event: materialsOnFile, columns: () => ({ revisionDueAt: null }), history: materialKeys },
  [E.PassPreliminary]: { event: plain },
  [E.PassRecheck]: { event: plain },
  [E.AssignEvaluator]: {
    async event({ tx, actor, command, programme }) {
      const evaluator = await tx.getRepository(UserEntity).findOneBy({ id: command.evaluatorId!, active: true });
      if (!evaluator || evaluator.role !== Role.Evaluator) {
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `evaluatorId ${command.evaluatorId} is not an active evaluator`,
          {
            fields: ['evaluatorId'],
          },
        );
      }
      // only from the programme's expert pool: its line of jurisdictions, or invited
      await assertInExpertPool(tx, programme, evaluator);
      return { type: E.AssignEvaluator, actor, evaluatorId: evaluator.id };
    },
    async project(tx, t) {
      await tx.insert(EvaluatorAssignmentEntity, {
        applicationId: t.application.id,
        evaluatorId: t.event.evaluatorId,
        assignedBy: t.principal.id!,
        assignedAt: t.now,
      });
    },
    history: (t) => ({ evaluatorId: t.event.evaluatorId }),
  },
  [E.DeclareConflict]: {
    event: reasoned,
    async project(tx, t) {
      await tx.update(
        EvaluatorAssignmentEntity,
        { applicationId: t.application.id, evaluatorId: t.event.actor.id! },
        {
          status: 'excused',
          conflictReason: t.event.reason,
          excusedAt: t.now,
          scores: null,
          weightedScore: null,
          scoredAt: null,
        },
      );
    },
  },
  [E.SubmitScore]: {
    event: ({ actor, command }) => ({ type: E.SubmitScore, actor, scores: command.scores! }),
    async project(tx, t) {
      await tx.update(
        EvaluatorAssignmentEntity,
        { applicationId: t.application.id, evaluatorId: t.event.actor.id! },
        { scores: t.event.scores, weightedScore: weightedOf(t), comment: t.command.comment ?? null, scoredAt: t.now },
      );
    },
    history: (t) => ({ scores: t.event.scores, weightedScore: weightedOf(t) }),
  },
  [E.OpenPublicNotice]: {
    async event({ actor, now, programme, calendar, warn }) {
      const window = (await calendar.calendar()).noticeWindow(now, programme.noticeWorkingDays);
      if (window.unscheduledYears.length > 0) {
        warn(
          `no official holiday schedule is loaded for ${window.unscheduledYears.join(', ')}: the notice window counts weekends only there; an admin can load the schedule under /calendar`,
        );
      }
      return { type: E.OpenPublicNotice, actor, noticeEndsAt: window.endsAt.toISOString() };
    },
    columns: (t) => ({ noticeEndsAt: new Date(t.event.noticeEndsAt) }),
    jobs: (t) => [closeNoticeJob(t.application.id, t.after.context.noticeRound, new Date(t.event.noticeEndsAt))],
    history: (t) => ({ noticeEndsAt: t.event.noticeEndsAt }),
  },
  [E.FileObjection]: {
    event({ actor, command, snapshot, now }) {
      // objections are taken while the window is open, not in the moments before the deadline job closes it
      const endsAt = snapshot.context.noticeEndsAt;
      if (
        snapshot.state === AccreditationState.PublicNotice &&
        endsAt !== null &&
        now.getTime() >= Date.parse(endsAt)
      ) {
        const reason = `the public notice window ended at ${endsAt}; objections are no longer accepted`;
        throw new DomainError(DomainErrorCode.GuardFailed, `${command.type} refused: ${reason}`, { reasons: [reason] });
      }
      return { type: E.FileObjection, actor, objectionId: randomUUID(), reason: command.reason! };
    },
    async project(tx, t) {
      const noticeRound = t.after.context.noticeRound;
      const contactKey = normalisedContact(t.command.filerContact!);
      const textKey = createHash('sha256').update(normalisedObjectionText(t.event.reason)).digest('hex');
      // the application row is locked, so filings of one application are compared one at a time
      const [first] = await tx.query(
        `SELECT id FROM objections
          WHERE application_id = $1 AND notice_round = $2 AND duplicate_of IS NULL
            AND (contact_key = $3 OR text_key = $4)
          ORDER BY created_at, id LIMIT 1`,
        [t.application.id, noticeRound, contactKey, textKey],
      );
      const duplicateOf: string | null = first?.id ?? null;
      await tx.insert(ObjectionEntity, {
        id: t.event.objectionId,
        applicationId: t.application.id,
        noticeRound,
        filedBy: t.principal.id,
        filerName: t.command.filerName?.trim() || null,
        filerOrganisation: t.command.filerOrganisation?.trim() || null,
        filerContact: t.command.filerContact!.trim(),
        contactKey,
        textKey,
        duplicateOf,
        reason: t.event.reason,
        createdAt: t.now,
      });
      t.payload.duplicateOf = duplicateOf;
    },
    history: (t) => ({ objectionId: t.event.objectionId }),
  },
  [E.RuleObjection]: {
    event: ({ actor, command }) => ({
      type: E.RuleObjection,
      actor,
      objectionId: command.objectionId!,
      decision: command.decision!,
      reason: command.reason!,
    }),
    async project(tx, t) {
      await tx.update(
        ObjectionEntity,
        { id: t.event.objectionId, applicationId: t.application.id },
        { status: t.event.decision, ruledBy: t.principal.id, rulingReason: t.event.reason, ruledAt: t.now },
      );
    },
    history: (t) => ({ objectionId: t.event.objectionId, decision: t.event.decision }),
  },
  [E.CloseNotice]: {
    event: ({ actor, now }) => ({ type: E.CloseNotice, actor, now: now.toISOString() }),
    history: (t) => ({ closedAt: t.event.now }),
  },
  [E.Designate]: {
    async event({ tx, actor, programme, application, now }) {
      const invalidStations = await invalidStationsOf(tx, application, programme, now);
      // the programme-wide quota and the quotas of the application's areas, counted under their row locks
      const quotas = await designationQuotaFacts(tx, programme, application);
      return { type: E.Designate, actor, ...quotas, ...(invalidStations.length ? { invalidStations } : {}) };
    },
    columns: (t) => ({
      designatedAt: t.now,
      validUntil:
        pilotValidUntil(t.programme, chinaDate(t.now)) ?? validUntil(chinaDate(t.now), t.programme.validityYears),
    }),
    async project(tx, t) {
      // a pilot region's term from 1 July and its semi-annual progress reports (seed 000)
      await schedulePilotReports(tx, t);
      // the first yearly re-inspection (回访/巡查), a year after designation, if the title is still valid then
      await scheduleReinspection(tx, t, 1);
    },
    history: (t) => ({
      quotaRemaining: t.event.quotaRemaining,
      ...(t.event.areaQuotas?.length ? { areaQuotas: t.event.areaQuotas } : {}),
      // an override whose extra place this designation took: who allowed it, when and why
      ...(t.event.overrides?.length ? { quotaOverrides: t.event.overrides } : {}),
    }),
  },
  [E.Reject]: { event: reasoned },
  [E.Withdraw]: { event: ({ actor, command }) => ({ type: E.Withdraw, actor, reason: command.reason }) },
  [E.Revoke]: {
    event: reasoned,
    async project(tx, t) {
      await cancelScheduledReinspections(tx, t);
      const months = t.programme.revocationBarMonths;
      if (months > 0) {
        const barredUntil = addMonthsMinusOneDay(chinaDate(t.now), months);
        await tx
          .createQueryBuilder()
          .insert()
          .into(OrganisationBarEntity)
          .values({
            organisationId: t.application.organisationId,
            applicationId: t.application.id,
            barredFrom: t.now,
            barredUntil,
            reason: t.event.reason,
            penaltyReference: t.command.penaltyReference?.trim() || null,
            creditPublication: t.command.creditPublication?.trim() || null,
            createdBy: t.principal.id!,
          })
          .orIgnore()
          .execute();
        t.payload.barredUntil = barredUntil;
      }
    },
    history: (t) => ({
      penaltyReference: t.command.penaltyReference?.trim() || null,
      creditPublication: t.command.creditPublication?.trim() || null,
    }),
  },
  [E.Lapse]: {
    event: ({ actor, now }) => ({ type: E.Lapse, actor, now: now.toISOString() }),
    history: (t) => ({ revisionDueAt: t.before.context.revisionDueAt ?? null }),
  },
  [E.Expire]: {
    event: ({ actor, now, application }) => ({
      type: E.Expire,
      actor,
      now: now.toISOString(),
      validUntil: application.validUntil,
    }),
    project: (tx, t) => cancelScheduledReinspections(tx, t),
    history: (t) => ({ validUntil: t.event.validUntil }),
  },
  [E.PassReinspection]: {
    event: async ({ tx, actor, command, application, snapshot }) => {
      // outside designated the machine refuses it with the allowed events
      if (snapshot.state === AccreditationState.Designated) await scheduledReinspection(tx, application.id);
      return { type: E.PassReinspection, actor, reason: command.reason };
    },
    async project(tx, t) {
      const due = await recordReinspection(tx, t, 'passed');
      await scheduleReinspection(tx, t, due.seq + 1);
    },
  },
  [E.FailReinspection]: {
    event: async (f) => {
      if (f.snapshot.state === AccreditationState.Designated) await scheduledReinspection(f.tx, f.application.id);
      return reasoned(f);
    },
    project: async (tx, t) => {
      await recordReinspection(tx, t, 'failed');
    },
  },
  [E.UpdateMaterials]: {
    event: ({ actor, command }) => ({
      type: E.UpdateMaterials,
      actor,
      materials: command.materials!.map((m) => m.key),
    }),
    columns: (t) => ({ materials: t.command.materials! }),
    history: materialKeys,
  },
};

/**
 * A base only: the stations it is built on that could no longer carry it today (revoked, expired, rejected, moved out
 * of the programme's jurisdiction), each with the rule it breaks in words; the DESIGNATE guard `stationsValid`
 * refuses with STATION_NOT_VALID naming them. Empty for every other kind.
 */
async function invalidStationsOf(
  tx: EntityManager,
  application: ApplicationEntity,
  programme: ProgrammeEntity,
  now: Date,
): Promise<{ reference: string; problem: string }[]> {
  if (application.unitKind !== UnitKind.Base || application.stationIds.length === 0) return [];
  // one after the other: both run on the transaction's one connection
  const stations = await tx.getRepository(ApplicationEntity).findBy({ id: In(application.stationIds) });
  const [{ path }] = await tx.query<{ path: string }[]>('SELECT path FROM jurisdictions WHERE code = $1', [
    programme.jurisdictionCode,
  ]);
  const today = chinaDate(now);
  const words: Record<StationRule, (s: ApplicationEntity) => string> = {
    station_designated: (s) => `is ${s.state}, no longer designated`,
    station_valid: (s) => `was valid until ${s.validUntil}`,
    station_in_jurisdiction: () => `is outside ${programme.jurisdictionCode}, which runs this programme`,
  };
  return application.stationIds.flatMap((id) => {
    const s = stations.find((x) => x.id === id);
    if (!s) return [{ reference: id, problem: 'no longer exists' }];
    const rule = stationProblem(s, path, today);
    return rule ? [{ reference: s.reference, problem: words[rule](s) }] : [];
  });
}

/** The entry of one event type (typed for that type). */
export function serverEventSpec<T extends E>(type: T): ServerEventSpec<T> {
  return APPLICATION_EVENTS[type];
}

function weightedOf(t: TransitionContext<E.SubmitScore>): number {
  return weightedScoreHundredths(t.after.context.rules.rubric, t.event.scores);
}

/** The title's last valid day: the same calendar date `years` later, minus one day (null: until revoked). */
export function validUntil(designatedOn: string, years: number | null): string | null {
  if (years === null) return null;
  const [y, m, d] = designatedOn.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

/** The last day `months` months after `date` (China dates), e.g. 2026-12-07 + 36 → 2029-12-06. */
export function addMonthsMinusOneDay(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

/** The re-inspection waiting to be recorded; refuses when none is (the title's validity ends before the next one). */
async function scheduledReinspection(tx: EntityManager, applicationId: string): Promise<ReinspectionEntity> {
  const due = await tx
    .getRepository(ReinspectionEntity)
    .findOne({ where: { applicationId, status: 'scheduled' }, order: { seq: 'ASC' } });
  if (!due) {
    const reason = 'no re-inspection is scheduled for this title';
    throw new DomainError(DomainErrorCode.GuardFailed, `re-inspection refused: ${reason}`, { reasons: [reason] });
  }
  return due;
}

async function recordReinspection<T extends E>(
  tx: EntityManager,
  t: TransitionContext<T>,
  status: 'passed' | 'failed',
): Promise<ReinspectionEntity> {
  const due = await scheduledReinspection(tx, t.application.id);
  await tx.update(
    ReinspectionEntity,
    { id: due.id, status: 'scheduled' },
    { status, findings: t.command.reason?.trim() || null, recordedBy: t.principal.id, recordedAt: t.now },
  );
  t.payload.reinspection = { id: due.id, seq: due.seq, dueOn: due.dueOn, outcome: status };
  return due;
}

/** The `seq`-th yearly re-inspection, `seq` years after designation, unless the title ends before then. */
async function scheduleReinspection<T extends E>(
  tx: EntityManager,
  t: TransitionContext<T>,
  seq: number,
): Promise<void> {
  const designatedOn = chinaDate(t.application.designatedAt ?? t.now);
  const dueOn = addMonthsMinusOneDay(designatedOn, 12 * seq);
  const until = t.columns.validUntil !== undefined ? t.columns.validUntil : t.application.validUntil;
  if (until !== null && dueOn > until) return;
  await tx
    .createQueryBuilder()
    .insert()
    .into(ReinspectionEntity)
    .values({ applicationId: t.application.id, seq, dueOn, status: 'scheduled', createdAt: t.now })
    .orIgnore()
    .execute();
  t.payload.nextReinspectionDueOn = dueOn;
}

async function cancelScheduledReinspections<T extends E>(tx: EntityManager, t: TransitionContext<T>): Promise<void> {
  await tx.update(
    ReinspectionEntity,
    { applicationId: t.application.id, status: 'scheduled' },
    { status: 'cancelled' },
  );
}
