import { dueAt, type Principal, Role, type WorkingCalendar, workingDaysLeft } from '@app/domain';
import { Clock, cursorBatches, subtreePattern } from '@app/platform';
import { WorkingCalendarService } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One item of a to-do list (待办). */
export interface TodoItem {
  id: string;
  subjectKind: string;
  subjectId: string;
  reference: string;
  title: string;
  state: string;
  step: string;
  nextSteps: string[];
  enteredAt: Date;
  dueAt: Date | null;
  overdue: boolean;
  /** working days left until due (0 on the last day, negative when late); null without a time limit */
  workingDaysLeft: number | null;
}

/** One thing a user did (已办), from the histories. */
export interface DoneItem {
  subjectKind: string;
  subjectId: string;
  reference: string;
  title: string;
  event: string;
  fromState: string | null;
  toState: string;
  at: Date;
}

export interface ListPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Items due within this many working days count as "due soon" in the summary. */
export const DUE_SOON_WORKING_DAYS = 2;

interface Condition {
  keys: string;
  params: unknown[];
}

/**
 * The to-do list (待办), the done list (已办) and their counts, for the caller only. Open items are found by who may
 * act (work_items' partial indexes: a provincial regulator's list is a range over (role, path prefix) in due-date
 * order), overdue first then by due date, those without a time limit last.
 */
