import {
  chinaDate,
  DomainError,
  DomainErrorCode,
  isWithin,
  type Principal,
  targetDueOn,
  targetProgress,
  type TargetStatus,
  type TitleFacts,
  UnitKind,
} from '@app/domain';
import { Clock } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DesignationTargetEntity } from './designation-target.entity';

/** A target as set: units of a kind holding a title in the jurisdiction's subtree by the end of a year. */
export interface DesignationTarget {
  id: string;
  jurisdictionCode: string;
  unitKind: UnitKind;
  year: number;
  dueOn: string;
  target: number;
  note: string | null;
  updatedBy: string;
  updatedAt: Date;
  version: number;
}

export interface DesignationTargetInput {
  unitKind: UnitKind;
  year: number;
  target: number;
  note?: string | null;
}

/** A target with its progress, counted from the designations in its subtree. */
export interface DesignationTargetProgress extends DesignationTarget {
  /** units with a title in force on the due date; null while it is ahead */
  atDueDate: number | null;
  /** units with a title in force today */
  now: number;
  percent: number;
  status: TargetStatus;
}

/**
 * Targets over years per jurisdiction and unit kind, set by the bureau of that jurisdiction and read by it and the
 * bureaus above; progress is counted from the designations in the subtree, never stored.
 */
@Injectable()
export class DesignationTargetsUseCase {
  private readonly logger = new Logger(DesignationTargetsUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The targets of a jurisdiction, by kind and year. */
  async list(p: Principal, jurisdictionCode: string): Promise<DesignationTarget[]> {
    await this.readable(this.db.manager, p, jurisdictionCode);
    return this.targetsOf(this.db.manager, jurisdictionCode);
  }

  /** A new target of the caller's own bureau; 409 when one of that kind and year exists (PUT changes it). */
  async create(p: Principal, jurisdictionCode: string, input: DesignationTargetInput): Promise<DesignationTarget> {
    return this.db.transaction(async (tx) => {
      await this.settable(tx, p, jurisdictionCode);
      const exists = await tx.getRepository(DesignationTargetEntity).existsBy({
        jurisdictionCode,
        unitKind: input.unitKind,
        year: input.year,
      });
      if (exists) {
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `${jurisdictionCode} already has a target of ${input.unitKind} for ${input.year}; change it with PUT`,
          { fields: ['unitKind', 'year'] },
        );
      }
      const row = await tx.getRepository(DesignationTargetEntity).save({
        jurisdictionCode,
        unitKind: input.unitKind,
        year: input.year,
        target: input.target,
        note: input.note?.trim() || null,
        updatedBy: p.id!,
        updatedAt: this.clock.now(),
      });
      this.logger.log({ targetId: row.id, by: p.id, jurisdictionCode, ...input }, 'target created');
      return view(row);
    });
  }

  /** Sets the listed targets of the caller's own bureau (created or changed; the others stay as they are). */
  async set(
    p: Principal,
    jurisdictionCode: string,
    inputs: readonly DesignationTargetInput[],
  ): Promise<DesignationTarget[]> {
    const keys = inputs.map((t) => `${t.unitKind}/${t.year}`);
    const repeated = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (repeated >= 0) {
      throw new DomainError(DomainErrorCode.ValidationFailed, `targets.${repeated}: ${keys[repeated]} is named twice`, {
        fields: [`targets.${repeated}.year`],
      });
    }
    return this.db.transaction(async (tx) => {
      await this.settable(tx, p, jurisdictionCode);
      const now = this.clock.now();
      for (const t of inputs) {
        await tx.query(
          `INSERT INTO designation_targets (jurisdiction_code, unit_kind, year, target_units, note, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (jurisdiction_code, unit_kind, year) DO UPDATE
              SET target_units = EXCLUDED.target_units, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by,
                  updated_at = EXCLUDED.updated_at, version = designation_targets.version + 1
            WHERE (designation_targets.target_units, designation_targets.note)
                  IS DISTINCT FROM (EXCLUDED.target_units, EXCLUDED.note)`,
          [jurisdictionCode, t.unitKind, t.year, t.target, t.note?.trim() || null, p.id, now],
        );
      }
      if (inputs.length) this.logger.log({ by: p.id, jurisdictionCode, targets: inputs }, 'targets set');
      return this.targetsOf(tx, jurisdictionCode);
    });
  }

