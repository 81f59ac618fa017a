import {
  allowedPlaces,
  type AreaQuotaInput,
  areaQuotaProblems,
  areaUsage,
  DomainError,
  DomainErrorCode,
  isWithin,
  type Principal,
  supervisesProgramme,
} from '@app/domain';
import { Clock } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ProgrammeAreaQuotaEntity } from './programme-area-quota.entity';
import { QuotaOverrideEntity } from './quota-override.entity';

/** One area's quota, as the programme's bureau set it. */
export interface AreaQuota {
  jurisdictionCode: string;
  jurisdictionName: string;
  min: number;
  max: number;
  updatedBy: string;
  updatedAt: Date;
}

/** A programme's quotas: the programme-wide maximum and the areas'. */
export interface ProgrammeQuotas {
  programmeId: string;
  programmeCode: string;
  jurisdictionCode: string;
  /** the programme-wide maximum (the programme's `quota`); null: none */
  quota: number | null;
  areas: AreaQuota[];
}

/** An override, as recorded. */
export interface QuotaOverride {
  id: string;
  programmeId: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  extraPlaces: number;
  reason: string;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
}

/** One area's use of its quota. */
export interface AreaQuotaUsage {
  jurisdictionCode: string;
  jurisdictionName: string;
  min: number;
  max: number;
  /** places added by overrides */
  extraPlaces: number;
  allowed: number;
  designated: number;
  remaining: number;
  shortfall: number;
  /** applications of the area in review or public notice (they may still be designated) */
  beforeNoticeEnd: number;
  /** applications of the area whose notice has closed, awaiting the decision */
  awaitingDesignation: number;
  /** below the minimum with every application's notice closed */
  belowMinimum: boolean;
}

/** The quota usage view of a programme. */
export interface QuotaUsage {
  programmeId: string;
  programmeCode: string;
  /** programme-wide: null when the programme has no programme-wide quota */
  programme: { max: number; extraPlaces: number; allowed: number; designated: number; remaining: number } | null;
  areas: AreaQuotaUsage[];
}

const BEFORE_NOTICE_END = ['preliminary_review', 'revision_requested', 'recheck', 'acceptance', 'public_notice'];

/**
 * Quotas per area inside a programme, set by the programme's bureau; overrides, recorded by the supervising bureau;
 * the usage view. DESIGNATE enforces them (designation-quotas.ts); this reads and writes the rules.
 */
