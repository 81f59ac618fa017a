import { NotificationKind } from './notification-kinds';

/**
 * What a template may show: only what every recipient of that kind may see. Never an objector's identity or
 * contact, never an evaluator's scores, never a bank account.
 */
export interface TemplateData {
  /** the application's reference, e.g. QDFTZ-2026-0001 (a request has none: empty) */
  reference: string;
  /** the application's title (a request's title) */
  title: string;
  /** the event (history row) it comes from, e.g. DESIGNATE */
  event?: string;
  /** the reason of a decision the recipient may read (a return, a rejection, a revocation) */
  reason?: string | null;
  /** an objection ruling: upheld or dismissed */
  decision?: 'upheld' | 'dismissed';
  /** the subsidy amount, in yuan as text (two decimals) */
  amountYuan?: string;
  /** a due instant (reminders and escalations) */
  dueAt?: Date;
  /** when the objection was filed (the objector's receipt), when the request was recorded */
  filedAt?: Date;
  /** what must be done by then, in Chinese (reminders and escalations) */
  action?: string;
  /** the jurisdiction that has the item (escalations) */
  jurisdictionName?: string;
  /** a pilot progress report's half-year, e.g. 2027-H1 */
  halfYear?: string;
  /** the absolute link to the subject in the console */
  url: string;
}

export interface RenderedNotification {
  /** the in-app title and the e-mail subject */
  subject: string;
  /** the in-app body and the e-mail text */
  text: string;
}

/** The Chinese names of the application events people hear of. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  SUBMIT: '已提交，进入初审',
  RESUBMIT: '补正后重新提交，进入初审',
  REQUEST_REVISION: '被退回补正',
  PASS_PRELIMINARY: '通过初审，进入复核',
  PASS_RECHECK: '通过复核，进入验收',
  OPEN_PUBLIC_NOTICE: '验收通过，进入公示',
  RULE_OBJECTION: '公示期异议已裁决',
  CLOSE_NOTICE: '公示期满，待作出认定决定',
  DESIGNATE: '已被认定为商业秘密保护示范单位',
  REJECT: '不予认定',
  WITHDRAW: '已撤回',
  REVOKE: '认定已被撤销',
  ENTITLE: '补贴拨付已生成，待经办核对',
  VERIFY: '补贴拨付已核对，待审批',
  RETRY: '补贴拨付退回审批',
  PAYMENT_FAILED: '补贴支付失败，待财务处理',
  PAYMENT_SUCCEEDED: '补贴已支付',
  CANCEL: '补贴拨付已取消',
  'evaluator.invitation_declined': '评审专家谢绝了验收评审邀请',
  'evaluator.invitation_expired': '评审专家逾期未答复验收评审邀请',
};

/** China time, minutes: 2026-12-08 17:30 */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const SIGNATURE = '\n\n此邮件由商业秘密保护示范单位认定系统自动发送，请勿直接回复。';