  /** Every target of the jurisdiction with its progress on today's China date. */
  async progress(p: Principal, jurisdictionCode: string): Promise<DesignationTargetProgress[]> {
    const tx = this.db.manager;
    const { path } = await this.readable(tx, p, jurisdictionCode);
    const targets = await this.targetsOf(tx, jurisdictionCode);
    if (targets.length === 0) return [];
    const kinds = [...new Set(targets.map((t) => t.unitKind))];
    const rows: {
      kind: string;
      organisationId: string;
      designatedAt: Date;
      validUntil: string | null;
      endedAt: Date | null;
    }[] = await tx.query(
      `SELECT a.unit_kind AS kind, a.organisation_id AS "organisationId", a.designated_at AS "designatedAt",
                to_char(a.valid_until, 'YYYY-MM-DD') AS "validUntil",
                (SELECT min(h.at) FROM application_history h
                  WHERE h.application_id = a.id AND h.from_state = 'designated' AND h.to_state <> 'designated') AS "endedAt"
           FROM applications a
          WHERE a.designated_at IS NOT NULL AND a.unit_kind = ANY($1::varchar[]) AND a.jurisdiction_path LIKE $2 || '%'`,
      [kinds, path],
    );
    const titlesOf = new Map<string, TitleFacts[]>();
    for (const r of rows) {
      const list = titlesOf.get(r.kind) ?? [];
      list.push({
        organisationId: r.organisationId,
        designatedOn: chinaDate(new Date(r.designatedAt)),
        validUntil: r.validUntil,
        endedOn: r.endedAt ? chinaDate(new Date(r.endedAt)) : null,
      });
      titlesOf.set(r.kind, list);
    }
    const today = chinaDate(this.clock.now());
    return targets.map((t) => {
      const { atDueDate, now, percent, status } = targetProgress(
        t.target,
        t.year,
        titlesOf.get(t.unitKind) ?? [],
        today,
      );
      return { ...t, atDueDate, now, percent, status };
    });
  }

  private async targetsOf(tx: EntityManager, jurisdictionCode: string): Promise<DesignationTarget[]> {
    const rows = await tx
      .getRepository(DesignationTargetEntity)
      .find({ where: { jurisdictionCode }, order: { unitKind: 'ASC', year: 'ASC' } });
    return rows.map(view);
  }

  /** The jurisdiction, when it lies in the caller's (its bureau or above); 404 unknown, 403 outside. */
  private async readable(tx: EntityManager, p: Principal, code: string): Promise<JurisdictionEntity> {
    const j = await tx.getRepository(JurisdictionEntity).findOneBy({ code });
    if (!j) throw new DomainError(DomainErrorCode.NotFound, `jurisdiction ${code} not found`);
    if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath)) {
      throw new DomainError(DomainErrorCode.Forbidden, `${j.name} is outside your jurisdiction`);
    }
    return j;
  }

  /** Targets are set by the bureau of the jurisdiction itself. */
  private async settable(tx: EntityManager, p: Principal, code: string): Promise<JurisdictionEntity> {
    const j = await this.readable(tx, p, code);
    if (p.jurisdictionCode !== code) {
      throw new DomainError(DomainErrorCode.Forbidden, `the targets of ${j.name} are set by its own bureau`);
    }
    return j;
  }
}

function view(row: DesignationTargetEntity): DesignationTarget {
  return {
    id: row.id,
    jurisdictionCode: row.jurisdictionCode,
    unitKind: row.unitKind,
    year: row.year,
    dueOn: targetDueOn(row.year),
    target: row.target,
    note: row.note,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
