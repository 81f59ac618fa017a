import {
  AccreditationEventType as E,
  AccreditationState as S,
  dueOnOfHalfYear,
  DomainError,
  DomainErrorCode,
  isWithin,
  JurisdictionLevel,
  type PilotReportStatus,
  pilotListProblem,
  pilotReportStatus,
  type Principal,
  rankingProblems,
  type RankingStatus,
  rankingStatus,
  Role,
  UnitKind,
} from '@app/domain';
import { Clock, cursorBatches } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PilotCallEntity } from './pilot-call.entity';
import { PilotRankingEntity } from './pilot-ranking.entity';
import { PilotReportEntity } from './pilot-report.entity';
import { PILOT_LIST_FACT, WorkflowEngine } from './workflow-engine.service';

/** The history event on each application of a province's ranked list when it is submitted (its rank, the list). */
export const PILOT_RANKED = 'PILOT_RANKED';

/** The states of a pilot region that has been announced: on notice, past it, designated. */
const ANNOUNCED: readonly string[] = [S.PublicNotice, S.NoticeClosed, S.Designated];

/** The national list put on public notice: the regions it added, and the count the bounds were checked on. */
export interface PilotNoticeResult {
  call: PilotCall;
  /** regions already announced before this list (on notice, past it or designated) */
  alreadyAnnounced: number;
  /** alreadyAnnounced plus the regions of this list: what must lie between minDesignations and the quota */
  count: number;
  announced: { applicationId: string; reference: string; version: number; noticeEndsAt: string | null }[];
  warnings: string[];
}

/** The longest progress-report summary accepted (characters). */
export const PILOT_SUMMARY_MAX = 20_000;

export interface PilotCall {
  programmeId: string;
  preReviewDueOn: string | null;
  minDesignations: number | null;
  /** the programme's quota */
  maxDesignations: number | null;
  designated: number;
  /** regions announced: on public notice, past it or designated (what a new list adds to) */
  announced: number;
}

export interface RankedApplication {
  rank: number;
  applicationId: string;
  reference: string;
  organisationName: string;
  jurisdictionName: string;
  state: string;
}

export interface ProvinceRanking {
  provinceCode: string;
  provinceName: string;
  /** applications of the province's subtree in the programme past their draft */
  applications: number;
  /** of those, forwarded by the province (passed its re-check) */
  forwarded: number;
  status: RankingStatus;
  submittedAt: Date | null;
  ranked: RankedApplication[];
  /** the applications it forwarded, by reference (what its list must rank; `rank` is their position here) */
  candidates: RankedApplication[];
}

export interface PilotRankings {
  call: PilotCall;
  provinces: ProvinceRanking[];
}

export interface PilotReportRecord {
  id: string;
  applicationId: string;
  reference: string;
  regionName: string;
  organisationId: string;
  provinceCode: string;
  halfYear: string;
  dueOn: string;
  status: PilotReportStatus;
  summary: string | null;
  submittedAt: Date | null;
  overdueFlaggedAt: Date | null;
  remindedAt: Date | null;
}

/** A progress report as read from the database. */
interface ReportRow {
  id: string;
  application_id: string;
  reference: string;
  region_name: string;
  organisation_id: string;
  jurisdiction_path: string;
  half_year: string;
  due_on: string;
  summary: string | null;
  submitted_at: Date | null;
  overdue_at: Date | null;
  reminded_at: Date | null;
}

/** The progress reports matching `where`, by due day, region and reference. */
const reportSql = (where: string) =>
  `SELECT r.id, r.application_id, a.reference, o.name AS region_name, r.organisation_id, r.jurisdiction_path,
          r.half_year, r.due_on::text AS due_on, r.summary, r.submitted_at, r.overdue_at, r.reminded_at
     FROM pilot_reports r
     JOIN applications a ON a.id = r.application_id
     JOIN organisations o ON o.id = r.organisation_id
    WHERE ${where}
    ORDER BY r.due_on, r.jurisdiction_path, a.reference, r.id`;

