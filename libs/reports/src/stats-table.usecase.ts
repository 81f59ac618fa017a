import {
  type ActivityFacts,
  activityMatches,
  cellOf,
  computeTable,
  DomainError,
  DomainErrorCode,
  filingStatus,
  type FilingStatus,
  JurisdictionLevel,
  type Principal,
  Role,
  type TableValues,
  type TemplateCell,
  validateEditionSchedule,
  validateTemplate,
} from '@app/domain';
import { Clock } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EnterpriseRequestEntity } from './enterprise-request.entity';
import { bureauPath, editionOf, type JurisdictionRef, lockTable, provinceFor } from './report-scope';
import { ServiceActivityEntity } from './service-activity.entity';
import { StatsEditionEntity } from './stats-edition.entity';
import { StatsFilingEntity } from './stats-filing.entity';

/** A province's table for an edition: the template's layout with each cell's value, and where the filing stands. */
export interface StatsTable {
  edition: StatsEditionEntity;
  province: JurisdictionRef;
  values: TableValues;
  status: FilingStatus;
  filing: { submittedAt: Date; submittedBy: string; submittedByName: string } | null;
}

/** What lies behind one cell: the activities (or closed requests) whose measure sums to its value. */
export interface CellDrillDown {
  cell: TemplateCell;
  value: number;
  activities: { activity: ServiceActivityEntity; contributes: number }[];
  requests: EnterpriseRequestEntity[];
}

/** The next edition: its names and schedule; its template is copied from `copyFrom` (default: the latest edition). */
export interface NewEdition {
  code: string;
  name: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  deadline: Date;
  copyFrom?: string;
}

export interface FilingRow {
  province: JurisdictionRef;
  status: FilingStatus;
  submittedAt: Date | null;
  submittedByName: string | null;
}

/**
 * The service-month statistics table (服务月活动开展情况统计表): computed for a province from the activities of its
 * subtree in the edition's period and the requests closed in it, cell for cell as the edition's template lays it
 * out; submitted once by the province's own bureau, then locked; the filings of every province below the caller.
 */
