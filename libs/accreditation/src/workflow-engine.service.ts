import {
  AccreditationInput,
  type AccreditationSnapshot,
  AccreditationEventType,
  AccreditationState,
  actingProblem,
  applyAccreditationEvent,
  ApplicationScope,
  canSeeApplication,
  checkEventFields,
  checkEventValues,
  DomainError,
  DomainErrorCode,
  JurisdictionLevel,
  EventCommand,
  eventSpec,
  pilotRankingProblem,
  type PilotRankingStanding,
  preReviewPathOf,
  Principal,
  provinceCodeOf,
  Role,
  startAccreditation,
  UnitKind,
  type Viewer,
  viewerOf,
} from '@app/domain';
import { Clock, EntityRows, preparedQuery, type TransitionEntry, TransitionWriter } from '@app/platform';
import {
  JurisdictionEntity,
  ProgrammeEntity,
  type ProgrammeRules,
  WorkingCalendarService,
  withRulesOf,
} from '@app/programmes';
import { notifyEventJob } from '@app/queue';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { serverEventSpec } from './application-events';
import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationWorkItems, type ApplicationWorkSubject } from './application-work-items';
import { ApplicationEntity } from './application.entity';
import { pilotRankingSql } from './pilot-ranking.entity';
import { TransitionContext } from './transition-context';

/** The history event of an application's creation: version 1, from no state to draft. */
export const CREATE_EVENT = 'CREATE';

/**
 * The history fact of a pilot application put on public notice with the national list (POST
 * /programmes/:id/pilot-notice); OPEN_PUBLIC_NOTICE of a national pilot programme without it is refused.
 */
export const PILOT_LIST_FACT = 'pilotList';

/** The history event of a move to another machine version: the same state, the snapshot re-created by the new machine. */
export const MIGRATE_MACHINE_EVENT = 'MIGRATE_MACHINE';

/** The columns of a new application that its creator decides (the engine adds state, snapshot and version). */
export type NewApplication = Pick<
  ApplicationEntity,
  | 'reference'
  | 'programmeId'
  | 'organisationId'
  | 'jurisdictionCode'
  | 'jurisdictionPath'
  | 'unitKind'
  | 'level'
  | 'title'
  | 'materials'
  | 'recommendedFromId'
  | 'stationIds'
  | 'programmeVersion'
>;

export interface FireOptions {
  /** the version the client saw; required for every caller but the system and the public filing objections */
  expectedVersion?: number | null;
}

export interface FireResult {
  application: ApplicationEntity;
  history: ApplicationHistoryEntity;
  /** things the caller should know, e.g. a notice window counted without an official holiday schedule */
  warnings: string[];
  /** who sent it, for the fields of the answer (`visibleHistory`) */
  viewer: Viewer;
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
 * Creation (`create`, version 1) and material updates (the UPDATE_MATERIALS event) go the same way.
 *
 * `fire` is one loop for every event: what an event means is its entry in the domain's ACCREDITATION_EVENTS
 * (roles, client fields, requirements), what the server adds and writes for it is its entry in APPLICATION_EVENTS
 * (application-events.ts: server facts, columns, query tables, outbox jobs, history facts).
 *
 * After the event's own writes, every transition effect runs in the same transaction. They are wired where the
 * processes are composed, in libs/contexts/src/contexts.module.ts: today one, subsidy's SubsidyEffect —
 * DESIGNATE creates the entitlement (the disbursement), REVOKE cancels the money not yet paid or being paid.
 */
@Injectable()
export class WorkflowEngine {
  private readonly logger = new Logger(WorkflowEngine.name);

  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
    private readonly clock: Clock,
    private readonly work: ApplicationWorkItems,
    @Inject(TRANSITION_EFFECTS) private readonly effects: readonly TransitionEffect[],
  ) {}

  async fire(
    applicationId: string,
    principal: Principal,
    command: EventCommand,
    options: FireOptions = {},
  ): Promise<FireResult> {
    checkEventFields(command, principal.role);
    const meaning = eventSpec(command.type);
    const expected = options.expectedVersion ?? null;
    const versionExempt = principal.role === Role.System || meaning.versionOptional === true;
    if (expected === null && !versionExempt) {
      throw new DomainError(
        DomainErrorCode.VersionRequired,
        'version is required: send the version you last read, as a "version" field or an If-Match header',
      );
    }

    return this.db.transaction((tx) => this.applyIn(tx, applicationId, principal, command, expected));
  }

