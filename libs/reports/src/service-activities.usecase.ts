import {
  type ActivityKind,
  DomainError,
  DomainErrorCode,
  isWithinPeriod,
  kindsOf,
  type MediaLevel,
  type Principal,
  provinceOfPath,
} from '@app/domain';
import { cursorBatches, pageOf, type Page } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { bureauPath, editionOf, jurisdictionWithin, lockTable } from './report-scope';
import { ServiceActivityEntity } from './service-activity.entity';
import { StatsEditionEntity } from './stats-edition.entity';
import { StatsFilingEntity } from './stats-filing.entity';

export interface ActivityInput {
  kind: ActivityKind;
  title: string;
  heldOn: string;
  jurisdictionCode: string;
  enterprises?: number;
  participants?: number;
  materials?: number;
  quantity?: number;
  mediaLevel?: MediaLevel | null;
  note?: string | null;
}

/** One row of the activities ledger export, with the place's name. */
export interface ActivityExportRow {
  held_on: string;
  kind: string;
  title: string;
  jurisdiction_code: string;
  jurisdiction_name: string | null;
  enterprises: number;
  participants: number;
  materials: number;
  quantity: number;
  media_level: string | null;
  note: string | null;
}

export interface ActivityFilter {
  edition?: string;
  province?: string;
  kind?: ActivityKind;
  page: number;
  pageSize: number;
}

const COUNTS = ['enterprises', 'participants', 'materials', 'quantity'] as const;

/**
 * The activities ledger (活动台账): regulators record what they did in the service month inside their subtree; an
 * activity may be edited or deleted until its province's table for the edition is submitted (409 then).
 */
@Injectable()
export class ServiceActivitiesUseCase {
  constructor(private readonly db: DataSource) {}

  async create(p: Principal, editionRef: string, input: ActivityInput): Promise<ServiceActivityEntity> {
    return this.db.transaction(async (tx) => {
      const edition = await editionOf(tx, editionRef);
      const row = await this.checked(tx, p, edition, input);
      await this.refuseSubmitted(tx, edition, row.provinceCode);
      return tx.getRepository(ServiceActivityEntity).save({ ...row, editionId: edition.id, createdBy: p.id! });
    });
  }

  async update(p: Principal, id: string, version: number, input: ActivityInput): Promise<ServiceActivityEntity> {
    return this.db.transaction(async (tx) => {
      const current = await this.mine(tx, p, id);
      const edition = await editionOf(tx, current.editionId);
      await this.refuseSubmitted(tx, edition, current.provinceCode);
      const row = await this.checked(tx, p, edition, input);
      await this.refuseSubmitted(tx, edition, row.provinceCode);
      const result = await tx
        .createQueryBuilder()
        .update(ServiceActivityEntity)
        .set({ ...row, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (result.affected !== 1)
        throw new DomainError(DomainErrorCode.VersionConflict, `the activity changed since version ${version}`, {
          currentVersion: current.version,
        });
      return tx.getRepository(ServiceActivityEntity).findOneByOrFail({ id });
    });
  }

  async remove(p: Principal, id: string, version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.mine(tx, p, id);
      await this.refuseSubmitted(tx, await editionOf(tx, current.editionId), current.provinceCode);
      const result = await tx.query(`DELETE FROM service_activities WHERE id = $1 AND version = $2`, [id, version]);
      if (result[1] !== 1)
        throw new DomainError(DomainErrorCode.VersionConflict, `the activity changed since version ${version}`, {
          currentVersion: current.version,
        });
    });
  }

  async get(p: Principal, id: string): Promise<ServiceActivityEntity> {
    return this.mine(this.db.manager, p, id);
  }

  /** The caller's subtree's activities, newest first (by the day held). */
  async list(p: Principal, f: ActivityFilter): Promise<Page<ServiceActivityEntity>> {
    return pageOf(await this.query(p, f), f.page, f.pageSize);
  }