function reportRecord(r: ReportRow, now: Date): PilotReportRecord {
  return {
    id: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    regionName: r.region_name,
    organisationId: r.organisation_id,
    provinceCode: r.jurisdiction_path.split('/').filter(Boolean)[1] ?? '',
    halfYear: r.half_year,
    dueOn: r.due_on,
    status: pilotReportStatus({ dueOn: r.due_on, submittedAt: r.submitted_at }, now),
    summary: r.summary,
    submittedAt: r.submitted_at,
    overdueFlaggedAt: r.overdue_at,
    remindedAt: r.reminded_at,
  };
}

const FORWARDED = `EXISTS (SELECT 1 FROM application_history h WHERE h.application_id = a.id AND h.event = 'PASS_RECHECK')`;

/**
 * The national pilot programme's own steps around the accreditation flow (seed 000 §四): the national office sets the
 * call's pre-review day and the fewest regions; each province ranks the applications it forwarded (择优上报), late and
 * missing lists visible to the national office; each designated region submits its semi-annual progress reports,
 * read by its province and the national office.
 */
@Injectable()
export class PilotProgrammeUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly engine: WorkflowEngine,
  ) {}

  /** The national office sets (or moves) the day the provinces' ranked lists are due, and the fewest regions. */
  async setCall(
    principal: Principal,
    programmeId: string,
    cmd: { preReviewDueOn: string; minDesignations: number | null },
  ): Promise<PilotCall> {
    return this.db.transaction(async (tx) => {
      const programme = await this.pilotProgramme(tx, programmeId);
      const programmePath = await pathOf(tx, programme.jurisdictionCode);
      if (principal.role !== Role.Regulator || principal.jurisdictionPath !== programmePath)
        throw new DomainError(
          DomainErrorCode.Forbidden,
          'the call of a pilot programme is set by the regulators of the bureau that runs it',
        );
      if (cmd.minDesignations !== null && programme.quota !== null && cmd.minDesignations > programme.quota)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `minDesignations ${cmd.minDesignations} is above the programme's quota of ${programme.quota}`,
          { fields: ['minDesignations'] },
        );
      await tx.getRepository(PilotCallEntity).upsert(
        {
          programmeId,
          preReviewDueOn: cmd.preReviewDueOn,
          minDesignations: cmd.minDesignations,
          updatedBy: principal.id!,
          updatedAt: this.clock.now(),
        },
        ['programmeId'],
      );
      return this.callOf(tx, programme);
    });
  }

  /**
   * A provincial regulator submits the ranked list of the pilot applications its province forwarded (passed its
   * re-check), best first: every forwarded one exactly once. Once per province; after the call's day it is late.
   */
  async submitRanking(principal: Principal, programmeId: string, applicationIds: string[]): Promise<ProvinceRanking> {
    return this.db.transaction(async (tx) => {
      const programme = await this.pilotProgramme(tx, programmeId);
      const province = principal.jurisdictionCode
        ? await tx.getRepository(JurisdictionEntity).findOneBy({ code: principal.jurisdictionCode })
        : null;
      if (principal.role !== Role.Regulator || !province || province.level !== JurisdictionLevel.Province)
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          "the ranked list (择优上报) is submitted by the regulators of a province, for their province's applications",
        );
      // one list per province at a time
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pilot-ranking:${programmeId}:${province.code}`]);
      if (await tx.getRepository(PilotRankingEntity).existsBy({ programmeId, provinceCode: province.code }))
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `${province.name} has already submitted its ranked list for this programme`,
        );
      const forwarded: { id: string }[] = await tx.query(
        `SELECT a.id FROM applications a
          WHERE a.programme_id = $1 AND a.jurisdiction_path LIKE $2 || '%' AND ${FORWARDED}
          ORDER BY a.reference`,
        [programmeId, province.path],
      );
      const problems = rankingProblems(
        forwarded.map((f) => f.id),
        applicationIds,
      );
      if (problems.length > 0)
        throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['applicationIds'] });
      const inserted = await tx.getRepository(PilotRankingEntity).insert({
        programmeId,
        provinceCode: province.code,
        applicationIds,
        submittedBy: principal.id!,
        submittedAt: this.clock.now(),
      });
      // each ranked application's history says so, and its work items follow: the national office may now act on it
      const rankingId = inserted.identifiers[0].id as string;
      for (const [i, id] of applicationIds.entries())
        await this.engine.note(tx, id, principal, PILOT_RANKED, {
          rank: i + 1,
          of: applicationIds.length,
          provinceCode: province.code,
          rankingId,
        });
      const overview = await this.overview(tx, programme, province.path);
      return overview.provinces.find((p) => p.provinceCode === province.code)!;
    });
  }

  /**
   * The national office announces its list of pilot regions (seed 000 §四(二): 15–20 regions announced together): the
   * chosen applications, each ranked by its province and with a panel that passed, go on public notice in one
   * transaction, each with its OPEN_PUBLIC_NOTICE history row and outbox rows, the programme row locked so two lists
   * are counted one after the other. The regions already announced (on notice, past it, designated) and the new ones
   * together must lie between the call's minDesignations and the programme's quota (422 PILOT_LIST_SIZE naming both
   * bounds and the count); any refusal of one application (not ranked, panel incomplete, changed state) refuses all.
   */
  async announce(
    principal: Principal,
    programmeId: string,
    cmd: { applicationIds: string[]; comment?: string },
  ): Promise<PilotNoticeResult> {
    return this.db.transaction(async (tx) => {
      const programme = await this.pilotProgramme(tx, programmeId, true);
      const programmePath = await pathOf(tx, programme.jurisdictionCode);
      if (principal.role !== Role.Regulator || principal.jurisdictionPath !== programmePath)
        throw new DomainError(
          DomainErrorCode.Forbidden,
          'the list of pilot regions is announced by the regulators of the bureau that runs the programme',
        );
      const ids = [...new Set(cmd.applicationIds)];
      if (ids.length !== cmd.applicationIds.length || ids.length === 0)
        throw new DomainError(DomainErrorCode.ValidationFailed, 'applicationIds must name each application once', {
          fields: ['applicationIds'],
        });
      const found: { id: string }[] = await tx.query(
        'SELECT id FROM applications WHERE id = ANY($1::uuid[]) AND programme_id = $2',
        [ids, programmeId],
      );
      const foreign = ids.filter((id) => !found.some((f) => f.id === id));
      if (foreign.length > 0)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `applicationIds: ${foreign.join(', ')} not applications of ${programme.code}`,
          { fields: ['applicationIds'] },
        );
      const [{ announced }] = await tx.query(
        `SELECT count(*)::int AS announced FROM applications WHERE programme_id = $1 AND state = ANY($2::varchar[])`,
        [programmeId, ANNOUNCED],
      );
      const call = await this.callOf(tx, programme);
      const count = announced + ids.length;
      const problem = pilotListProblem(count, call.minDesignations, programme.quota);
      if (problem)
        throw new DomainError(DomainErrorCode.PilotListSize, problem, {
          fields: ['applicationIds'],
          min: call.minDesignations ?? 1,
          max: programme.quota,
          count,
          alreadyAnnounced: announced,
        });
      const out: PilotNoticeResult['announced'] = [];
      const warnings = new Set<string>();
      // one after the other in id order: two lists lock their applications in the same order
      for (const [i, id] of [...ids].sort().entries()) {
        const result = await this.engine.fireIn(
          tx,
          id,
          principal,
          { type: E.OpenPublicNotice, ...(cmd.comment ? { comment: cmd.comment } : {}) },
          null,
          { [PILOT_LIST_FACT]: { count, alreadyAnnounced: announced, listed: ids.length, position: i + 1 } },
        );
        result.warnings.forEach((w) => warnings.add(w));
        out.push({
          applicationId: id,
          reference: result.application.reference,
          version: result.application.version,
          noticeEndsAt: result.application.snapshot.context.noticeEndsAt,
        });
      }
      // the call as it stands after the list (its announced count)
      const after = await this.callOf(tx, programme);
      return { call: after, alreadyAnnounced: announced, count, announced: out, warnings: [...warnings] };
    });
  }

  /**
   * The call and each province's list as the caller may see it: the national office every province with
   * applications, a province its own (status on time, late, missing after the day, or still open).
   */
  async rankings(principal: Principal, programmeId: string): Promise<PilotRankings> {
    if (principal.role !== Role.Regulator && principal.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'the provinces’ ranked lists are for regulators');
    const tx = this.db.manager;
    const programme = await this.pilotProgramme(tx, programmeId);
    return this.overview(tx, programme, principal.jurisdictionPath ?? '/nowhere/');
  }

  /**
   * The progress reports the caller may read: a region's users their own; regulators those of the regions in their
   * subtree (a province its regions, the national office all). `halfYear` (e.g. 2027-H1) narrows to one half-year.
   */
  async reports(principal: Principal, filter: { halfYear?: string }): Promise<PilotReportRecord[]> {
    const scope = this.reportScope(principal, filter);
    return scope ? this.reportRows(this.db.manager, scope.where, scope.params) : [];
  }

  /** The same list as `reports`, whole, for an export: a cursor's batches, in the list's order. */
  exportReports(principal: Principal, filter: { halfYear?: string }): AsyncIterable<readonly PilotReportRecord[]> {
    const scope = this.reportScope(principal, filter) ?? { where: 'false', params: [] };
    const now = this.clock.now();
    return cursorBatches<ReportRow, PilotReportRecord>(this.db, reportSql(scope.where), scope.params, async (rows) =>
      rows.map((r) => reportRecord(r, now)),
    );
  }

  /** The reports the caller sees: a region's own, a regulator's subtree (null: none), of a half-year if asked. */
  private reportScope(
    principal: Principal,
    filter: { halfYear?: string },
  ): { where: string; params: unknown[] } | null {
    const params: unknown[] = [];
    let where: string;
    if (principal.role === Role.Applicant && principal.organisationId) {
      params.push(principal.organisationId);
      where = `r.organisation_id = $1`;
    } else if ((principal.role === Role.Regulator || principal.role === Role.Admin) && principal.jurisdictionPath) {
      params.push(principal.jurisdictionPath);
      where = `r.jurisdiction_path LIKE $1 || '%'`;
    } else return null;
    if (filter.halfYear !== undefined) {
      if (!dueOnOfHalfYear(filter.halfYear))
        throw new DomainError(DomainErrorCode.ValidationFailed, 'halfYear must look like 2027-H1 or 2027-H2', {
          fields: ['halfYear'],
        });
      params.push(filter.halfYear);
      where += ` AND r.half_year = $${params.length}`;
    }
    return { where, params };
  }

  /** A region's user submits a report, once; one due on a day already over is recorded as late. */
  async submitReport(principal: Principal, reportId: string, summary: string): Promise<PilotReportRecord> {
    return this.db.transaction(async (tx) => {
      const report = await tx
        .getRepository(PilotReportEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id', { id: reportId })
        .getOne();
      if (!report || principal.role !== Role.Applicant || report.organisationId !== principal.organisationId)
        throw new DomainError(DomainErrorCode.NotFound, `progress report ${reportId} not found`);
      if (report.submittedAt)
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `the report for ${report.halfYear} was submitted on ${report.submittedAt.toISOString()}`,
        );
      const opensOn = `${report.dueOn.slice(0, 4)}-${report.halfYear.endsWith('H1') ? '01' : '07'}-01`;
      const now = this.clock.now();
      if (pilotReportStatus(report, now) === 'pending' && now.getTime() < Date.parse(`${opensOn}T00:00:00+08:00`))
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `the report for ${report.halfYear} can be submitted from ${opensOn}, when its half-year begins`,
        );
      const text = summary.trim();
      if (text.length === 0)
        throw new DomainError(DomainErrorCode.ValidationFailed, 'summary must not be empty', { fields: ['summary'] });
      await tx.update(
        PilotReportEntity,
        { id: reportId },
        { summary: text, submittedAt: now, submittedBy: principal.id },
      );
      const [row] = await this.reportRows(tx, 'r.id = $1', [reportId]);
      return row;
    });
  }

  private async reportRows(tx: EntityManager, where: string, params: unknown[]): Promise<PilotReportRecord[]> {
    const rows: ReportRow[] = await tx.query(reportSql(where), params);
    const now = this.clock.now();
    return rows.map((r) => reportRecord(r, now));
  }

  private async overview(tx: EntityManager, programme: ProgrammeEntity, viewerPath: string): Promise<PilotRankings> {
    const call = await this.callOf(tx, programme);
    const provinces: { code: string; name: string; path: string; applications: number; forwarded: number }[] =
      await tx.query(
        `SELECT p.code, p.name, p.path, count(a.id)::int AS applications,
                count(a.id) FILTER (WHERE ${FORWARDED})::int AS forwarded
           FROM jurisdictions p
           JOIN applications a ON a.jurisdiction_path LIKE p.path || '%' AND a.programme_id = $1 AND a.state <> 'draft'
          WHERE p.level = 'province' AND (p.path LIKE $2 || '%' OR $2 LIKE p.path || '%')
          GROUP BY p.code, p.name, p.path
          ORDER BY p.code`,
        [programme.id, viewerPath],
      );
    const rankings = await tx.getRepository(PilotRankingEntity).findBy({ programmeId: programme.id });
    const now = this.clock.now();
    const out: ProvinceRanking[] = [];
    for (const p of provinces) {
      // a city regulator sees its province's line only for the applications of its own subtree
      if (!isWithin(p.path, viewerPath) && !isWithin(viewerPath, p.path)) continue;
      const ranking = rankings.find((r) => r.provinceCode === p.code) ?? null;
      const rows: {
        id: string;
        reference: string;
        organisation_name: string;
        jurisdiction_name: string;
        state: string;
      }[] = await tx.query(
        `SELECT a.id, a.reference, o.name AS organisation_name, j.name AS jurisdiction_name, a.state
             FROM applications a JOIN organisations o ON o.id = a.organisation_id
             JOIN jurisdictions j ON j.code = a.jurisdiction_code
            WHERE a.programme_id = $1 AND a.jurisdiction_path LIKE $2 || '%' AND ${FORWARDED}
            ORDER BY a.reference`,
        [programme.id, p.path],
      );
      const view = (r: (typeof rows)[number], i: number): RankedApplication => ({
        rank: i + 1,
        applicationId: r.id,
        reference: r.reference,
        organisationName: r.organisation_name,
        jurisdictionName: r.jurisdiction_name,
        state: r.state,
      });
      const ranked = (ranking?.applicationIds ?? [])
        .map((id) => rows.find((r) => r.id === id))
        .filter((r): r is (typeof rows)[number] => r !== undefined)
        .map(view);
      out.push({
        provinceCode: p.code,
        provinceName: p.name,
        applications: p.applications,
        forwarded: p.forwarded,
        status: rankingStatus(call.preReviewDueOn, ranking?.submittedAt ?? null, now),
        submittedAt: ranking?.submittedAt ?? null,
        ranked,
        candidates: rows.map(view),
      });
    }
    return { call, provinces: out };
  }

  private async callOf(tx: EntityManager, programme: ProgrammeEntity): Promise<PilotCall> {
    const call = await tx.getRepository(PilotCallEntity).findOneBy({ programmeId: programme.id });
    const [{ count, announced }] = await tx.query(
      `SELECT count(*) FILTER (WHERE state = 'designated')::int AS count,
              count(*) FILTER (WHERE state = ANY($2::varchar[]))::int AS announced
         FROM applications WHERE programme_id = $1`,
      [programme.id, ANNOUNCED],
    );
    return {
      programmeId: programme.id,
      preReviewDueOn: call?.preReviewDueOn ?? null,
      minDesignations: call?.minDesignations ?? null,
      maxDesignations: programme.quota,
      designated: count,
      announced,
    };
  }

  private async pilotProgramme(tx: EntityManager, programmeId: string, lock = false): Promise<ProgrammeEntity> {
    const programme = await tx
      .getRepository(ProgrammeEntity)
      .findOne({ where: { id: programmeId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!programme) throw new DomainError(DomainErrorCode.NotFound, `programme ${programmeId} not found`);
    if (programme.unitKind !== UnitKind.PilotRegion || programme.level !== JurisdictionLevel.National)
      throw new DomainError(
        DomainErrorCode.GuardFailed,
        `${programme.code} is not a national pilot programme (创新试点地区): it has no pre-review ranking`,
      );
    return programme;
  }
}

async function pathOf(tx: EntityManager, code: string): Promise<string> {
  return (await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code })).path;
}
