import { ApplicationEntity, applicationVisibility } from '@app/accreditation';
import {
  chinaDate,
  DomainError,
  DomainErrorCode,
  periodByKey,
  periodOf,
  type Principal,
  type ReportPeriod,
  reportStatus,
  RiskTier,
  shiftPeriod,
} from '@app/domain';
import { Clock, cursorBatches, type Page, pageOf } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryEntryEntity } from './directory-entry.entity';
import { DirectoryUseCase } from './directory.usecase';
import { reportScope } from './scope.util';

/** One application of the enterprise, as its demonstration history lists it. */
export interface DemonstrationRecord {
  id: string;
  reference: string;
  title: string;
  state: string;
  unitKind: string;
  level: string;
  jurisdictionCode: string;
  programmeCode: string;
  programmeName: string;
  programmeYear: number;
  submittedAt: Date | null;
  designatedAt: Date | null;
  validUntil: string | null;
}

/** One row of the directory export: the entry with its city's name. */
export interface DirectoryExportRow {
  jurisdiction_code: string;
  jurisdiction_name: string | null;
  name: string;
  credit_code: string;
  industry: string;
  needs: string;
  risk_tier: string;
  assessed_on: string;
  assessment_basis: string;
  contact_name: string;
  contact_phone: string;
  updated_at: Date;
}

export interface DirectoryFilter {
  jurisdictionCode?: string;
  riskTier?: RiskTier;
  industry?: string;
  /** part of the name or the credit code */
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * Reads of the directory, over the caller's subtree: a city sees its own entries, the province the entries of all
 * its cities (the provincial directory), with counts by tier, industry and city; each enterprise's demonstration
 * history; and which cities reported for a period, on time or late.
 */
@Injectable()
export class DirectoryQueries {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly directory: DirectoryUseCase,
  ) {}

  async list(p: Principal, f: DirectoryFilter): Promise<Page<DirectoryEntryEntity>> {
    return pageOf(await this.filtered(p, f), f.page, f.pageSize);
  }

  /** The same list as `list`, whole, for an export: a cursor's batches, in the list's order. */
  async exportRows(
    p: Principal,
    f: Omit<DirectoryFilter, 'page' | 'pageSize'>,
  ): Promise<AsyncIterable<readonly DirectoryExportRow[]>> {
    const [sql, params] = (await this.filtered(p, f))
      .leftJoin('jurisdictions', 'j', 'j.code = e.jurisdiction_code')
      .select([
        'e.jurisdiction_code AS jurisdiction_code',
        'j.name AS jurisdiction_name',
        'e.name AS name',
        'e.credit_code AS credit_code',
        'e.industry AS industry',
        'e.needs AS needs',
        'e.risk_tier AS risk_tier',
        'e.assessed_on::text AS assessed_on',
        'e.assessment_basis AS assessment_basis',
        'e.contact_name AS contact_name',
        'e.contact_phone AS contact_phone',
        'e.updated_at AS updated_at',
      ])
      .getQueryAndParameters();
    return cursorBatches<DirectoryExportRow>(this.db, sql, params);
  }

