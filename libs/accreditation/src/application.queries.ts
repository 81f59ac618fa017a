import {
  AccreditationEventType,
  chinaDate,
  AccreditationState,
  canSeeApplication,
  DomainError,
  DomainErrorCode,
  eventsForActor,
  formatPoints,
  JurisdictionLevel,
  mayReadAggregate,
  meetsPassMark,
  panelAggregate,
  pilotRankingProblem,
  Principal,
  PUBLIC_STATES,
  Role,
  UnitKind,
  viewerOf,
  visibleHistory,
  visibleObjection,
  visiblePanelMember,
} from '@app/domain';
import { type ChainVerification, Clock, cursorBatches, Page, pageOf, subtreePattern } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ApplicationHistoryChain } from './application-history.chain';
import { ApplicationHistoryEntity } from './application-history.entity';
import { applicationVisibility } from './application-visibility.util';
import { ApplicationEntity } from './application.entity';
import { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
import { ReinspectionEntity } from './reinspection.entity';
import { ObjectionEntity } from './objection.entity';
import { WorkflowEngine } from './workflow-engine.service';

/** A station a base is built on, as the base's application shows it. */
export interface BaseStation {
  id: string;
  reference: string;
  /** the station's title (its application's title) */
  title: string;
  organisationName: string;
  jurisdictionCode: string;
  /** the level it is designated at */
  level: JurisdictionLevel;
  state: AccreditationState;
  validUntil: string | null;
}

/** The other end of a recommendation link, as either application shows it. */
export interface LinkedApplication {
  id: string;
  reference: string;
  programmeId: string;
  programmeCode: string;
  level: JurisdictionLevel;
  jurisdictionCode: string;
  state: AccreditationState;
  designatedAt: Date | null;
  validUntil: string | null;
}

/** The lower designation an upper application was recommended from, with its panel's scores (read-only here). */
export interface RecommendedFrom extends LinkedApplication {
  /** the lower panel's aggregate on its own rubric, e.g. "82.40"; null when it was never scored */
  aggregateScore: string | null;
  passMark: number;
  /** each active panel member's weighted score, e.g. ["84.00", "80.80"], without names */
  panelScores: string[];
}

export interface ApplicationFilter {
  state?: AccreditationState;
  programmeId?: string;
  jurisdictionCode?: string;
  unitKind?: UnitKind;
  level?: JurisdictionLevel;
  page: number;
  pageSize: number;
}

/** One application as its export writes it (flat, with the names it points to). */
export interface ApplicationExportRow {
  reference: string;
  title: string;
  organisation_name: string | null;
  credit_code: string | null;
  programme_name: string | null;
  jurisdiction_code: string;
  jurisdiction_name: string | null;
  unit_kind: string;
  level: string;
  state: string;
  submitted_at: Date | null;
  designated_at: Date | null;
  valid_until: string | null;
}

/** One line of the public register as its export writes it. */
export interface RegisterExportRow {
  reference: string;
  title: string;
  unit_kind: string;
  level: string;
  jurisdiction_code: string;
  jurisdiction_name: string | null;
  state: string;
  notice_ends_at: Date | null;
  designated_at: Date | null;
  valid_until: string | null;
}

/** Reads, always scoped to what the caller may see. */
/** A yearly re-inspection as the API reads it. */
export type Reinspection = Omit<ReinspectionEntity, never>;

@Injectable()
export class ApplicationQueries {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly chain: ApplicationHistoryChain,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, filter: ApplicationFilter): Promise<Page<ApplicationEntity>> {
    return pageOf(await this.filtered(principal, filter), filter.page, filter.pageSize);
  }

  /**
   * The same list as `list`, whole, for an export: a cursor's batches of flat rows with the organisation's,
   * programme's and jurisdiction's names (filters and scope exactly as the list's, in its order).
   */
  async exportRows(
    principal: Principal,
    filter: Omit<ApplicationFilter, 'page' | 'pageSize'>,
  ): Promise<AsyncIterable<readonly ApplicationExportRow[]>> {
    const qb = await this.filtered(principal, filter);
    const [sql, params] = qb
      .leftJoin('organisations', 'o', 'o.id = a.organisation_id')
      .leftJoin('programmes', 'pr', 'pr.id = a.programme_id')
      .leftJoin('jurisdictions', 'j', 'j.code = a.jurisdiction_code')
      .select([
        'a.reference AS reference',
        'a.title AS title',
        'o.name AS organisation_name',
        'o.credit_code AS credit_code',
        'pr.name AS programme_name',
        'a.jurisdiction_code AS jurisdiction_code',
        'j.name AS jurisdiction_name',
        'a.unit_kind AS unit_kind',
        'a.level AS level',
        'a.state AS state',
        'a.submitted_at AS submitted_at',
        'a.designated_at AS designated_at',
        'a.valid_until::text AS valid_until',
      ])
      .getQueryAndParameters();
    return cursorBatches<ApplicationExportRow>(this.db, sql, params);
  }

  private async filtered(
    principal: Principal,
    filter: Omit<ApplicationFilter, 'page' | 'pageSize'>,
  ): Promise<SelectQueryBuilder<ApplicationEntity>> {
    const qb = this.db.getRepository(ApplicationEntity).createQueryBuilder('a');
    this.scope(qb, principal);
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    if (filter.programmeId) qb.andWhere('a.programme_id = :programmeId', { programmeId: filter.programmeId });
    if (filter.unitKind) qb.andWhere('a.unit_kind = :unitKind', { unitKind: filter.unitKind });
    if (filter.level) qb.andWhere('a.level = :level', { level: filter.level });
    if (filter.jurisdictionCode) {
      const j = await this.db.getRepository(JurisdictionEntity).findOneBy({ code: filter.jurisdictionCode });
      if (!j)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `jurisdictionCode ${filter.jurisdictionCode} is unknown`,
          { fields: ['jurisdictionCode'] },
        );
      qb.andWhere('a.jurisdiction_path LIKE :fpath', { fpath: subtreePattern(j.path) });
    }
    qb.orderBy('a.submitted_at', 'DESC', 'NULLS LAST').addOrderBy('a.created_at', 'DESC').addOrderBy('a.id', 'ASC');
    return qb;
  }

  /** Only the rows the principal may see: the SQL form of canSeeApplication. */
  private scope(qb: SelectQueryBuilder<ApplicationEntity>, p: Principal): void {
    const visible = applicationVisibility(p, qb.alias);
    qb.where(visible.sql, visible.params);
  }

  /** One application with what the caller may do next; 404 when the caller may not know of it. */
  async get(principal: Principal, id: string) {
    const app = await this.db.getRepository(ApplicationEntity).findOneBy({ id });
    if (!app) throw new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
    const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ id: app.programmeId });
    const scope = await this.engine.scopeOf(this.db.manager, app, programme);
    if (!canSeeApplication(principal, scope))
      throw new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
    let allowedEvents = eventsForActor(app.snapshot, principal);
    if (
      principal.role === Role.Regulator &&
      !scope.programmeJurisdictionPath.startsWith(principal.jurisdictionPath ?? '\u0000')
    ) {
      allowedEvents = [];
    }
    // a national pilot step waits for the province's ranked list; the notice opens with the national list only
    allowedEvents = allowedEvents.filter(
      (t) =>
        pilotRankingProblem(principal.role, scope, t) === null &&
        !(scope.preReviewPath && t === AccreditationEventType.OpenPublicNotice),
    );
    const viewer = viewerOf(principal, scope);
    const aggregate = panelAggregate(app.snapshot.context);
    // the notice has opened once a round was counted: the result is announced from then on
    const result =
      aggregate !== null && mayReadAggregate(viewer, app.snapshot.context.noticeRound > 0)
        ? {
            aggregateScore: formatPoints(aggregate),
            passed: meetsPassMark(app.snapshot.context.rules.rubric, aggregate),
          }
        : null;
    const [stations, recommendedFrom, recommendedTo] = await Promise.all([
      this.stationsOf(app),
      this.recommendedFrom(app),
      this.recommendedTo(app),
    ]);
    return { application: app, programme, allowedEvents, viewer, result, stations, recommendedFrom, recommendedTo };
  }

  private readonly linkSql = `SELECT a.id, a.reference, a.programme_id AS "programmeId", p.code AS "programmeCode", a.level,
              p.jurisdiction_code AS "jurisdictionCode", a.state, a.designated_at AS "designatedAt",
              to_char(a.valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM applications a JOIN programmes p ON p.id = a.programme_id`;

  /** The designation this application was recommended from (null for one opened by its applicant). */
  private async recommendedFrom(app: ApplicationEntity): Promise<RecommendedFrom | null> {
    if (!app.recommendedFromId) return null;
    const [link]: LinkedApplication[] = await this.db.query(`${this.linkSql} WHERE a.id = $1`, [app.recommendedFromId]);
    const lower = await this.db.getRepository(ApplicationEntity).findOneByOrFail({ id: app.recommendedFromId });
    const ctx = lower.snapshot.context;
    const aggregate = panelAggregate(ctx);
    const panelScores = await this.db.getRepository(EvaluatorAssignmentEntity).find({
      where: { applicationId: lower.id, status: 'active' },
      order: { assignedAt: 'ASC' },
    });
    return {
      ...link,
      aggregateScore: aggregate === null ? null : formatPoints(aggregate),
      passMark: ctx.rules.rubric.passMark,
      panelScores: panelScores.filter((m) => m.weightedScore !== null).map((m) => formatPoints(m.weightedScore!)),
    };
  }

  /** The applications of the levels above this designation was recommended to, oldest first. */
  private async recommendedTo(app: ApplicationEntity): Promise<LinkedApplication[]> {
    return this.db.query(`${this.linkSql} WHERE a.recommended_from_id = $1 ORDER BY a.created_at, a.id`, [app.id]);
  }

  /** The stations a base is built on (none for other kinds), in the order the applicant listed them. */
  private async stationsOf(app: ApplicationEntity): Promise<BaseStation[]> {
    if (app.stationIds.length === 0) return [];
    const rows: BaseStation[] = await this.db.query(
      `SELECT a.id, a.reference, a.title, o.name AS "organisationName", a.jurisdiction_code AS "jurisdictionCode",
              a.level, a.state, to_char(a.valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM applications a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.id = ANY($1::uuid[])`,
      [app.stationIds],
    );
    return app.stationIds.map((id) => rows.find((r) => r.id === id)).filter((r): r is BaseStation => r !== undefined);
  }

  /** The history as the caller may read it (visibleHistory: hidden fields dropped and named in `withheld`). */
  async history(principal: Principal, id: string) {
    const { viewer } = await this.get(principal, id);
    const rows = await this.db
      .getRepository(ApplicationHistoryEntity)
      .find({ where: { applicationId: id }, order: { version: 'ASC' } });
    return rows.map((r) => visibleHistory(viewer, r));
  }

  /** The history's hash chain checked: for whoever may read that history (404 otherwise). */
  async verifyHistory(principal: Principal, id: string): Promise<ChainVerification> {
    await this.get(principal, id);
    const verdict = await this.chain.verify(id);
    if (!verdict) throw new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
    return verdict;
  }

  /** The panel as the caller may read it: another's score sheet and conflict reason are hidden (visiblePanelMember). */
  async panel(principal: Principal, id: string) {
    const { viewer } = await this.get(principal, id);
    const rows = await this.db
      .getRepository(EvaluatorAssignmentEntity)
      .find({ where: { applicationId: id }, order: { assignedAt: 'ASC' } });
    return rows.map((r) => visiblePanelMember(viewer, r));
  }

  /** The yearly re-inspections (回访/巡查) of a title, oldest first: for whoever may read the application. */
  async reinspections(principal: Principal, id: string): Promise<Reinspection[]> {
    await this.get(principal, id);
    return this.db.getRepository(ReinspectionEntity).find({ where: { applicationId: id }, order: { seq: 'ASC' } });
  }

  /** The objections as the caller may read them: who objected for the regulators only (visibleObjection). */
  async objections(principal: Principal, id: string) {
    const { viewer } = await this.get(principal, id);
    const rows = await this.db
      .getRepository(ObjectionEntity)
      .find({ where: { applicationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => visibleObjection(viewer, r));
  }

  /**
   * Public register: open notices and the titles that stand (designated and still valid today, China date), with no
   * personal data of objectors. A title past its last valid day leaves it at once, before the sweeper expires it.
   * Revocations are listed only when asked for (`state=revoked`): the record of a title taken back, not a title.
   */
  async publicRegister(
    state: AccreditationState | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<ApplicationEntity>> {
    return pageOf(this.registerQuery(state), page, pageSize);
  }

  /** The public register, whole, for an export (the same rows and order as `publicRegister`; no personal data). */
  publicRegisterRows(state: AccreditationState | undefined): AsyncIterable<readonly RegisterExportRow[]> {
    const [sql, params] = this.registerQuery(state)
      .leftJoin('jurisdictions', 'j', 'j.code = a.jurisdiction_code')
      .select([
        'a.reference AS reference',
        'a.title AS title',
        'a.unit_kind AS unit_kind',
        'a.level AS level',
        'a.jurisdiction_code AS jurisdiction_code',
        'j.name AS jurisdiction_name',
        'a.state AS state',
        `CASE WHEN a.state = 'public_notice' THEN a.notice_ends_at END AS notice_ends_at`,
        'a.designated_at AS designated_at',
        'a.valid_until::text AS valid_until',
      ])
      .getQueryAndParameters();
    return cursorBatches<RegisterExportRow>(this.db, sql, params);
  }

  private registerQuery(state: AccreditationState | undefined): SelectQueryBuilder<ApplicationEntity> {
    const states = state
      ? [state].filter((s) => PUBLIC_STATES.includes(s))
      : PUBLIC_STATES.filter((s) => s !== AccreditationState.Revoked);
    if (states.length === 0) {
      throw new DomainError(DomainErrorCode.ValidationFailed, `state must be one of ${PUBLIC_STATES.join(', ')}`, {
        fields: ['state'],
      });
    }
    return this.db
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.state IN (:...states)', { states })
      .andWhere(`(a.state <> 'designated' OR a.valid_until IS NULL OR a.valid_until >= :today)`, {
        today: chinaDate(this.clock.now()),
      })
      .orderBy('a.updated_at', 'DESC');
  }
}
