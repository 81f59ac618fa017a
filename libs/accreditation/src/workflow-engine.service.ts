import {
  AccreditationEvent,
  AccreditationEventType as E,
  AccreditationSnapshot,
  AccreditationState,
  actingProblem,
  applyAccreditationEvent,
  ApplicationScope,
  canSeeApplication,
  checkEventFields,
  DomainError,
  DomainErrorCode,
  EventCommand,
  Principal,
  Role,
  scoreSheetProblems,
} from '@app/domain';
import { UserEntity } from '@app/identity';
import { Clock, EntityRows, preparedQuery } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity, WorkingCalendarService } from '@app/programmes';
import { writeOutbox } from '@app/queue';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationProjections } from './application-projections';
import { ApplicationEntity } from './application.entity';
import { TransitionContext } from './transition-context';

export interface FireOptions {
  /** the version the client saw; required for every caller but the system and the public filing objections */
  expectedVersion?: number | null;
}

export interface FireResult {
  application: ApplicationEntity;
  history: ApplicationHistoryEntity;
  /** things the caller should know, e.g. a notice window counted without an official holiday schedule */
  warnings: string[];
}

/** Extra work another context wants done inside the transition's transaction (e.g. subsidy entitlements). */
export interface TransitionEffect {
  apply(tx: EntityManager, t: TransitionContext): Promise<void>;
}

/** The engine's transition effects, in the order they run: given to `AccreditationModule.forRoot({ effects })`. */
export const TRANSITION_EFFECTS = Symbol('TRANSITION_EFFECTS');

/**
 * The one place application state changes: lock the row, check access and version, ask the machine, then save
 * snapshot, state, version, history and outbox rows in one transaction. Any refusal rolls everything back.
 *
 * After the query tables, every transition effect runs in the same transaction. They are wired where the
 * processes are composed, in libs/contexts/src/contexts.module.ts: today one, subsidy's SubsidyEffect —
 * DESIGNATE creates the entitlement (the disbursement), REVOKE cancels the money not yet paid or being paid.
 */
@Injectable()
export class WorkflowEngine {
  private readonly logger = new Logger(WorkflowEngine.name);

  constructor(
    private readonly db: DataSource,
    private readonly projections: ApplicationProjections,
    private readonly calendar: WorkingCalendarService,
    private readonly clock: Clock,
    @Inject(TRANSITION_EFFECTS) private readonly effects: readonly TransitionEffect[],
  ) {}

  async fire(applicationId: string, principal: Principal, command: EventCommand, options: FireOptions = {}): Promise<FireResult> {
    checkEventFields(command);
    if (command.type === E.CloseNotice && principal.role !== Role.System) {
      throw new DomainError(DomainErrorCode.Forbidden, 'CLOSE_NOTICE is sent by the system timer when the notice window ends');
    }
    const expected = options.expectedVersion ?? null;
    const versionExempt = principal.role === Role.System || command.type === E.FileObjection;
    if (expected === null && !versionExempt) {
      throw new DomainError(
        DomainErrorCode.VersionRequired,
        'version is required: send the version you last read, as a "version" field or an If-Match header',
      );
    }

    return this.db.transaction(async (tx) => {
      const application = await this.lockWithProgramme(tx, applicationId);
      if (!application) throw notFound(applicationId);
      const programme = application.programme;
      const before = application.snapshot;
      const scope = await this.scopeOf(tx, application, programme);
      if (!canSeeApplication(principal, scope)) throw notFound(applicationId);
      const problem = actingProblem(principal, scope);
      if (problem) throw new DomainError(DomainErrorCode.Forbidden, problem);

      if (expected !== null && expected !== application.version) {
        throw new DomainError(
          DomainErrorCode.VersionConflict,
          `the application changed since you read it (your version ${expected}, current version ${application.version}); reload and try again`,
          { currentVersion: application.version, state: application.state },
        );
      }

      const now = this.clock.now();
      const warnings: string[] = [];
      const event = await this.toMachineEvent(tx, application, programme, before, principal, command, now, warnings);
      const after = applyAccreditationEvent(before, event);
      const version = application.version + 1;

      const t: TransitionContext = {
        application,
        programme,
        principal,
        command,
        event,
        before,
        after,
        now,
        version,
        columns: {},
        jobs: [],
        payload: {},
      };
      await this.projections.apply(tx, t);
      for (const effect of this.effects) await effect.apply(tx, t);

      const history = Object.assign(new ApplicationHistoryEntity(), {
        applicationId: application.id,
        version,
        event: command.type,
        fromState: before.state,
        toState: after.state,
        actorId: principal.id,
        actorRole: principal.role,
        reason: command.reason ?? null,
        payload: { ...historyPayload(command, event), ...t.payload, ...(warnings.length ? { warnings } : {}) },
        at: now,
      });
      const historyId = await this.writeTransition(tx, application.version, { state: after.state, snapshot: after, version, updatedAt: now, ...t.columns }, history);
      if (historyId === null) {
        throw new DomainError(DomainErrorCode.VersionConflict, 'the application changed while this event was applied; reload and try again', {
          currentVersion: application.version,
        });
      }
      history.id = historyId;
      await writeOutbox(tx, t.jobs);
      for (const w of warnings) this.logger.warn({ applicationId, event: command.type }, w);

      Object.assign(application, { state: after.state, snapshot: after, version, updatedAt: now }, t.columns);
      return { application, history, warnings };
    });
  }

