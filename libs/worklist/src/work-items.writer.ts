import { type Audience, dueAt, type TimeLimits, type WorkItemSpec } from '@app/domain';
import { preparedQuery } from '@app/platform';
import { WorkingCalendarService } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A subject's open work items as its rules want them now. */
export interface SubjectWork {
  id: string;
  reference: string;
  title: string;
  state: string;
  items: readonly WorkItemSpec[];
  /** the limits that set the due dates (the programme's) */
  limits: TimeLimits;
  /**
   * A due instant the subject sets itself (an invitation's deadline), for its items without a limit; `workingDays`
   * is what it was counted from, kept as the item's limit.
   */
  due?: { at: Date; workingDays: number };
}

/** The change that brought the subjects where they are: it closes the items it ends, opens the new ones. */
export interface WorkChange {
  at: Date;
  actorId: string | null;
  event: string;
}

/**
 * Keeps the open work items of subjects equal to what their rules want, inside the caller's transaction: the items
 * no longer wanted are closed (done at the change's time, by its actor, with its event), new ones are opened with
 * their due date (time limit in working days from the change's time, on the working calendar), and the ones still
 * wanted are left as they are (their due date keeps running). One statement for any number of subjects.
 *
 * The engines call it from their TransitionWriter's follower, so every change of an application or a disbursement
 * updates its items in its own transaction. Another context adds a kind of its own the same way (e.g. an expert's
 * invitation: subjectKind 'invitation', an item with a user audience), calling `sync` in the transaction that
 * creates, answers or withdraws the invitation with the items it wants (none once answered).
 */
@Injectable()
export class WorkItemsWriter {
  constructor(private readonly calendar: WorkingCalendarService) {}

  async sync(tx: EntityManager, subjectKind: string, subjects: readonly SubjectWork[], change: WorkChange) {
    if (subjects.length === 0) return;
    const wanted = new Map<string, { subject: SubjectWork; spec: WorkItemSpec }>();
    for (const subject of subjects) {
      for (const spec of subject.items) wanted.set(`${subject.id}#${keyOf(spec)}`, { subject, spec });
    }
    const calendar = wanted.size > 0 ? await this.calendar.calendar() : null;
    const rows = [...wanted.values()].map(({ subject, spec }): NewWorkItem => {
      if (spec.limit === null && subject.due)
        return { subject, spec, enteredAt: change.at, days: subject.due.workingDays, due: subject.due.at };
      const days = spec.limit === null ? null : subject.limits[spec.limit];
      return {
        subject,
        spec,
        enteredAt: change.at,
        days,
        due: spec.dueAt ? new Date(spec.dueAt) : days === null ? null : dueAt(calendar!, change.at, days),
      };
    });
    // one round trip: the open items no longer wanted are closed, the wanted ones not open yet are inserted. Both
    // parts read the items as they were before the statement, and they touch different items (an item is either
    // wanted or not), so neither needs to see the other's rows.
    await preparedQuery(tx, 'work-items-sync', SYNC_SQL, [
      subjectKind,
      subjects.map((s) => s.id),
      change.at,
      change.actorId,
      change.event,
      [...wanted.keys()],
      ...newItemParams(rows),
    ]);
  }
}

/** The open items of `alias` that are the key's: step and audience (the same key in SQL as keyOf in TypeScript). */
const keySql = (alias: string) =>
  `concat_ws('|', ${alias}.step, coalesce(${alias}.audience_role, ''), coalesce(${alias}.audience_path, ''),
    ${alias}.audience_exact::text, array_to_string(${alias}.excluded_user_ids, ','),
    coalesce(${alias}.audience_organisation_id::text, ''), coalesce(${alias}.audience_user_id::text, ''))`;

const INSERT_COLUMNS = `INSERT INTO work_items (subject_kind, subject_id, subject_reference, subject_title, subject_state,
            step, next_steps, audience_role, audience_path, audience_exact, excluded_user_ids, audience_organisation_id,
            audience_user_id, entered_at, due_at, limit_working_days)`;