  /**
   * Several events on one application in one transaction, in order, as `fire` would apply each: the first at the
   * version the client read, each next one at the version the one before wrote, each with its own history row.
   * Any refusal rolls all of them back (e.g. the regulator's ruling on a group of identical objections).
   */
  async fireAll(
    applicationId: string,
    principal: Principal,
    commands: readonly EventCommand[],
    options: FireOptions = {},
  ): Promise<FireResult[]> {
    for (const command of commands) checkEventFields(command, principal.role);
    const expected = options.expectedVersion ?? null;
    if (expected === null && principal.role !== Role.System) {
      throw new DomainError(
        DomainErrorCode.VersionRequired,
        'version is required: send the version you last read, as a "version" field or an If-Match header',
      );
    }
    return this.db.transaction(async (tx) => {
      const results: FireResult[] = [];
      let version = expected;
      for (const command of commands) {
        const result = await this.applyIn(tx, applicationId, principal, command, version);
        results.push(result);
        version = result.application.version;
      }
      return results;
    });
  }

  /**
   * One event inside the caller's transaction, for a use case that writes rows of its own with it (an accepted
   * invitation assigns its evaluator; an uploaded material file's row comes with its UPDATE_MATERIALS): the caller
   * has checked the version (`expected`) or holds its own lock (`null`); `facts` are added to the history row.
   */
  fireIn(
    tx: EntityManager,
    applicationId: string,
    principal: Principal,
    command: EventCommand,
    expected: number | null,
    facts: Record<string, unknown> = {},
  ): Promise<FireResult> {
    checkEventFields(command, principal.role);
    return this.applyIn(tx, applicationId, principal, command, expected, facts);
  }

  /** One event inside the caller's transaction: everything `fire` does once the transaction is open. */
  private async applyIn(
    tx: EntityManager,
    applicationId: string,
    principal: Principal,
    command: EventCommand,
    expected: number | null,
    facts: Record<string, unknown> = {},
  ): Promise<FireResult> {
    const server = serverEventSpec(command.type);
    const application = await this.lockWithProgramme(tx, applicationId);
    if (!application) throw notFound(applicationId);
    const programme = application.programme;
    const before = application.snapshot;
    const scope = await this.scopeOf(tx, application, programme);
    if (!canSeeApplication(principal, scope)) throw notFound(applicationId);
    const problem = actingProblem(principal, scope);
    if (problem) throw new DomainError(DomainErrorCode.Forbidden, problem);
    await this.assertPilotStep(tx, principal, scope, command.type, facts);

    if (expected !== null && expected !== application.version) {
      throw new DomainError(
        DomainErrorCode.VersionConflict,
        `the application changed since you read it (your version ${expected}, current version ${application.version}); reload and try again`,
        { currentVersion: application.version, state: application.state },
      );
    }
    checkEventValues(command, before.context);

    const now = this.clock.now();
    const warnings: string[] = [];
    const actor = { id: principal.id, role: principal.role };
    const event = await server.event({
      tx,
      application,
      programme,
      snapshot: before,
      actor,
      command,
      now,
      calendar: this.calendar,
      warn: (w) => warnings.push(w),
    });
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
      payload: { ...facts },
    };
    // the event's own writes, from its entry in APPLICATION_EVENTS, then the other contexts' effects
    Object.assign(t.columns, server.columns?.(t));
    await server.project?.(tx, t);
    t.jobs.push(...(server.jobs?.(t) ?? []));
    // every event is offered to the notifications context (which decides who, if anyone, hears of it)
    t.jobs.push(notifyEventJob('application', application.id, version));
    for (const effect of this.effects) await effect.apply(tx, t);

    const history = await this.transitions.write(tx, {
      id: application.id,
      fromVersion: application.version,
      set: { state: after.state, snapshot: after, updatedAt: now, ...t.columns },
      history: entry(command.type, before.state, after.state, principal, command.reason ?? null, now, {
        ...(command.comment ? { comment: command.comment } : {}),
        ...server.history?.(t),
        ...t.payload,
        ...(warnings.length ? { warnings } : {}),
      }),
      jobs: t.jobs,
      subject: workSubject(application, programme, scope, after),
    });
    if (history === null) {
      throw new DomainError(
        DomainErrorCode.VersionConflict,
        'the application changed while this event was applied; reload and try again',
        {
          currentVersion: application.version,
        },
      );
    }
    for (const w of warnings) this.logger.warn({ applicationId, event: command.type }, w);