  private rows?: { application: EntityRows<ApplicationEntity>; programme: EntityRows<ProgrammeEntity>; lockSql: string };

  private get sql() {
    if (!this.rows) {
      const application = new EntityRows(this.db, ApplicationEntity, 'a');
      const programme = new EntityRows(this.db, ProgrammeEntity, 'p');
      const lockSql = `SELECT ${application.selectList}, ${programme.selectList}
          FROM applications a JOIN programmes p ON p.id = a.programme_id
         WHERE a.id = $1 FOR UPDATE OF a`;
      this.rows = { application, programme, lockSql };
    }
    return this.rows;
  }

  /** One round trip, SQL written once: the application row locked, with its programme. */
  private async lockWithProgramme(tx: EntityManager, id: string): Promise<(ApplicationEntity & { programme: ProgrammeEntity }) | null> {
    const { application, programme, lockSql } = this.sql;
    const [row] = await preparedQuery<Record<string, unknown>>(tx, 'engine-lock-application', lockSql, [id]);
    if (!row) return null;
    return Object.assign(application.fromRow(row), { programme: programme.fromRow(row) });
  }

  /**
   * One statement: the row updated at the version it was read with, and its history row inserted only if the
   * update happened. Answers the history row's id, or null when another transaction changed the row first.
   */
  private async writeTransition(
    tx: EntityManager,
    readVersion: number,
    changes: Partial<ApplicationEntity> & Pick<ApplicationEntity, 'state' | 'snapshot' | 'version' | 'updatedAt'>,
    h: ApplicationHistoryEntity,
  ): Promise<string | null> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    const params: unknown[] = [h.applicationId, readVersion];
    const names: string[] = [];
    const set = entries.map(([property, value]) => {
      names.push(property);
      params.push(value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value);
      return `"${this.sql.application.column(property as keyof ApplicationEntity & string)}" = $${params.length}`;
    });
    params.push(h.version, h.event, h.fromState, h.toState, h.actorId, h.actorRole, h.reason, JSON.stringify(h.payload), h.at);
    const n = params.length;
    const rows = await preparedQuery<{ id: string }>(
      tx,
      `engine-write-${names.join('-')}`,
      `WITH updated AS (UPDATE applications SET ${set.join(', ')} WHERE id = $1 AND version = $2 RETURNING id)
       INSERT INTO application_history (application_id, version, event, from_state, to_state, actor_id, actor_role, reason, payload, at)
       SELECT id, $${n - 8}::int, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}::uuid, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::timestamptz FROM updated
       RETURNING id`,
      params,
    );
    return rows.length === 1 ? String(rows[0].id) : null;
  }

  /** The facts access decisions need, for one application. */
  async scopeOf(tx: EntityManager, application: ApplicationEntity, programme: ProgrammeEntity): Promise<ApplicationScope> {
    return {
      organisationId: application.organisationId,
      jurisdictionPath: application.jurisdictionPath,
      programmeJurisdictionPath: await this.pathOf(tx, programme.jurisdictionCode),
      state: application.state,
      activeEvaluatorIds: application.snapshot.context.panel.filter((m) => m.status === 'active').map((m) => m.evaluatorId),
    };
  }

  /** Jurisdiction paths never change once created, so they are read once per process. */
  private readonly paths = new Map<string, string>();

  private async pathOf(tx: EntityManager, code: string): Promise<string> {
    let path = this.paths.get(code);
    if (path === undefined) {
      path = (await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code })).path;
      this.paths.set(code, path);
    }
    return path;
  }

  /** Client command + server facts (clock, database, calendar) → the event the machine sees. */
  private async toMachineEvent(
    tx: EntityManager,
    application: ApplicationEntity,
    programme: ProgrammeEntity,
    snapshot: AccreditationSnapshot,
    principal: Principal,
    c: EventCommand,
    now: Date,
    warnings: string[],
  ): Promise<AccreditationEvent> {
    const actor = { id: principal.id, role: principal.role };
    switch (c.type) {
      case E.Submit:
      case E.Resubmit:
        return { type: c.type, actor, materials: application.materials.map((m) => m.key) };
      case E.RequestRevision:
      case E.Reject:
      case E.Revoke:
      case E.DeclareConflict:
        return { type: c.type, actor, reason: c.reason! };
      case E.PassPreliminary:
      case E.PassRecheck:
        return { type: c.type, actor };
      case E.Withdraw:
        return { type: c.type, actor, reason: c.reason };
      case E.AssignEvaluator: {
        const evaluator = await tx.getRepository(UserEntity).findOneBy({ id: c.evaluatorId!, active: true });
        if (!evaluator || evaluator.role !== Role.Evaluator) {
          throw new DomainError(DomainErrorCode.ValidationFailed, `evaluatorId ${c.evaluatorId} is not an active evaluator`, {
            fields: ['evaluatorId'],
          });
        }
        return { type: c.type, actor, evaluatorId: evaluator.id };
      }
      case E.SubmitScore: {
        const problems = scoreSheetProblems(snapshot.context.rules.rubric, c.scores!);
        if (problems.length > 0) {
          throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['scores'] });
        }
        return { type: c.type, actor, scores: c.scores! };
      }
      case E.OpenPublicNotice: {
        const calendar = await this.calendar.calendar();
        const window = calendar.noticeWindow(now, programme.noticeWorkingDays);
        if (window.unscheduledYears.length > 0) {
          warnings.push(
            `no official holiday schedule is loaded for ${window.unscheduledYears.join(', ')}: the notice window counts weekends only there; an admin can load the schedule under /calendar`,
          );
        }
        return { type: c.type, actor, noticeEndsAt: window.endsAt.toISOString() };
      }
      case E.FileObjection: {
        // objections are taken while the window is open, not in the moments before the deadline job closes it
        const endsAt = snapshot.context.noticeEndsAt;
        if (snapshot.state === AccreditationState.PublicNotice && endsAt !== null && now.getTime() >= Date.parse(endsAt)) {
          const reason = `the public notice window ended at ${endsAt}; objections are no longer accepted`;
          throw new DomainError(DomainErrorCode.GuardFailed, `${c.type} refused: ${reason}`, { reasons: [reason] });
        }
        return { type: c.type, actor, objectionId: randomUUID(), reason: c.reason! };
      }
      case E.RuleObjection:
        return { type: c.type, actor, objectionId: c.objectionId!, decision: c.decision!, reason: c.reason! };
      case E.CloseNotice:
        return { type: c.type, actor, now: now.toISOString() };
      case E.Designate: {
        let quotaRemaining: number | null = null;
        if (programme.quota !== null) {
          // lock the programme so concurrent designations count the quota one at a time
          await tx.query('SELECT id FROM programmes WHERE id = $1 FOR UPDATE', [programme.id]);
          const [{ count }] = await tx.query(
            `SELECT count(*)::int AS count FROM applications WHERE programme_id = $1 AND state = 'designated'`,
            [programme.id],
          );
          quotaRemaining = programme.quota - count;
        }
        return { type: c.type, actor, quotaRemaining };
      }
    }
  }
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
}

/** The facts worth keeping on the record for each event (never the actor's token or anything secret). */
function historyPayload(c: EventCommand, e: AccreditationEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.comment) out.comment = c.comment;
  switch (e.type) {
    case E.Submit:
    case E.Resubmit:
      out.materials = e.materials;
      break;
    case E.AssignEvaluator:
      out.evaluatorId = e.evaluatorId;
      break;
    case E.SubmitScore:
      out.scores = e.scores;
      break;
    case E.OpenPublicNotice:
      out.noticeEndsAt = e.noticeEndsAt;
      break;
    case E.FileObjection:
      out.objectionId = e.objectionId;
      break;
    case E.RuleObjection:
      out.objectionId = e.objectionId;
      out.decision = e.decision;
      break;
    case E.CloseNotice:
      out.closedAt = e.now;
      break;
    case E.Designate:
      out.quotaRemaining = e.quotaRemaining;
      break;
    default:
      break;
  }
  return out;
}

export const REVIEW_STATES: readonly AccreditationState[] = [
  AccreditationState.PreliminaryReview,
  AccreditationState.Recheck,
  AccreditationState.Acceptance,
  AccreditationState.PublicNotice,
  AccreditationState.NoticeClosed,
];