@Injectable()
export class TodoQueries {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
    private readonly clock: Clock,
  ) {}

  async todo(p: Principal, page: number, pageSize: number): Promise<ListPage<TodoItem>> {
    const who = audienceOf(p);
    if (who === null) return { items: [], page, pageSize, total: 0 };
    const n = who.params.length;
    // the page's keys first, from the indexes alone (each branch an index-only range), then only its rows
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT w.id, w.subject_kind, w.subject_id, w.subject_reference, w.subject_title, w.subject_state, w.step,
                w.next_steps, w.entered_at, w.due_at
           FROM (SELECT id, due_at, entered_at FROM (${who.keys}) k
                  ORDER BY due_at ASC NULLS LAST, entered_at ASC, id ASC
                  LIMIT $${n + 1} OFFSET $${n + 2}) p
           JOIN work_items w ON w.id = p.id
          ORDER BY p.due_at ASC NULLS LAST, p.entered_at ASC, p.id ASC`,
        [...who.params, pageSize, (page - 1) * pageSize],
      ) as Promise<Row[]>,
      this.db.query(`SELECT count(*)::int AS n FROM (${who.keys}) k`, who.params),
    ]);
    const now = this.clock.now();
    const calendar = await this.calendar.calendar();
    return {
      page,
      pageSize,
      total: count[0].n,
      items: rows.map((r) => todoItem(r, now, calendar)),
    };
  }

  /** The whole to-do list, for an export: the same items and order as `todo`, a cursor's batch at a time. */
  async todoRows(p: Principal): Promise<AsyncIterable<readonly TodoItem[]>> {
    const who = audienceOf(p);
    if (who === null) return (async function* () {})();
    const now = this.clock.now();
    const calendar = await this.calendar.calendar();
    return cursorBatches<Row, TodoItem>(
      this.db,
      `SELECT w.id, w.subject_kind, w.subject_id, w.subject_reference, w.subject_title, w.subject_state, w.step,
              w.next_steps, w.entered_at, w.due_at
         FROM (${who.keys}) k JOIN work_items w ON w.id = k.id
        ORDER BY k.due_at ASC NULLS LAST, k.entered_at ASC, k.id ASC`,
      who.params,
      async (rows) => rows.map((r) => todoItem(r, now, calendar)),
    );
  }

  /** For a badge: open items, how many are overdue, how many are due within DUE_SOON_WORKING_DAYS working days. */
  async summary(p: Principal): Promise<{ total: number; overdue: number; dueSoon: number }> {
    const who = audienceOf(p);
    if (who === null) return { total: 0, overdue: 0, dueSoon: 0 };
    const now = this.clock.now();
    const calendar = await this.calendar.calendar();
    const soon = dueAt(calendar, now, DUE_SOON_WORKING_DAYS);
    const n = who.params.length;
    const [row]: { total: number; overdue: number; due_soon: number }[] = await this.db.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE k.due_at <= $${n + 1})::int AS overdue,
              count(*) FILTER (WHERE k.due_at > $${n + 1} AND k.due_at <= $${n + 2})::int AS due_soon
         FROM (${who.keys}) k`,
      [...who.params, now, soon],
    );
    return { total: row.total, overdue: row.overdue, dueSoon: row.due_soon };
  }

  /** What this user did, newest first: every history row they wrote on an application or a disbursement. */
  async done(p: Principal, page: number, pageSize: number): Promise<ListPage<DoneItem>> {
    if (p.id === null) return { items: [], page, pageSize, total: 0 };
    const rows: DoneRow[] = await this.db.query(
      `WITH mine AS (
         (SELECT 'application' AS kind, h.application_id AS subject_id, h.event, h.from_state, h.to_state, h.at
            FROM application_history h WHERE h.actor_id = $1::uuid ORDER BY h.at DESC LIMIT $2::int + $3::int)
         UNION ALL
         (SELECT 'disbursement', h.disbursement_id, h.event, h.from_state, h.to_state, h.at
            FROM disbursement_history h WHERE h.actor_id = $1::uuid ORDER BY h.at DESC LIMIT $2::int + $3::int))
       SELECT m.*, coalesce(a.reference, d.reference) AS reference, coalesce(a.title, da.title) AS title
         FROM (SELECT * FROM mine ORDER BY at DESC, subject_id LIMIT $2 OFFSET $3) m
         LEFT JOIN applications a ON m.kind = 'application' AND a.id = m.subject_id
         LEFT JOIN disbursements d ON m.kind = 'disbursement' AND d.id = m.subject_id
         LEFT JOIN applications da ON da.id = d.application_id
        ORDER BY m.at DESC, m.subject_id`,
      [p.id, pageSize, (page - 1) * pageSize],
    );
    const [count]: { n: number }[] = await this.db.query(
      `SELECT (SELECT count(*) FROM application_history WHERE actor_id = $1)
            + (SELECT count(*) FROM disbursement_history WHERE actor_id = $1) AS n`,
      [p.id],
    );
    return {
      page,
      pageSize,
      total: Number(count.n),
      items: rows.map(doneItem),
    };
  }

  /**
   * For reminders and escalation (notifications): open items due in [from, to), and open items overdue at `now`
   * that were not escalated yet, oldest due first. Both read ix_work_items_due.
   */
  /** Everything this user did, for an export: the same rows and order as `done`, a cursor's batch at a time. */
  doneRows(p: Principal): AsyncIterable<readonly DoneItem[]> {
    if (p.id === null) return (async function* () {})();
    return cursorBatches<DoneRow, DoneItem>(
      this.db,
      `SELECT m.*, coalesce(a.reference, d.reference) AS reference, coalesce(a.title, da.title) AS title
         FROM (SELECT 'application' AS kind, h.application_id AS subject_id, h.event, h.from_state, h.to_state, h.at
                 FROM application_history h WHERE h.actor_id = $1::uuid
               UNION ALL
               SELECT 'disbursement', h.disbursement_id, h.event, h.from_state, h.to_state, h.at
                 FROM disbursement_history h WHERE h.actor_id = $1::uuid) m
         LEFT JOIN applications a ON m.kind = 'application' AND a.id = m.subject_id
         LEFT JOIN disbursements d ON m.kind = 'disbursement' AND d.id = m.subject_id
         LEFT JOIN applications da ON da.id = d.application_id
        ORDER BY m.at DESC, m.subject_id`,
      [p.id],
      async (rows) => rows.map(doneItem),
    );
  }

  async dueBetween(
    from: Date,
    to: Date,
    limit = 500,
  ): Promise<{ id: string; subjectKind: string; subjectId: string; dueAt: Date }[]> {
    const rows: { id: string; subject_kind: string; subject_id: string; due_at: Date }[] = await this.db.query(
      `SELECT id, subject_kind, subject_id, due_at FROM work_items
        WHERE done_at IS NULL AND reminded_at IS NULL AND due_at >= $1 AND due_at < $2 ORDER BY due_at LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({ id: r.id, subjectKind: r.subject_kind, subjectId: r.subject_id, dueAt: r.due_at }));
  }

  async overdueNotEscalated(now: Date, limit = 500) {
    const rows: { id: string; subject_kind: string; subject_id: string; due_at: Date }[] = await this.db.query(
      `SELECT id, subject_kind, subject_id, due_at FROM work_items
        WHERE done_at IS NULL AND due_at <= $1 AND escalated_at IS NULL ORDER BY due_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, subjectKind: r.subject_kind, subjectId: r.subject_id, dueAt: r.due_at }));
  }
}

