import { AreaQuotaFact, allowedPlaces, overrideForNext, QuotaOverrideUse } from '@app/domain';
import { ProgrammeEntity } from '@app/programmes';
import { EntityManager } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** What DESIGNATE's quota guards see: the programme-wide quota, the areas' quotas and the overrides it would use. */
export interface DesignationQuotaFacts {
  /** places left programme-wide (max + overrides − designated); null: no programme-wide quota */
  quotaRemaining: number | null;
  /** places programme-wide (max + overrides); null: no programme-wide quota */
  quotaAllowed: number | null;
  areaQuotas: AreaQuotaFact[];
  overrides: QuotaOverrideUse[];
}

interface OverrideRow {
  id: string;
  jurisdictionCode: string;
  extraPlaces: number;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

/**
 * The quota facts of designating `application`, inside the transition's transaction: the programme row (when it has
 * a programme-wide quota) and then the quota rows of the areas the application lies in are locked, always in that
 * order (and the areas by code), so concurrent designations of one programme or area are counted one at a time and
 * never deadlock. Every count is read after the locks are held (READ COMMITTED: each statement sees what the
 * designations before it committed).
 */
export async function designationQuotaFacts(
  tx: EntityManager,
  programme: ProgrammeEntity,
  application: ApplicationEntity,
): Promise<DesignationQuotaFacts> {
  const overridesUsed: QuotaOverrideUse[] = [];
  let quotaRemaining: number | null = null;
  let quotaAllowed: number | null = null;
  if (programme.quota !== null) {
    await tx.query('SELECT id FROM programmes WHERE id = $1 FOR UPDATE', [programme.id]);
    const [{ count }] = await tx.query(
      `SELECT count(*)::int AS count FROM applications WHERE programme_id = $1 AND state = 'designated'`,
      [programme.id],
    );
    const overrides = await overridesOf(tx, programme.id, programme.jurisdictionCode);
    quotaAllowed = allowedPlaces(programme.quota, overrides);
    quotaRemaining = quotaAllowed - count;
    const used = overrideForNext(programme.quota, count, overrides);
    if (used) overridesUsed.push(useOf(used));
  }
  const areas: { code: string; name: string; path: string; max: number }[] = await tx.query(
    `SELECT q.jurisdiction_code AS code, j.name, j.path, q.max_designations AS max
       FROM programme_area_quotas q JOIN jurisdictions j ON j.code = q.jurisdiction_code
      WHERE q.programme_id = $1 AND $2 LIKE j.path || '%'
      ORDER BY q.jurisdiction_code
        FOR UPDATE OF q`,
    [programme.id, application.jurisdictionPath],
  );
  const areaQuotas: AreaQuotaFact[] = [];
  for (const area of areas) {
    const [{ count }] = await tx.query(
      `SELECT count(*)::int AS count FROM applications
        WHERE programme_id = $1 AND state = 'designated' AND jurisdiction_path LIKE $2 || '%'`,
      [programme.id, area.path],
    );
    const overrides = await overridesOf(tx, programme.id, area.code);
    areaQuotas.push({
      jurisdictionCode: area.code,
      name: area.name,
      max: area.max,
      allowed: allowedPlaces(area.max, overrides),
      designated: count,
    });
    const used = overrideForNext(area.max, count, overrides);
    if (used) overridesUsed.push(useOf(used));
  }
  return { quotaRemaining, quotaAllowed, areaQuotas, overrides: overridesUsed };
}

function overridesOf(tx: EntityManager, programmeId: string, code: string): Promise<OverrideRow[]> {
  return tx.query(
    `SELECT id, jurisdiction_code AS "jurisdictionCode", extra_places AS "extraPlaces", reason,
            created_by AS "createdBy", created_at AS "createdAt"
       FROM quota_overrides WHERE programme_id = $1 AND jurisdiction_code = $2
      ORDER BY created_at, id`,
    [programmeId, code],
  );
}

const useOf = (o: OverrideRow): QuotaOverrideUse => ({ ...o, createdAt: new Date(o.createdAt).toISOString() });