/** The new items' columns as arrays, from parameter `$first` on (newItemParams's order). */
const newItems = (first: number) => {
  const types = ['uuid', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'boolean', 'text', 'uuid', 'uuid'];
  const all = [...types, 'timestamptz', 'timestamptz', 'int'];
  return `SELECT v.subject_id, v.reference, v.title, v.state, v.step, string_to_array(v.next_steps, ','), v.role,
            v.path, v.exact, string_to_array(v.excluded, ',')::uuid[], v.organisation_id, v.user_id, v.entered_at,
            v.due_at, v.days
       FROM unnest(${all.map((t, i) => `$${first + i}::${t}[]`).join(', ')})
         AS v(subject_id, reference, title, state, step, next_steps, role, path, exact, excluded, organisation_id,
              user_id, entered_at, due_at, days)`;
};

/** sync's statement: $1 kind, $2 subject ids, $3–$5 the change, $6 the wanted items' "subject#key", $7… the new items */
const SYNC_SQL = `WITH closed AS (
      UPDATE work_items w SET done_at = $3, done_by = $4, done_event = $5
       WHERE w.subject_kind = $1 AND w.subject_id = ANY($2::uuid[]) AND w.done_at IS NULL
         AND NOT (w.subject_id::text || '#' || ${keySql('w')} = ANY($6::text[])))
    ${INSERT_COLUMNS}
    SELECT $1, n.* FROM (${newItems(7)}) n(subject_id, reference, title, state, step, next_steps, role, path, exact,
                                         excluded, organisation_id, user_id, entered_at, due_at, days)
     WHERE NOT EXISTS (SELECT 1 FROM work_items o
                        WHERE o.subject_kind = $1 AND o.subject_id = n.subject_id AND o.done_at IS NULL
                          AND ${keySql('o')} = concat_ws('|', n.step, coalesce(n.role, ''), coalesce(n.path, ''),
                                n.exact::text, array_to_string(n.excluded, ','), coalesce(n.organisation_id::text, ''),
                                coalesce(n.user_id::text, '')))`;

/** A new open item: its subject, what it is, when it entered its step, its limit and due date. */
export interface NewWorkItem {
  subject: Pick<SubjectWork, 'id' | 'reference' | 'title' | 'state'>;
  spec: WorkItemSpec;
  enteredAt: Date;
  days: number | null;
  due: Date | null;
}

/** Inserts open items in one statement (the writer's, and the backfill's in the WorkItems migration). */
export async function insertWorkItems(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  subjectKind: string,
  rows: readonly NewWorkItem[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(`${INSERT_COLUMNS} SELECT $1, n.* FROM (${newItems(2)}) n`, [subjectKind, ...newItemParams(rows)]);
}

/** The new items' columns, one array each, in the order newItems reads them. */
function newItemParams(rows: readonly NewWorkItem[]): unknown[] {
  const a = rows.map((r) => audienceColumns(r.spec.audience));
  return [
    rows.map((r) => r.subject.id),
    rows.map((r) => r.subject.reference),
    rows.map((r) => r.subject.title),
    rows.map((r) => r.subject.state),
    rows.map((r) => r.spec.step),
    rows.map((r) => r.spec.nextSteps.join(',')),
    a.map((x) => x.role),
    a.map((x) => x.path),
    a.map((x) => x.exact),
    a.map((x) => x.excluded.join(',')),
    a.map((x) => x.organisationId),
    a.map((x) => x.userId),
    rows.map((r) => r.enteredAt),
    rows.map((r) => r.due),
    rows.map((r) => r.days),
  ];
}

/** An open item's identity within its subject: step and audience (keySql is the same key in SQL). */
function keyOf(spec: WorkItemSpec): string {
  const a = audienceColumns(spec.audience);
  return [
    spec.step,
    a.role ?? '',
    a.path ?? '',
    String(a.exact),
    a.excluded.join(','),
    a.organisationId ?? '',
    a.userId ?? '',
  ].join('|');
}

function audienceColumns(a: Audience) {
  switch (a.kind) {
    case 'scope':
      return {
        role: a.role as string,
        path: a.path,
        exact: a.exact,
        excluded: [...a.excludedUserIds],
        organisationId: null,
        userId: null,
      };
    case 'organisation':
      return { role: null, path: null, exact: false, excluded: [], organisationId: a.organisationId, userId: null };
    case 'user':
      return { role: null, path: null, exact: false, excluded: [], organisationId: null, userId: a.userId };
  }
}