  private async filtered(p: Principal, f: Omit<DirectoryFilter, 'page' | 'pageSize'>) {
    const scope = await reportScope(this.db, p, f.jurisdictionCode);
    const qb = this.db
      .getRepository(DirectoryEntryEntity)
      .createQueryBuilder('e')
      .where('e.jurisdiction_path LIKE :pattern', { pattern: scope.pattern });
    if (f.riskTier) qb.andWhere('e.risk_tier = :tier', { tier: f.riskTier });
    if (f.industry) qb.andWhere('e.industry = :industry', { industry: f.industry });
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
      qb.andWhere('(e.name LIKE :like OR e.credit_code LIKE :like)', { like });
    }
    return qb.orderBy('e.jurisdiction_code').addOrderBy('e.name').addOrderBy('e.id');
  }

  /** The directory of a jurisdiction added up: in all, by risk tier, by industry and by city. */
  async aggregate(p: Principal, jurisdictionCode?: string) {
    const scope = await reportScope(this.db, p, jurisdictionCode);
    const rows: { jurisdiction_code: string; name: string; industry: string; risk_tier: RiskTier; count: number }[] =
      await this.db.query(
        `SELECT e.jurisdiction_code, j.name, e.industry, e.risk_tier, count(*)::int AS count
           FROM directory_entries e JOIN jurisdictions j ON j.code = e.jurisdiction_code
          WHERE e.jurisdiction_path LIKE $1
          GROUP BY e.jurisdiction_code, j.name, e.industry, e.risk_tier`,
        [scope.pattern],
      );
    const tiers = Object.values(RiskTier);
    const zero = () => Object.fromEntries(tiers.map((t) => [t, 0])) as Record<RiskTier, number>;
    const byTier = zero();
    const byIndustry = new Map<string, number>();
    const byCity = new Map<
      string,
      { jurisdictionCode: string; name: string; total: number; byTier: Record<RiskTier, number> }
    >();
    for (const r of rows) {
      byTier[r.risk_tier] += r.count;
      byIndustry.set(r.industry, (byIndustry.get(r.industry) ?? 0) + r.count);
      const city = byCity.get(r.jurisdiction_code) ?? {
        jurisdictionCode: r.jurisdiction_code,
        name: r.name,
        total: 0,
        byTier: zero(),
      };
      city.total += r.count;
      city.byTier[r.risk_tier] += r.count;
      byCity.set(r.jurisdiction_code, city);
    }
    return {
      jurisdiction: { code: scope.code, name: scope.name, level: scope.level },
      total: rows.reduce((s, r) => s + r.count, 0),
      byTier,
      byIndustry: [...byIndustry]
        .map(([industry, count]) => ({ industry, count }))
        .sort((a, b) => b.count - a.count || a.industry.localeCompare(b.industry)),
      byCity: [...byCity.values()].sort((a, b) => a.jurisdictionCode.localeCompare(b.jurisdictionCode)),
    };
  }

  /** One entry of the caller's subtree (404 otherwise). */
  async get(p: Principal, id: string): Promise<DirectoryEntryEntity> {
    const scope = await reportScope(this.db, p);
    const e = await this.db.getRepository(DirectoryEntryEntity).findOneBy({ id });
    if (!e || !e.jurisdictionPath.startsWith(scope.path))
      throw new DomainError(DomainErrorCode.NotFound, `directory entry ${id} not found`);
    return e;
  }

  /**
   * The enterprise's demonstration history: its applications at every level with their programmes, states and
   * titles (designated, valid until, revoked), oldest first — the ones the caller may see.
   */
  async history(p: Principal, id: string) {
    const entry = await this.get(p, id);
    const visible = applicationVisibility(p, 'a');
    const applications = await this.db
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .innerJoin('organisations', 'o', 'o.id = a.organisation_id')
      .innerJoin('programmes', 'pr', 'pr.id = a.programme_id')
      .where(visible.sql, visible.params)
      .andWhere('o.credit_code = :creditCode', { creditCode: entry.creditCode })
      .select([
        'a.id AS id',
        'a.reference AS reference',
        'a.title AS title',
        'a.state AS state',
        'a.unit_kind AS "unitKind"',
        'a.level AS level',
        'a.jurisdiction_code AS "jurisdictionCode"',
        'pr.code AS "programmeCode"',
        'pr.name AS "programmeName"',
        'pr.year AS "programmeYear"',
        'a.submitted_at AS "submittedAt"',
        'a.designated_at AS "designatedAt"',
        `to_char(a.valid_until, 'YYYY-MM-DD') AS "validUntil"`,
      ])
      .orderBy('a.created_at')
      .addOrderBy('a.id')
      .getRawMany<DemonstrationRecord>();
    return { entry, applications };
  }

  /**
   * The cities of the subtree and their report for a period (by default the latest that has ended): due day, status
   * (open, submitted, submitted late, overdue), when, by whom, how many entries then and now.
   */
  async reports(p: Principal, periodKey?: string, jurisdictionCode?: string) {
    const scope = await reportScope(this.db, p, jurisdictionCode);
    const cadence = this.directory.cadence();
    const grace = this.directory.graceDays();
    const today = chinaDate(this.clock.now());
    let period: ReportPeriod | null;
    if (periodKey) {
      period = periodByKey(periodKey, cadence, grace);
      if (!period)
        throw new DomainError(DomainErrorCode.ValidationFailed, `period ${periodKey} is not a ${cadence} period`, {
          fields: ['period'],
        });
    } else {
      // the latest period that has ended: the one being reported (or overdue) now
      period = shiftPeriod(periodOf(today, cadence, grace), 1, cadence, grace);
    }
    const rows: {
      code: string;
      name: string;
      submitted_at: Date | null;
      submitted_on: string | null;
      submitted_by_name: string | null;
      entry_count: number | null;
      current_count: number;
    }[] = await this.db.query(
      `SELECT j.code, j.name, r.submitted_at, to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS submitted_on,
              u.display_name AS submitted_by_name, r.entry_count,
              (SELECT count(*)::int FROM directory_entries e WHERE e.jurisdiction_code = j.code) AS current_count
         FROM jurisdictions j
         LEFT JOIN directory_reports r ON r.jurisdiction_code = j.code AND r.period = $2 AND r.submitted_at IS NOT NULL
         LEFT JOIN users u ON u.id = r.submitted_by
        WHERE j.level = 'city' AND j.path LIKE $1
        ORDER BY j.code`,
      [scope.pattern, period.key],
    );
    const cities = rows.map((r) => ({
      jurisdictionCode: r.code,
      name: r.name,
      status: reportStatus(period.dueOn, r.submitted_on, today),
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by_name,
      entryCount: r.entry_count,
      currentEntryCount: r.current_count,
    }));
    return { cadence, period: period.key, start: period.start, end: period.end, dueOn: period.dueOn, cities };
  }
}
