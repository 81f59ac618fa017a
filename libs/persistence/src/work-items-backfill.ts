import {
  type AccreditationSnapshot,
  applicationWorkItems,
  type DisbursementContext,
  type DisbursementState,
  disbursementWorkItems,
  dueAt,
  type PilotRankingStanding,
  preReviewPathOf,
  timeLimitsOf,
  type TimeLimits,
  WorkingCalendar,
  type WorkItemSpec,
} from '@app/domain';
import { pilotRankingSql } from '@app/accreditation';
import { insertWorkItems, type NewWorkItem } from '@app/worklist';
import { QueryRunner } from 'typeorm';

const BATCH = 2000;

/**
 * Opens the work items of every application and disbursement as their rules want them now (the WorkItems
 * migration; afterwards the engines keep them). An item entered its step when the subject last moved into its
 * state (its history), its due date counted from then on the working calendar as loaded in the database.
 */
export async function backfillWorkItems(q: QueryRunner): Promise<void> {
  const days: { date: string; kind: 'holiday' | 'workday' }[] = await q.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_days`,
  );
  const years: { year: number }[] = await q.query(`SELECT year FROM calendar_years`);
  const calendar = new WorkingCalendar({ overrides: days, scheduledYears: years.map((y) => y.year) });
  const item = (
    subject: NewWorkItem['subject'],
    limits: TimeLimits,
    enteredAt: Date,
    spec: WorkItemSpec,
  ): NewWorkItem => {
    const n = spec.limit === null ? null : limits[spec.limit];
    return { subject, spec, enteredAt, days: n, due: n === null ? null : dueAt(calendar, enteredAt, n) };
  };

  // a national pilot programme's applications: pre-reviewed by their province, their national steps gated by its
  // ranked list (the table exists from the PilotProgramme migration on; before it, no application is a pilot's)
  const [{ pilots }] = await q.query(`SELECT to_regclass('pilot_rankings') IS NOT NULL AS pilots`);
  const standing = pilots
    ? `CASE WHEN p.unit_kind = 'pilot_region' AND p.level = 'national' THEN ${pilotRankingSql('a')} END`
    : 'NULL';
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: {
      id: string;
      reference: string;
      title: string;
      state: string;
      snapshot: AccreditationSnapshot;
      organisation_id: string;
      jurisdiction_path: string;
      programme_path: string;
      time_limits: Partial<TimeLimits>;
      entered_at: Date;
      unit_kind: string;
      level: string;
      pilot_ranking: PilotRankingStanding | null;
    }[] = await q.query(
      `SELECT a.id, a.reference, a.title, a.state, a.snapshot, a.organisation_id, a.jurisdiction_path,
              j.path AS programme_path, p.time_limits, p.unit_kind, p.level, ${standing} AS pilot_ranking,
              coalesce((SELECT max(h.at) FROM application_history h
                         WHERE h.application_id = a.id AND h.to_state = a.state
                           AND h.from_state IS DISTINCT FROM h.to_state), a.updated_at) AS entered_at
         FROM applications a JOIN programmes p ON p.id = a.programme_id JOIN jurisdictions j ON j.code = p.jurisdiction_code
        WHERE a.id > $1 AND a.state IN ('draft','preliminary_review','revision_requested','recheck','acceptance','public_notice','notice_closed')
        ORDER BY a.id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    const items = rows.flatMap((r) =>
      applicationWorkItems({
        snapshot: r.snapshot,
        organisationId: r.organisation_id,
        jurisdictionPath: r.jurisdiction_path,
        programmeJurisdictionPath: r.programme_path,
        preReviewPath: preReviewPathOf(r.unit_kind, r.level, r.jurisdiction_path),
        pilotRanking: r.pilot_ranking,
      }).map((spec) => item(r, timeLimitsOf(r.time_limits), r.entered_at, spec)),
    );
    await insertWorkItems(q, 'application', items);
    after = rows[rows.length - 1].id;
  }

  after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: {
      id: string;
      reference: string;
      title: string;
      state: DisbursementState;
      context: DisbursementContext;
      jurisdiction_path: string;
      time_limits: Partial<TimeLimits>;
      entered_at: Date;
    }[] = await q.query(
      `SELECT d.id, d.reference, a.title, d.state, d.context, d.jurisdiction_path, p.time_limits,
              coalesce((SELECT max(h.at) FROM disbursement_history h
                         WHERE h.disbursement_id = d.id AND h.to_state = d.state
                           AND h.from_state IS DISTINCT FROM h.to_state), d.updated_at) AS entered_at
         FROM disbursements d JOIN applications a ON a.id = d.application_id JOIN programmes p ON p.id = d.programme_id
        WHERE d.id > $1 AND d.state IN ('pending_approval','verified','failed')
        ORDER BY d.id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) break;
    const items = rows.flatMap((r) =>
      disbursementWorkItems({ state: r.state, context: r.context, jurisdictionPath: r.jurisdiction_path }).map((spec) =>
        item(r, timeLimitsOf(r.time_limits), r.entered_at, spec),
      ),
    );
    await insertWorkItems(q, 'disbursement', items);
    after = rows[rows.length - 1].id;
  }
}
