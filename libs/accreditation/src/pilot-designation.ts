import {
  AccreditationEventType as E,
  chinaDate,
  endOfChinaDay,
  halfYearOf,
  pilotReportDueDates,
  pilotTerm,
  UnitKind,
} from '@app/domain';
import { ProgrammeEntity } from '@app/programmes';
import { pilotReportDueJob } from '@app/queue';
import { EntityManager } from 'typeorm';
import { TransitionContext } from './transition-context';

/**
 * A designated pilot region's title runs from 1 July of its designation year for the programme's years (seed 000:
 * 3); any other title for its years from the day of designation (validUntil).
 */
export function pilotValidUntil(programme: ProgrammeEntity, designatedOn: string): string | null | undefined {
  if (programme.unitKind !== UnitKind.PilotRegion) return undefined;
  return pilotTerm(designatedOn, programme.validityYears ?? undefined).endsOn;
}

/**
 * At designation, a pilot region owes a progress report each 30 June and 31 December of its term: one row per due
 * date (a second designation writes none: unique per application and date) and a delayed job at the end of each due
 * day that flags the report overdue if it is still missing (the reminder sweep covers a lost job).
 */
export async function schedulePilotReports(tx: EntityManager, t: TransitionContext<E.Designate>): Promise<void> {
  if (t.programme.unitKind !== UnitKind.PilotRegion) return;
  const term = pilotTerm(chinaDate(t.now), t.programme.validityYears ?? undefined);
  const dueDates = pilotReportDueDates(term);
  const inserted: { id: string; due_on: string }[] = await tx.query(
    `INSERT INTO pilot_reports (application_id, programme_id, organisation_id, jurisdiction_path, half_year, due_on, created_at)
     SELECT $1, $2, $3, $4, h, d::date, $5 FROM unnest($6::varchar[], $7::text[]) AS u(h, d)
     ON CONFLICT (application_id, due_on) DO NOTHING
     RETURNING id, due_on::text AS due_on`,
    [
      t.application.id,
      t.programme.id,
      t.application.organisationId,
      t.application.jurisdictionPath,
      t.now,
      dueDates.map(halfYearOf),
      dueDates,
    ],
  );
  for (const row of inserted) t.jobs.push(pilotReportDueJob(row.id, endOfChinaDay(row.due_on)));
  t.payload.pilotTerm = term;
  t.payload.pilotReportsDue = dueDates;
}