@Injectable()
export class StatsTableUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  editions(): Promise<StatsEditionEntity[]> {
    return this.db.getRepository(StatsEditionEntity).find({ order: { periodFrom: 'DESC' } });
  }

  /**
   * The national office (a bureau at the root of the tree) opens the next edition: the template (rows, sub-rows,
   * units, rules) of the edition it names or of the latest, with the new period and deadline; a period overlapping
   * another edition's, a deadline before the period ends, or a code in use is refused naming the field.
   */
  async createEdition(p: Principal, input: NewEdition): Promise<StatsEditionEntity> {
    if (
      bureauPath(p)
        .split('/')
        .filter((s) => s !== '').length !== 1
    )
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'only the national office (市场监管总局) opens a service-month edition',
      );
    return this.db.transaction(async (tx) => {
      // one edition opened at a time: the overlap and code checks see every committed edition
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('stats-editions'))`);
      const repo = tx.getRepository(StatsEditionEntity);
      const existing = await repo.find({ order: { periodFrom: 'DESC' } });
      if (existing.some((e) => e.code === input.code))
        throw new DomainError(DomainErrorCode.AlreadyExists, `code: edition ${input.code} exists`, {
          fields: ['code'],
        });
      const source = input.copyFrom
        ? existing.find((e) => e.code === input.copyFrom || e.id === input.copyFrom)
        : existing[0];
      if (!source)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          input.copyFrom ? `copyFrom: no edition ${input.copyFrom}` : 'copyFrom: there is no edition to copy',
          { fields: ['copyFrom'] },
        );
      validateEditionSchedule(input, existing);
      validateTemplate(source.rows);
      return repo.save({
        code: input.code,
        name: input.name,
        title: input.title,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        deadline: input.deadline,
        rows: source.rows,
      });
    });
  }

  async edition(ref: string): Promise<StatsEditionEntity> {
    return editionOf(this.db, ref);
  }

  async table(p: Principal, editionRef: string, provinceCode?: string): Promise<StatsTable> {
    const edition = await editionOf(this.db, editionRef);
    const province = await provinceFor(this.db, p, provinceCode);
    return this.tableOf(this.db.manager, edition, province);
  }

  async drillDown(p: Principal, editionRef: string, key: string, provinceCode?: string): Promise<CellDrillDown> {
    const edition = await editionOf(this.db, editionRef);
    const province = await provinceFor(this.db, p, provinceCode);
    const cell = cellOf(edition.rows, key);
    const rule = cell.rule;
    if (rule.source === 'requests') {
      const requests = await this.closedRequests(this.db.manager, edition, province);
      return { cell, value: requests.length, activities: [], requests };
    }
    const activities = (await this.activities(this.db.manager, edition, province))
      .filter((a) => activityMatches(rule, facts(a)))
      .map((activity) => ({
        activity,
        contributes: rule.measure === 'count' ? 1 : activity[rule.measure],
      }))
      .filter((a) => a.contributes > 0);
    return { cell, value: activities.reduce((s, a) => s + a.contributes, 0), activities, requests: [] };
  }

  /** Submits (报送) the province's table: only its own bureau, once; the values are kept as submitted. */
  async submit(p: Principal, editionRef: string, provinceCode?: string): Promise<StatsTable> {
    const edition = await editionOf(this.db, editionRef);
    const province = await provinceFor(this.db, p, provinceCode);
    if (p.role !== Role.Regulator || p.jurisdictionCode !== province.code)
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `the table of ${province.name} is submitted by its own provincial bureau (盖章报送)`,
        { fields: ['province'] },
      );
    return this.db.transaction(async (tx) => {
      await lockTable(tx, edition.id, province.code);
      const existing = await tx
        .getRepository(StatsFilingEntity)
        .findOneBy({ editionId: edition.id, provinceCode: province.code });
      if (existing)
        throw new DomainError(DomainErrorCode.EventNotAllowed, `the table of ${province.name} is already submitted`, {
          table: { state: existing.state, submittedAt: existing.submittedAt.toISOString() },
        });
      const live = await this.tableOf(tx, edition, province);
      await tx.getRepository(StatsFilingEntity).insert({
        editionId: edition.id,
        provinceCode: province.code,
        state: 'submitted',
        submittedBy: p.id!,
        submittedAt: this.clock.now(),
        values: live.values,
      });
      return this.tableOf(tx, edition, province);
    });
  }

  /** Every province at or below the caller's jurisdiction: filed (on time or late), still a draft, or late. */
  async filings(p: Principal, editionRef: string): Promise<FilingRow[]> {
    const root = bureauPath(p);
    const edition = await editionOf(this.db, editionRef);
    const rows: (JurisdictionRef & { submitted_at: Date | null; submitted_by_name: string | null })[] =
      await this.db.query(
        `SELECT j.code, j.name, j.level, j.path, f.submitted_at, u.display_name AS submitted_by_name
           FROM jurisdictions j
           LEFT JOIN stats_filings f ON f.province_code = j.code AND f.edition_id = $2
           LEFT JOIN users u ON u.id = f.submitted_by
          WHERE j.level = $3 AND j.path LIKE $1
          ORDER BY j.code`,
        [`${root}%`, edition.id, JurisdictionLevel.Province],
      );
    const now = this.clock.now();
    return rows.map((r) => ({
      province: { code: r.code, name: r.name, level: r.level, path: r.path },
      status: filingStatus(edition.deadline, r.submitted_at, now),
      submittedAt: r.submitted_at,
      submittedByName: r.submitted_by_name,
    }));
  }

  private async tableOf(
    tx: EntityManager,
    edition: StatsEditionEntity,
    province: JurisdictionRef,
  ): Promise<StatsTable> {
    const [filing]: { submitted_at: Date; submitted_by: string; values: TableValues; name: string }[] = await tx.query(
      `SELECT f.submitted_at, f.submitted_by, f.values, u.display_name AS name
         FROM stats_filings f JOIN users u ON u.id = f.submitted_by
        WHERE f.edition_id = $1 AND f.province_code = $2`,
      [edition.id, province.code],
    );
    // a submitted table is what was sealed; a draft is computed afresh
    const values = filing
      ? filing.values
      : computeTable(
          edition.rows,
          (await this.activities(tx, edition, province)).map(facts),
          (await this.closedRequests(tx, edition, province)).length,
        );
    return {
      edition,
      province,
      values,
      status: filingStatus(edition.deadline, filing?.submitted_at ?? null, this.clock.now()),
      filing: filing
        ? { submittedAt: filing.submitted_at, submittedBy: filing.submitted_by, submittedByName: filing.name }
        : null,
    };
  }

  private activities(tx: EntityManager, edition: StatsEditionEntity, province: JurisdictionRef) {
    return tx
      .getRepository(ServiceActivityEntity)
      .createQueryBuilder('a')
      .where('a.edition_id = :edition AND a.province_code = :province', {
        edition: edition.id,
        province: province.code,
      })
      .andWhere('a.held_on BETWEEN :from AND :to', { from: edition.periodFrom, to: edition.periodTo })
      .orderBy('a.held_on', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** The requests of the province's subtree closed in the edition's period (China time), for row 6. */
  private closedRequests(tx: EntityManager, edition: StatsEditionEntity, province: JurisdictionRef) {
    return tx
      .getRepository(EnterpriseRequestEntity)
      .createQueryBuilder('r')
      .where('r.jurisdiction_path LIKE :root', { root: `${province.path}%` })
      .andWhere(`(r.closed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN :from AND :to`, {
        from: edition.periodFrom,
        to: edition.periodTo,
      })
      .orderBy('r.closed_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }
}

function facts(a: ServiceActivityEntity): ActivityFacts {
  return {
    id: a.id,
    kind: a.kind,
    enterprises: a.enterprises,
    participants: a.participants,
    materials: a.materials,
    quantity: a.quantity,
    mediaLevel: a.mediaLevel,
  };
}