@Injectable()
export class QuotasUseCase {
  private readonly logger = new Logger(QuotasUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A programme's quotas, for the regulators of its bureau and above. */
  async get(p: Principal, programmeId: string): Promise<ProgrammeQuotas> {
    const { programme } = await this.visible(this.db.manager, p, programmeId);
    return this.quotasOf(this.db.manager, programme);
  }

  /**
   * Replaces a programme's area quotas (an area left out no longer has one), by a regulator of the programme's own
   * bureau. The programme row and then the quota rows are locked, in the order DESIGNATE locks them.
   */
  async set(p: Principal, programmeId: string, areas: readonly AreaQuotaInput[]): Promise<ProgrammeQuotas> {
    return this.db.transaction(async (tx) => {
      const { programme, path } = await this.visible(tx, p, programmeId, true);
      if (p.jurisdictionCode !== programme.jurisdictionCode) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          `the quotas of ${programme.code} are set by its bureau (${programme.jurisdictionCode}); a supervising bureau records an override instead`,
        );
      }
      const codes = [...new Set(areas.map((a) => a.jurisdictionCode))];
      const known = codes.length
        ? await tx.getRepository(JurisdictionEntity).findBy(codes.map((code) => ({ code })))
        : [];
      const paths = new Map(known.map((j) => [j.code, j.path]));
      const problems = areaQuotaProblems(areas, path, (c) => paths.get(c));
      if (problems.length > 0) {
        throw new DomainError(DomainErrorCode.ValidationFailed, problems.map((x) => x.message).join('; '), {
          fields: problems.map((x) => x.field),
        });
      }
      await tx.query(
        `SELECT jurisdiction_code FROM programme_area_quotas WHERE programme_id = $1 ORDER BY jurisdiction_code FOR UPDATE`,
        [programme.id],
      );
      await tx.query(
        `DELETE FROM programme_area_quotas WHERE programme_id = $1 AND NOT (jurisdiction_code = ANY($2::varchar[]))`,
        [programme.id, codes],
      );
      const now = this.clock.now();
      for (const a of [...areas].sort((x, y) => x.jurisdictionCode.localeCompare(y.jurisdictionCode))) {
        await tx
          .createQueryBuilder()
          .insert()
          .into(ProgrammeAreaQuotaEntity)
          .values({ programmeId: programme.id, ...a, updatedBy: p.id!, updatedAt: now })
          .orUpdate(
            ['min_designations', 'max_designations', 'updated_by', 'updated_at'],
            ['programme_id', 'jurisdiction_code'],
          )
          .execute();
      }
      this.logger.log({ programmeId, by: p.id, areas }, 'area quotas set');
      return this.quotasOf(tx, programme);
    });
  }

  /** The programme's quotas against its designations: places left, shortfalls, areas below their minimum. */
  async usage(p: Principal, programmeId: string): Promise<QuotaUsage> {
    const tx = this.db.manager;
    const { programme } = await this.visible(tx, p, programmeId);
    const overrides = await this.overridesOf(tx, programme.id);
    const extraOf = (code: string) =>
      allowedPlaces(
        0,
        overrides.filter((o) => o.jurisdictionCode === code),
      );
    let programmeUsage: QuotaUsage['programme'] = null;
    if (programme.quota !== null) {
      const [{ count }] = await tx.query(
        `SELECT count(*)::int AS count FROM applications WHERE programme_id = $1 AND state = 'designated'`,
        [programme.id],
      );
      const extraPlaces = extraOf(programme.jurisdictionCode);
      const allowed = programme.quota + extraPlaces;
      programmeUsage = {
        max: programme.quota,
        extraPlaces,
        allowed,
        designated: count,
        remaining: Math.max(0, allowed - count),
      };
    }
    const rows: {
      code: string;
      name: string;
      min: number;
      max: number;
      designated: number;
      before: number;
      awaiting: number;
    }[] = await tx.query(
      `SELECT q.jurisdiction_code AS code, j.name, q.min_designations AS min, q.max_designations AS max,
              count(a.id) FILTER (WHERE a.state = 'designated')::int AS designated,
              count(a.id) FILTER (WHERE a.state = ANY($2::varchar[]))::int AS before,
              count(a.id) FILTER (WHERE a.state = 'notice_closed')::int AS awaiting
         FROM programme_area_quotas q
         JOIN jurisdictions j ON j.code = q.jurisdiction_code
         LEFT JOIN applications a ON a.programme_id = q.programme_id AND a.jurisdiction_path LIKE j.path || '%'
        WHERE q.programme_id = $1
        GROUP BY q.jurisdiction_code, j.name, q.min_designations, q.max_designations
        ORDER BY q.jurisdiction_code`,
      [programme.id, BEFORE_NOTICE_END],
    );
    return {
      programmeId: programme.id,
      programmeCode: programme.code,
      programme: programmeUsage,
      areas: rows.map((r) => {
        const extraPlaces = extraOf(r.code);
        const u = areaUsage(r, r.designated, r.before, [{ extraPlaces }]);
        return {
          jurisdictionCode: r.code,
          jurisdictionName: r.name,
          min: r.min,
          max: r.max,
          extraPlaces,
          allowed: u.allowed,
          designated: r.designated,
          remaining: u.remaining,
          shortfall: u.shortfall,
          beforeNoticeEnd: r.before,
          awaitingDesignation: r.awaiting,
          belowMinimum: u.belowMinimum,
        };
      }),
    };
  }

  /**
   * The supervising bureau (a regulator strictly above the programme's bureau) adds places to an area's quota, or to
   * the programme-wide quota by naming the programme's own jurisdiction. Append-only: a correction is a new override.
   */
  async override(
    p: Principal,
    programmeId: string,
    input: { jurisdictionCode: string; extraPlaces: number; reason: string },
  ): Promise<QuotaOverride> {
    return this.db.transaction(async (tx) => {
      const { programme, path } = await this.visible(tx, p, programmeId);
      if (!supervisesProgramme(p.jurisdictionPath, path)) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          `an override of ${programme.code}'s quotas is recorded by its supervising bureau (above ${programme.jurisdictionCode}), not by the programme's own bureau`,
        );
      }
      const code = input.jurisdictionCode;
      if (code === programme.jurisdictionCode) {
        if (programme.quota === null) {
          throw new DomainError(
            DomainErrorCode.ValidationFailed,
            `jurisdictionCode ${code}: ${programme.code} has no programme-wide quota to add places to`,
            { fields: ['jurisdictionCode'] },
          );
        }
      } else if (
        !(await tx.getRepository(ProgrammeAreaQuotaEntity).existsBy({ programmeId, jurisdictionCode: code }))
      ) {
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `jurisdictionCode ${code} has no quota in ${programme.code}: name one of its areas or the programme's jurisdiction ${programme.jurisdictionCode}`,
          { fields: ['jurisdictionCode'] },
        );
      }
      const row = await tx.getRepository(QuotaOverrideEntity).save({
        programmeId,
        jurisdictionCode: code,
        extraPlaces: input.extraPlaces,
        reason: input.reason.trim(),
        createdBy: p.id!,
        createdAt: this.clock.now(),
      });
      this.logger.log(
        { programmeId, overrideId: row.id, by: p.id, area: code, extra: input.extraPlaces },
        'quota override',
      );
      const [recorded] = (await this.overridesOf(tx, programmeId)).filter((o) => o.id === row.id);
      return recorded;
    });
  }

  /** A programme's overrides, oldest first. */
  async overrides(p: Principal, programmeId: string): Promise<QuotaOverride[]> {
    const { programme } = await this.visible(this.db.manager, p, programmeId);
    return this.overridesOf(this.db.manager, programme.id);
  }

  private overridesOf(tx: EntityManager, programmeId: string): Promise<QuotaOverride[]> {
    return tx.query(
      `SELECT o.id, o.programme_id AS "programmeId", o.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName",
              o.extra_places AS "extraPlaces", o.reason, o.created_by AS "createdBy", u.display_name AS "createdByName",
              o.created_at AS "createdAt"
         FROM quota_overrides o
         JOIN jurisdictions j ON j.code = o.jurisdiction_code
         JOIN users u ON u.id = o.created_by
        WHERE o.programme_id = $1
        ORDER BY o.created_at, o.id`,
      [programmeId],
    );
  }

  private async quotasOf(tx: EntityManager, programme: ProgrammeEntity): Promise<ProgrammeQuotas> {
    const areas: AreaQuota[] = await tx.query(
      `SELECT q.jurisdiction_code AS "jurisdictionCode", j.name AS "jurisdictionName", q.min_designations AS min,
              q.max_designations AS max, q.updated_by AS "updatedBy", q.updated_at AS "updatedAt"
         FROM programme_area_quotas q JOIN jurisdictions j ON j.code = q.jurisdiction_code
        WHERE q.programme_id = $1 ORDER BY q.jurisdiction_code`,
      [programme.id],
    );
    return {
      programmeId: programme.id,
      programmeCode: programme.code,
      jurisdictionCode: programme.jurisdictionCode,
      quota: programme.quota,
      areas,
    };
  }

  /**
   * The programme, when the regulator's jurisdiction holds it (its bureau or above): 404 for no such programme, 403
   * for one run outside the caller's jurisdiction. `lock`: the programme row is locked for the transaction.
   */
  private async visible(
    tx: EntityManager,
    p: Principal,
    programmeId: string,
    lock = false,
  ): Promise<{ programme: ProgrammeEntity; path: string }> {
    const q = tx.getRepository(ProgrammeEntity).createQueryBuilder('p').where('p.id = :programmeId', { programmeId });
    const programme = await (lock ? q.setLock('pessimistic_write') : q).getOne();
    if (!programme) throw new DomainError(DomainErrorCode.NotFound, `programme ${programmeId} not found`);
    const { path, name } = await tx
      .getRepository(JurisdictionEntity)
      .findOneByOrFail({ code: programme.jurisdictionCode });
    if (!p.jurisdictionPath || !isWithin(path, p.jurisdictionPath)) {
      throw new DomainError(DomainErrorCode.Forbidden, `${name} runs this programme, outside your jurisdiction`);
    }
    return { programme, path };
  }
}