  /** Every activity of the filter (for exports), in batches in a stable order. */
  /**
   * The same list as `list`, whole, for an export: a cursor's batches, in the list's order. An unknown edition is a
   * 404 here, before the file starts.
   */
  async exportRows(
    p: Principal,
    f: Omit<ActivityFilter, 'page' | 'pageSize'>,
  ): Promise<AsyncIterable<readonly ActivityExportRow[]>> {
    const [sql, params] = (await this.query(p, { ...f, page: 1, pageSize: 1 }))
      .leftJoin('jurisdictions', 'j', 'j.code = a.jurisdiction_code')
      .select([
        'a.held_on::text AS held_on',
        'a.kind AS kind',
        'a.title AS title',
        'a.jurisdiction_code AS jurisdiction_code',
        'j.name AS jurisdiction_name',
        'a.enterprises AS enterprises',
        'a.participants AS participants',
        'a.materials AS materials',
        'a.quantity AS quantity',
        'a.media_level AS media_level',
        'a.note AS note',
      ])
      .getQueryAndParameters();
    return cursorBatches<ActivityExportRow>(this.db, sql, params);
  }

  private async query(p: Principal, f: ActivityFilter) {
    const root = bureauPath(p);
    const qb = this.db
      .getRepository(ServiceActivityEntity)
      .createQueryBuilder('a')
      .where('a.jurisdiction_path LIKE :root', { root: `${root}%` });
    if (f.edition) qb.andWhere('a.edition_id = :edition', { edition: (await editionOf(this.db, f.edition)).id });
    if (f.province) qb.andWhere('a.province_code = :province', { province: f.province });
    if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
    return qb.orderBy('a.held_on', 'DESC').addOrderBy('a.id', 'ASC');
  }

  /** The activity, when it lies in the caller's subtree (404 otherwise: its existence does not leak). */
  private async mine(tx: EntityManager, p: Principal, id: string): Promise<ServiceActivityEntity> {
    const root = bureauPath(p);
    const row = await tx.getRepository(ServiceActivityEntity).findOneBy({ id });
    if (!row || !row.jurisdictionPath.startsWith(root))
      throw new DomainError(DomainErrorCode.NotFound, `no activity ${id} in your jurisdiction`);
    return row;
  }

  /** Input checked against the edition (kind it counts, day in its period) and the caller's subtree. */
  private async checked(tx: EntityManager, p: Principal, edition: StatsEditionEntity, input: ActivityInput) {
    const fail = (field: string, message: string) => {
      throw new DomainError(DomainErrorCode.ValidationFailed, `${field}: ${message}`, { fields: [field] });
    };
    for (const c of COUNTS) {
      const v = input[c] ?? 0;
      if (!Number.isInteger(v) || v < 0) fail(c, 'a count is a whole number, 0 or more');
    }
    const kinds = kindsOf(edition.rows);
    if (!kinds.includes(input.kind)) fail('kind', `${edition.name} counts ${kinds.join(', ')}`);
    if (!isWithinPeriod(input.heldOn, edition.periodFrom, edition.periodTo))
      fail('heldOn', `${edition.name} runs from ${edition.periodFrom} to ${edition.periodTo}`);
    const j = await jurisdictionWithin(tx, p, input.jurisdictionCode, 'jurisdictionCode');
    const provinceCode = provinceOfPath(j.path);
    if (!provinceCode)
      fail('jurisdictionCode', 'name a province or a place inside one: the table is filed by provinces');
    return {
      kind: input.kind,
      title: input.title,
      heldOn: input.heldOn,
      jurisdictionCode: j.code,
      jurisdictionPath: j.path,
      provinceCode: provinceCode!,
      enterprises: input.enterprises ?? 0,
      participants: input.participants ?? 0,
      materials: input.materials ?? 0,
      quantity: input.quantity ?? 0,
      mediaLevel: input.mediaLevel ?? null,
      note: input.note ?? null,
    };
  }

  /** 409 naming the table's state when the province's table for the edition is submitted (locked). */
  private async refuseSubmitted(tx: EntityManager, edition: StatsEditionEntity, provinceCode: string): Promise<void> {
    await lockTable(tx, edition.id, provinceCode);
    const filing = await tx
      .getRepository(StatsFilingEntity)
      .findOneBy({ editionId: edition.id, provinceCode: provinceCode });
    if (filing)
      throw new DomainError(
        DomainErrorCode.EventNotAllowed,
        `the ${edition.name} statistics table of ${provinceCode} is submitted (${filing.submittedAt.toISOString()}): its activities are locked`,
        {
          table: {
            state: filing.state,
            submittedAt: filing.submittedAt.toISOString(),
            submittedBy: filing.submittedBy,
          },
        },
      );
  }
}