/** Subject and text of one notification, in Chinese, from the data its recipient may see. */
export function renderNotification(kind: NotificationKind, d: TemplateData): RenderedNotification {
  const subjectOf = `“${d.title}”（${d.reference}）`;
  const label = d.event ? (EVENT_LABELS[d.event] ?? d.event) : '';
  const reason = d.reason ? `\n理由：${d.reason}` : '';
  const link = `\n查看详情：${d.url}`;
  switch (kind) {
    case NotificationKind.ApplicationDecision: {
      const ruling =
        d.event === 'RULE_OBJECTION'
          ? `\n裁决结果：${d.decision === 'upheld' ? '异议成立，不予认定' : '异议不成立，认定程序继续'}`
          : '';
      return {
        subject: `【申请进展】${d.reference} ${label}`,
        text: `您单位的申请${subjectOf}${label}。${ruling}${reason}${link}`,
      };
    }
    case NotificationKind.ApplicationToReview:
      return {
        subject: `【待办】${d.reference} ${label}`,
        text: `申请${subjectOf}${label}，请及时处理。${reason}${link}`,
      };
    case NotificationKind.ObjectionFiled:
      return {
        subject: `【异议】${d.reference} 公示期收到异议`,
        text: `公示中的申请${subjectOf}收到一条异议，请及时核实并作出裁决。${link}`,
      };
    case NotificationKind.ObjectionReceipt:
      return {
        subject: `【异议回执】${d.reference} 您的异议已收到`,
        text: `您对公示中的申请${subjectOf}提出的异议已于${d.filedAt ? chinaTime(d.filedAt) : ''}收到，监管部门将依法核实处理。${link}`,
      };
    case NotificationKind.EvaluatorInvited:
      return {
        subject: `【评审邀请】${d.reference} 邀请您参加验收评审`,
        text: `您被邀请参加申请${subjectOf}的验收评审${d.dueAt ? `，请于${chinaTime(d.dueAt)}前答复是否接受` : ''}。如与申请单位存在利益冲突，请在评审前申明回避。${link}`,
      };
    case NotificationKind.InvitationToReplace:
      return {
        subject: `【待办】${d.reference} ${label}`,
        text: `申请${subjectOf}的${label}，请另行抽取或指定专家替换。${reason}${link}`,
      };
    case NotificationKind.PaymentDecisionNeeded:
      return {
        subject: `【待办】${d.reference} ${label}`,
        text: `申请${subjectOf}的补贴拨付（${d.amountYuan ?? ''}元）${label}，请及时处理。${reason}${link}`,
      };
    case NotificationKind.PaymentUpdate:
      return {
        subject: `【补贴拨付】${d.reference} ${label}`,
        text: `您单位申请${subjectOf}的补贴（${d.amountYuan ?? ''}元）${label}。${reason}${link}`,
      };
    case NotificationKind.DeadlineReminder:
      return {
        subject: `【到期提醒】${d.reference} 请于${d.dueAt ? chinaTime(d.dueAt) : ''}前${d.action ?? '处理'}`,
        text: `申请${subjectOf}需于${d.dueAt ? chinaTime(d.dueAt) : ''}前${d.action ?? '处理'}，距期限已不足一个工作日。${link}`,
      };
    case NotificationKind.DeadlineEscalation:
      return {
        subject: `【逾期督办】${d.reference} 已超过办理期限`,
        text: `${d.jurisdictionName ?? '下级单位'}办理的申请${subjectOf}应于${d.dueAt ? chinaTime(d.dueAt) : ''}前${d.action ?? '处理'}，现已逾期，请督促办理。${link}`,
      };
    case NotificationKind.PilotReportReminder:
      return {
        subject: `【到期提醒】${d.title} ${halfYearLabel(d.halfYear)}试点进展报告`,
        text: `创新试点地区${d.title}（${d.reference}）${halfYearLabel(d.halfYear)}的试点工作进展情况报告应于${d.dueAt ? chinaTime(d.dueAt) : ''}前报送市场监管总局和所在地省级市场监管部门，请按时提交。${link}`,
      };
    case NotificationKind.PilotReportOverdue:
      return {
        subject: `【逾期】${d.title} ${halfYearLabel(d.halfYear)}试点进展报告未按时报送`,
        text: `创新试点地区${d.title}（${d.reference}）${halfYearLabel(d.halfYear)}的试点工作进展情况报告应于${d.dueAt ? chinaTime(d.dueAt) : ''}前报送，现已逾期，请督促尽快报送。${link}`,
      };
    case NotificationKind.RequestFeedback: {
      // the bureau's answer is its own (staff only): the enterprise hears that it was answered, and reads the feedback
      const filed = d.filedAt ? `于${chinaTime(d.filedAt)}` : '';
      return d.event === 'close'
        ? {
            subject: `【诉求办结】${d.title}`,
            text: `您单位${filed}提出的诉求“${d.title}”已办结。${d.reason ? `\n办理反馈：${d.reason}` : ''}${link}`,
          }
        : {
            subject: `【诉求答复】${d.title}`,
            text: `您单位${filed}提出的诉求“${d.title}”已由监管部门受理答复，正在办理中，办结后可查看办理反馈。${link}`,
          };
    }
  }
}

/** 2027-H1 → 2027年上半年 */
export function halfYearLabel(half: string | undefined): string {
  const m = half ? /^(\d{4})-H([12])$/.exec(half) : null;
  return m ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : '';
}

/** The e-mail text: the notification's text and the system's signature. */
export function emailText(text: string): string {
  return text + SIGNATURE;
}