    Object.assign(application, { state: after.state, snapshot: after, version, updatedAt: now }, t.columns);
    return { application, history, warnings, viewer: viewerOf(principal, scope) };
  }

  /**
   * A new application, inside the caller's transaction (which has checked that its creator may open it): the
   * initial snapshot of the machine of `machineVersion` (the programme's; today's unless told) at version 1 and the first history row, CREATE, written like every other change.
   */
  async create(
    tx: EntityManager,
    principal: Principal,
    fields: NewApplication,
    input: AccreditationInput,
    options: {
      /** the machine it runs on (the programme's); today's unless told */
      machineVersion?: string;
      /** further facts for the CREATE history row (e.g. the designation it was recommended from) */
      facts?: Record<string, unknown>;
    } = {},
  ): Promise<FireResult> {
    const now = this.clock.now();
    const snapshot = startAccreditation(input, options.machineVersion);
    const values = {
      ...fields,
      state: snapshot.state,
      snapshot,
      createdBy: principal.id!,
      createdAt: now,
      updatedAt: now,
    };
    const created = await this.transitions.create(
      tx,
      values,
      entry(CREATE_EVENT, null, snapshot.state, principal, null, now, {
        materials: fields.materials.map((m) => m.key),
        ...options.facts,
      }),
    );
    if (created === null) throw new Error('creating an application wrote nothing'); // only an ifAbsent create answers null
    const application = Object.assign(new ApplicationEntity(), values, { id: created.id, version: 1 });
    return {
      application,
      history: created.history,
      warnings: [],
      viewer: { role: principal.role, id: principal.id, programmeRegulator: false },
    };
  }

  /**
   * A fact about an application that changes neither its state nor its snapshot (the unit was recommended to the
   * level above), recorded like every change: the row locked, its version counted up, a history row from the state
   * to the same state, inside the caller's transaction. `event` names the fact; it is not an event of the machine.
   */
  async note(
    tx: EntityManager,
    applicationId: string,
    principal: Principal,
    event: string,
    facts: Record<string, unknown>,
  ): Promise<ApplicationHistoryEntity> {
    const application = await this.lockWithProgramme(tx, applicationId);
    if (!application) throw notFound(applicationId);
    const now = this.clock.now();
    const history = await this.transitions.write(tx, {
      id: application.id,
      fromVersion: application.version,
      set: { updatedAt: now },
      history: entry(event, application.state, application.state, principal, null, now, facts),
      jobs: [notifyEventJob('application', application.id, application.version + 1)],
    });
    if (history === null) throw new Error(`application ${applicationId} changed under its lock`);
    return history;
  }

  /**
   * An application moved to another machine version (`migrate-applications`), inside the caller's transaction: its
   * snapshot replaced by the one the new machine re-created for the same state and context, at the version the caller
   * read, with a MIGRATE_MACHINE history row (from and to the same state). Null when the row changed meanwhile.
   */
  async moveMachine(
    tx: EntityManager,
    application: Pick<ApplicationEntity, 'id' | 'version' | 'snapshot'>,
    snapshot: AccreditationSnapshot,
    principal: Principal,
  ): Promise<ApplicationHistoryEntity | null> {
    const now = this.clock.now();
    const from = application.snapshot;
    return this.transitions.write(tx, {
      id: application.id,
      fromVersion: application.version,
      set: { snapshot, updatedAt: now },
      history: entry(MIGRATE_MACHINE_EVENT, from.state, snapshot.state, principal, null, now, {
        fromMachineVersion: from.machineVersion,
        toMachineVersion: snapshot.machineVersion,
      }),
      jobs: [],
    });
  }

  private writer?: TransitionWriter<ApplicationEntity, ApplicationHistoryEntity>;

  /**
   * Row, history and outbox writes of every change, as for disbursements (libs/platform's TransitionWriter); the
   * application's work items (待办) follow each write in its transaction.
   */
  private get transitions(): TransitionWriter<ApplicationEntity, ApplicationHistoryEntity> {
    return (this.writer ??= new TransitionWriter(
      this.db,
      ApplicationEntity,
      ApplicationHistoryEntity,
      'applicationId',
      (tx, written) => this.work.follow(tx, written),
    ));
  }

  private rows?: {
    application: EntityRows<ApplicationEntity>;
    programme: EntityRows<ProgrammeEntity>;
    lockSql: string;
  };

  private get sql() {
    if (!this.rows) {
      const application = new EntityRows(this.db, ApplicationEntity, 'a');
      const programme = new EntityRows(this.db, ProgrammeEntity, 'p');
      // the programme with the rules of the version the application was created under (notice length, time limits...)
      const lockSql = `SELECT ${application.selectList}, ${programme.selectList}, pv.rules AS "pv_rules"
          FROM applications a JOIN programmes p ON p.id = a.programme_id
          LEFT JOIN programme_versions pv ON pv.programme_id = a.programme_id AND pv.version = a.programme_version
         WHERE a.id = $1 FOR UPDATE OF a`;
      this.rows = { application, programme, lockSql };
    }
    return this.rows;
  }

  /**
   * One round trip, SQL written once: the application row locked, with its programme as the application sees it —
   * the rules of its own version (programme_versions), the rest as the programme is now.
   */
  private async lockWithProgramme(
    tx: EntityManager,
    id: string,
  ): Promise<(ApplicationEntity & { programme: ProgrammeEntity }) | null> {
    const { application, programme, lockSql } = this.sql;
    const [row] = await preparedQuery<Record<string, unknown>>(tx, 'engine-lock-application', lockSql, [id]);
    if (!row) return null;
    const rules = (row.pv_rules ?? null) as ProgrammeRules | null;
    return Object.assign(application.fromRow(row), { programme: withRulesOf(programme.fromRow(row), rules) });
  }

  /**
   * A national pilot programme's steps after the province's re-check wait for the province's ranked list (409
   * PILOT_NOT_RANKED naming the province), and its public notice opens only with the national list (409
   * PILOT_LIST_REQUIRED naming the route). Also asked by the expert draw and invitations before they seat anyone.
   */
  async assertPilotStep(
    tx: EntityManager,
    principal: Principal,
    scope: ApplicationScope,
    type: string,
    facts: Record<string, unknown> = {},
  ): Promise<void> {
    if (!scope.preReviewPath) return;
    if (pilotRankingProblem(principal.role, scope, type) !== null) {
      const code = provinceCodeOf(scope.preReviewPath);
      const province = await tx.getRepository(JurisdictionEntity).findOneBy({ code });
      throw new DomainError(
        DomainErrorCode.PilotNotRanked,
        pilotRankingProblem(principal.role, scope, type, province?.name)!,
        {
          provinceCode: code,
          provinceName: province?.name ?? null,
          ranking: scope.pilotRanking,
        },
      );
    }
    if (type === AccreditationEventType.OpenPublicNotice && facts[PILOT_LIST_FACT] === undefined)
      throw new DomainError(
        DomainErrorCode.PilotListRequired,
        "pilot regions go on public notice together, as the national list: POST /programmes/:id/pilot-notice with the chosen applications (between the call's minDesignations and the quota)",
      );
  }

  /** The facts access decisions need, for one application. */
  async scopeOf(
    tx: EntityManager,
    application: ApplicationEntity,
    programme: ProgrammeEntity,
  ): Promise<ApplicationScope> {
    const preReviewPath = preReviewPathOf(programme.unitKind, programme.level, application.jurisdictionPath);
    return {
      organisationId: application.organisationId,
      jurisdictionPath: application.jurisdictionPath,
      programmeJurisdictionPath: await this.pathOf(tx, programme.jurisdictionCode),
      state: application.state,
      activeEvaluatorIds: application.snapshot.context.panel
        .filter((m) => m.status === 'active')
        .map((m) => m.evaluatorId),
      preReviewPath,
      pilotRanking: preReviewPath ? await this.pilotRankingOf(tx, application) : null,
    };
  }

  /** A pilot application's standing with its province's ranked list (pilot-ranking.entity's pilotRankingSql). */
  private async pilotRankingOf(
    tx: EntityManager,
    application: Pick<ApplicationEntity, 'id'>,
  ): Promise<PilotRankingStanding> {
    const [row] = await tx.query(`SELECT ${pilotRankingSql('a')} AS standing FROM applications a WHERE a.id = $1`, [
      application.id,
    ]);
    return row.standing;
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
}

