import { TodoQueries } from '@app/worklist';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Audience } from './notification-rules.util';

/** One piece of work someone must do by a due instant. */
export interface DueItem {
  /** stable per item, e.g. `work-item.<id>`: reminded and escalated once each */
  key: string;
  subjectType: 'application' | 'disbursement' | 'directory-report' | 'pilot-report';
  subjectId: string;
  /** the console's path of the subject */
  link: string;
  reference: string;
  title: string;
  /** what must be done, in Chinese, e.g. 作出认定决定 */
  action: string;
  dueAt: Date;
  /** who is reminded: whoever the item waits on */
  remind: Audience;
  /** the jurisdiction that has the item (named in the escalation) */
  holderJurisdictionCode: string;
  /** the jurisdiction whose regulators hear of it once overdue (null: nobody above, or the item ends by itself) */
  supervisorJurisdictionCode: string | null;
}

/**
 * The port the reminder sweeper reads: the open items due before `soon` (reminders) or overdue at `now`
 * (escalations), each only until `noted` records it was reminded or escalated, in the notification's transaction.
 * `open` may answer a page of them (the oldest due first): the sweeper asks again until nothing new comes.
 */
export interface DueItemsSource {
  open(now: Date, soon: Date): Promise<DueItem[]>;
  noted(tx: EntityManager, item: DueItem, what: 'reminded' | 'escalated', at: Date): Promise<void>;
}

export const DUE_ITEMS_SOURCES = Symbol('DUE_ITEMS_SOURCES');

/** What must be done at each work item's step, in Chinese (the reminder says "请于…前<action>"). */
const ACTIONS: Readonly<Record<string, string>> = {
  draft: '提交申请',
  revision_requested: '补正材料并重新提交',
  preliminary_review: '完成初审',
  recheck: '完成复核',
  acceptance: '组织验收评审并作出验收结论',
  'acceptance.score': '提交验收评分',
  public_notice: '裁决公示期异议',
  notice_closed: '作出认定决定',
  invitation: '答复验收评审邀请',
  'disbursement.verify': '核对补贴拨付',
  'disbursement.approve': '审批补贴拨付',
  'disbursement.failed': '处理支付失败的补贴拨付',
};

interface Row {
  id: string;
  subject_kind: string;
  subject_id: string;
  subject_reference: string;
  subject_title: string;
  step: string;
  due_at: Date;
  audience_role: string | null;
  audience_path: string | null;
  audience_organisation_id: string | null;
  audience_user_id: string | null;
  excluded_user_ids: string[];
  /** the application the item belongs to (itself, an invitation's, a disbursement's) */
  application_id: string;
  application_jurisdiction: string;
  holder_parent: string | null;
  application_parent: string | null;
}

/**
 * The to-do list's work items as due items (TodoQueries.dueBetween and overdueNotEscalated over work_items): a
 * reminder goes to whoever the item waits on (the role at the bureau of its scope less the users four eyes keep off
 * it, the organisation, the user), once
 * (reminded_at); an overdue item is escalated once (escalated_at) to the regulators of the parent of the bureau that
 * has it; an item of an organisation or a user (an applicant's revision, an evaluator's scores) to the regulators of
 * the application's bureau, who run that step. An invitation is not escalated: at its deadline it expires and the
 * inviting regulator hears of it to replace the evaluator.
 */
@Injectable()
export class WorkItemsDueItems implements DueItemsSource {
  /** items per `open` (of each of the two kinds): the sweeper pages through any number */
  pageSize = 500;

  constructor(
    private readonly db: DataSource,
    private readonly todo: TodoQueries,
  ) {}

  async open(now: Date, soon: Date): Promise<DueItem[]> {
    const [due, overdue] = await Promise.all([
      this.todo.dueBetween(now, soon, this.pageSize),
      this.todo.overdueNotEscalated(now, this.pageSize),
    ]);
    const ids = [...due.map((d) => d.id), ...overdue.map((d) => d.id)];
    if (ids.length === 0) return [];
    const rows: Row[] = await this.db.query(
      `SELECT w.id, w.subject_kind, w.subject_id, w.subject_reference, w.subject_title, w.step, w.due_at,
              w.audience_role, w.audience_path, w.audience_organisation_id, w.audience_user_id, w.excluded_user_ids,
              a.id AS application_id, a.jurisdiction_code AS application_jurisdiction,
              hj.parent_code AS holder_parent, aj.parent_code AS application_parent
         FROM work_items w
         LEFT JOIN evaluator_invitations i ON w.subject_kind = 'invitation' AND i.id = w.subject_id
         LEFT JOIN disbursements d ON w.subject_kind = 'disbursement' AND d.id = w.subject_id
         JOIN applications a ON a.id = coalesce(i.application_id, d.application_id, w.subject_id)
         JOIN jurisdictions aj ON aj.code = a.jurisdiction_code
         LEFT JOIN jurisdictions hj ON hj.path = w.audience_path
        WHERE w.id = ANY($1::uuid[]) AND w.done_at IS NULL
          AND (w.due_at <= $2 OR w.reminded_at IS NULL)
        ORDER BY w.due_at`,
      [ids, now],
    );
    return rows.map((r) => this.item(r));
  }

  async noted(tx: EntityManager, item: DueItem, what: 'reminded' | 'escalated', at: Date): Promise<void> {
    await tx.query(`UPDATE work_items SET ${what === 'reminded' ? 'reminded_at' : 'escalated_at'} = $2 WHERE id = $1`, [
      item.key.slice('work-item.'.length),
      at,
    ]);
  }

  private item(r: Row): DueItem {
    const holder = r.audience_path ? lastCode(r.audience_path) : r.application_jurisdiction;
    const remind: Audience = r.audience_user_id
      ? { type: 'user', userId: r.audience_user_id }
      : r.audience_organisation_id
        ? { type: 'organisation', organisationId: r.audience_organisation_id }
        : r.audience_role === 'finance'
          ? { type: 'finance', jurisdictionCode: holder, except: r.excluded_user_ids }
          : { type: 'regulators', jurisdictionCode: holder, except: r.excluded_user_ids };
    const supervisor =
      r.subject_kind === 'invitation' ? null : r.audience_path ? r.holder_parent : r.application_jurisdiction; // an organisation's or a user's item: the bureau that runs the step
    const disbursement = r.subject_kind === 'disbursement';
    return {
      key: `work-item.${r.id}`,
      subjectType: disbursement ? 'disbursement' : 'application',
      subjectId: disbursement ? r.subject_id : r.application_id,
      link:
        r.subject_kind === 'invitation'
          ? `/evaluator-invitations/${r.subject_id}`
          : disbursement
            ? `/finance/disbursements/${r.subject_id}`
            : `/applications/${r.application_id}`,
      reference: r.subject_reference,
      title: r.subject_title,
      action: ACTIONS[r.step] ?? '处理',
      dueAt: new Date(r.due_at),
      remind,
      holderJurisdictionCode: holder,
      supervisorJurisdictionCode: supervisor,
    };
  }
}

/** The jurisdiction code a path ends with (`/CN/370000/370200/` → 370200). */
function lastCode(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1];
}
