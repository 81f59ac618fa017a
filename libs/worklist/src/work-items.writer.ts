import { type Audience, dueAt, type TimeLimits, type WorkItemSpec } from '@app/domain';
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

interface OpenRow {
  id: string;
  subject_id: string;
  key: string;
}

/**
 * Keeps the open work items of subjects equal to what their rules want, inside the caller's transaction: the items
 * no longer wanted are closed (done at the change's time, by its actor, with its event), new ones are opened with
 * their due date (time limit in working days from the change's time, on the working calendar), and the ones still
 * wanted are left as they are (their due date keeps running). Three statements at most for any number of subjects.
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
    const open: OpenRow[] = await tx.query(
      `SELECT id, subject_id, ${KEY_SQL} AS key FROM work_items
        WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[]) AND done_at IS NULL`,
      [subjectKind, subjects.map((s) => s.id)],
    );
    const wanted = new Map<string, { subject: SubjectWork; spec: WorkItemSpec }>();
    for (const subject of subjects) {
      for (const spec of subject.items) wanted.set(`${subject.id}#${keyOf(spec)}`, { subject, spec });
    }
    const close: string[] = [];
    for (const row of open) {
      const k = `${row.subject_id}#${row.key}`;
      if (wanted.has(k)) wanted.delete(k);
      else close.push(row.id);
    }
    if (close.length > 0) {
      await tx.query(`UPDATE work_items SET done_at = $2, done_by = $3, done_event = $4 WHERE id = ANY($1::uuid[])`, [
        close,
        change.at,
        change.actorId,
        change.event,
      ]);
    }
    if (wanted.size === 0) return;
    const calendar = await this.calendar.calendar();
    await insertWorkItems(
      tx,
      subjectKind,
      [...wanted.values()].map(({ subject, spec }) => {
        if (spec.limit === null && subject.due)
          return { subject, spec, enteredAt: change.at, days: subject.due.workingDays, due: subject.due.at };
        const days = spec.limit === null ? null : subject.limits[spec.limit];
        return {
          subject,
          spec,
          enteredAt: change.at,
          days,
          due: spec.dueAt ? new Date(spec.dueAt) : days === null ? null : dueAt(calendar, change.at, days),
        };
      }),
    );
  }
}

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
  const a = rows.map((r) => audienceColumns(r.spec.audience));
  await db.query(
    `INSERT INTO work_items (subject_kind, subject_id, subject_reference, subject_title, subject_state, step,
            next_steps, audience_role, audience_path, audience_exact, excluded_user_ids, audience_organisation_id,
            audience_user_id, entered_at, due_at, limit_working_days)
     SELECT $1, v.subject_id, v.reference, v.title, v.state, v.step, string_to_array(v.next_steps, ','), v.role,
            v.path, v.exact, string_to_array(v.excluded, ',')::uuid[], v.organisation_id, v.user_id, v.entered_at,
            v.due_at, v.days
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::boolean[], $11::text[], $12::uuid[], $13::uuid[], $14::timestamptz[], $15::timestamptz[],
                   $16::int[])
         AS v(subject_id, reference, title, state, step, next_steps, role, path, exact, excluded, organisation_id,
              user_id, entered_at, due_at, days)`,
    [
      subjectKind,
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
    ],
  );
}

/** An open item's identity within its subject: step and audience (the same key in SQL and in TypeScript). */
const KEY_SQL = `concat_ws('|', step, coalesce(audience_role, ''), coalesce(audience_path, ''), audience_exact::text,
  array_to_string(excluded_user_ids, ','), coalesce(audience_organisation_id::text, ''), coalesce(audience_user_id::text, ''))`;

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
