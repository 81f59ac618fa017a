import { chinaYearStart, KINDS_FOR_UNIT, type UnitKind } from '@app/domain';
import { ProgrammeEntity, ProgrammeVersionEntity, rulesOf } from '@app/programmes';
import { DataSource } from 'typeorm';

/**
 * The call of a demo programme: open from the first day of its year (China time), so the seeded flows can apply and
 * submit, and closing at the end of that year or four years after the seed ran, whichever is later. A real call
 * closes within months; the demo's stay open because the demo and the specs run on the real clock, moved by days or
 * by years (a revoked title's bar of 36 months ends, and the organisation applies again), and a demo whose calls had
 * closed would refuse every new application. Every kind of organisation the unit kind allows may apply.
 */
export function demoCall(
  year: number,
  unitKind: UnitKind,
  now: Date,
): Pick<ProgrammeEntity, 'opensAt' | 'closesAt' | 'eligibleOrganisationKinds' | 'rulesVersion'> {
  const yearEnd = chinaYearStart(year + 1);
  const yearsOn = new Date(now.getTime() + 4 * 366 * 86_400_000);
  return {
    opensAt: chinaYearStart(year),
    closesAt: yearEnd > yearsOn ? yearEnd : yearsOn,
    eligibleOrganisationKinds: [...KINDS_FOR_UNIT[unitKind]],
    rulesVersion: 1,
  };
}

/** Version 1 of the rules of every programme that has none yet (the seed inserts programmes directly). Idempotent. */
export async function seedProgrammeVersions(db: DataSource): Promise<void> {
  const programmes = await db
    .getRepository(ProgrammeEntity)
    .createQueryBuilder('p')
    .where('NOT EXISTS (SELECT 1 FROM programme_versions v WHERE v.programme_id = p.id)')
    .getMany();
  for (const p of programmes) {
    await db.getRepository(ProgrammeVersionEntity).insert({
      programmeId: p.id,
      version: 1,
      rules: rulesOf(p),
      changes: [],
      reason: null,
      createdBy: null,
      createdAt: p.createdAt,
    });
  }
}