/**
 * The row as the transition writes it, with its programme's facts, for its work items (ApplicationWorkItems): they
 * need not read it back. Undefined (they read it) when the programme version's rules carry no time limits.
 */
function workSubject(
  application: ApplicationEntity,
  programme: ProgrammeEntity,
  scope: ApplicationScope,
  after: AccreditationSnapshot,
): ApplicationWorkSubject | undefined {
  if (programme.timeLimits === undefined || programme.timeLimits === null) return undefined;
  // a national pilot application's items also follow its province's ranked list: read back with its standing
  if (programme.unitKind === UnitKind.PilotRegion && programme.level === JurisdictionLevel.National) return undefined;
  return {
    id: application.id,
    reference: application.reference,
    title: application.title,
    state: after.state,
    snapshot: after,
    organisation_id: application.organisationId,
    jurisdiction_path: application.jurisdictionPath,
    programme_path: scope.programmeJurisdictionPath,
    time_limits: programme.timeLimits,
    unit_kind: programme.unitKind,
    level: programme.level,
  };
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
}

/** What the history row of a change records (the writer adds the application id and the version). */
function entry(
  event: string,
  fromState: AccreditationState | null,
  toState: AccreditationState,
  principal: Principal,
  reason: string | null,
  at: Date,
  payload: Record<string, unknown>,
): TransitionEntry {
  return { event, fromState, toState, actorId: principal.id, actorRole: principal.role, reason, payload, at };
}
