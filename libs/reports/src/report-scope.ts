import { DomainError, DomainErrorCode, isWithin, JurisdictionLevel, type Principal, Role } from '@app/domain';
import { DataSource, EntityManager } from 'typeorm';
import { StatsEditionEntity } from './stats-edition.entity';

export interface JurisdictionRef {
  code: string;
  name: string;
  level: JurisdictionLevel;
  path: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's jurisdiction path (a regulator or admin bound to one), or 403. */
export function bureauPath(p: Principal): string {
  if ((p.role !== Role.Regulator && p.role !== Role.Admin) || !p.jurisdictionPath)
    throw new DomainError(DomainErrorCode.Forbidden, 'only the staff of a bureau keep these ledgers');
  return p.jurisdictionPath;
}

/** A jurisdiction by code: 400 naming `field` when unknown. */
export async function jurisdictionOf(
  db: DataSource | EntityManager,
  code: string,
  field: string,
): Promise<JurisdictionRef> {
  const [row] = await db.query(`SELECT code, name, level, path FROM jurisdictions WHERE code = $1`, [code]);
  if (!row)
    throw new DomainError(DomainErrorCode.ValidationFailed, `${field}: no jurisdiction ${code}`, { fields: [field] });
  return row;
}

/** A jurisdiction at or below the caller's: 403 naming `field` otherwise. */
export async function jurisdictionWithin(
  db: DataSource | EntityManager,
  p: Principal,
  code: string,
  field: string,
): Promise<JurisdictionRef> {
  const root = bureauPath(p);
  const j = await jurisdictionOf(db, code, field);
  if (!isWithin(j.path, root))
    throw new DomainError(DomainErrorCode.Forbidden, `${field}: ${code} lies outside your jurisdiction`, {
      fields: [field],
    });
  return j;
}

/** A province at or below the caller's (a national bureau names one; a province's own staff may leave it out). */
export async function provinceFor(db: DataSource, p: Principal, code: string | undefined): Promise<JurisdictionRef> {
  const root = bureauPath(p);
  const given = code ?? root.split('/').filter((s) => s !== '')[1];
  if (!given)
    throw new DomainError(DomainErrorCode.ValidationFailed, 'province: name the province (e.g. 370000)', {
      fields: ['province'],
    });
  const j = await jurisdictionWithin(db, p, given, 'province');
  if (j.level !== JurisdictionLevel.Province)
    throw new DomainError(DomainErrorCode.ValidationFailed, `province: ${given} is a ${j.level}, not a province`, {
      fields: ['province'],
    });
  return j;
}

/** An edition by id or code (`SM-2023`): 404 when none. */
export async function editionOf(db: DataSource | EntityManager, ref: string): Promise<StatsEditionEntity> {
  const repo = db.getRepository(StatsEditionEntity);
  const edition = UUID.test(ref) ? await repo.findOneBy({ id: ref }) : await repo.findOneBy({ code: ref });
  if (!edition) throw new DomainError(DomainErrorCode.NotFound, `no service-month edition ${ref}`);
  return edition;
}

/**
 * Serialises the writes of one province's table for one edition (an activity written, the table submitted) until
 * the transaction ends: a submission never misses an activity saved beside it.
 */
export async function lockTable(tx: EntityManager, editionId: string, provinceCode: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`stats-table:${editionId}:${provinceCode}`]);
}