interface Row {
  id: string;
  subject_kind: string;
  subject_id: string;
  subject_reference: string;
  subject_title: string;
  subject_state: string;
  step: string;
  next_steps: string[];
  entered_at: Date;
  due_at: Date | null;
}

function todoItem(r: Row, now: Date, calendar: WorkingCalendar): TodoItem {
  return {
    id: r.id,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    reference: r.subject_reference,
    title: r.subject_title,
    state: r.subject_state,
    step: r.step,
    nextSteps: r.next_steps,
    enteredAt: r.entered_at,
    dueAt: r.due_at,
    overdue: r.due_at !== null && r.due_at.getTime() <= now.getTime(),
    workingDaysLeft: r.due_at === null ? null : workingDaysLeft(calendar, now, r.due_at),
  };
}

function doneItem(r: DoneRow): DoneItem {
  return {
    subjectKind: r.kind,
    subjectId: r.subject_id,
    reference: r.reference ?? '',
    title: r.title ?? '',
    event: r.event,
    fromState: r.from_state,
    toState: r.to_state,
    at: r.at,
  };
}

interface DoneRow {
  kind: string;
  subject_id: string;
  event: string;
  from_state: string | null;
  to_state: string;
  at: Date;
  reference: string | null;
  title: string | null;
}

/**
 * The SQL form of audienceIncludes (libs/domain work-items.util.ts) for the caller: the items of their role within
 * their jurisdiction (a prefix range of audience_path; only their own bureau for exact items; not those four eyes
 * keep from them), of their organisation, or their own: the open items' (id, due_at, entered_at) as a UNION ALL of
 * one index-only range per audience form (an item has exactly one, so nothing is counted twice).
 * test/work-items-agreement.int-spec.ts keeps it equal to the TypeScript form.
 */
export function audienceOf(p: Principal): Condition | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (p.id !== null) parts.push(`w.audience_user_id = ${param(p.id)}::uuid`);
  if (p.role === Role.Applicant && p.organisationId !== null) {
    parts.push(`w.audience_organisation_id = ${param(p.organisationId)}::uuid`);
  }
  if (p.jurisdictionPath !== null && p.role !== Role.Applicant && p.role !== Role.Public) {
    const role = param(p.role);
    const pattern = param(subtreePattern(p.jurisdictionPath));
    const path = param(p.jurisdictionPath);
    const excluded = p.id === null ? '' : ` AND NOT (${param(p.id)}::uuid = ANY(w.excluded_user_ids))`;
    parts.push(
      `w.audience_role = ${role} AND w.audience_path LIKE ${pattern} AND (NOT w.audience_exact OR w.audience_path = ${path})${excluded}`,
    );
  }
  if (parts.length === 0) return null;
  return {
    keys: parts
      .map((c) => `SELECT w.id, w.due_at, w.entered_at FROM work_items w WHERE w.done_at IS NULL AND ${c}`)
      .join(' UNION ALL '),
    params,
  };
}
