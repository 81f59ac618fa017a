/** The kinds of notification; a user turns e-mail on or off per kind (in-app is always on). */
export enum NotificationKind {
  /** the applicant: every decision on their application (passed a step, returned, on notice, designated, ...) */
  ApplicationDecision = 'application.decision',
  /** regulators of the jurisdiction that must act: a new or resubmitted application, a notice ended, a withdrawal */
  ApplicationToReview = 'application.to-review',
  /** regulators: an objection was filed during a public notice */
  ObjectionFiled = 'objection.filed',
  /** the objector (outside address only): a receipt of the objection */
  ObjectionReceipt = 'objection.receipt',
  /** an evaluator: invited to (assigned to) an application's panel */
  EvaluatorInvited = 'evaluator.invited',
  /** the regulator who invited an evaluator: the invitation was declined or expired, a replacement is needed */
  InvitationToReplace = 'evaluator.to-replace',
  /** finance of the paying bureau: a disbursement needs their verification or approval, or a payment failed */
  PaymentDecisionNeeded = 'payment.decision-needed',
  /** the applicant: their subsidy was paid or cancelled */
  PaymentUpdate = 'payment.update',
  /** whoever must act: a work item is due within a working day */
  DeadlineReminder = 'deadline.reminder',
  /** regulators of the supervising (parent) bureau: a work item is overdue */
  DeadlineEscalation = 'deadline.escalation',
  /** a pilot region's users: its semi-annual progress report is due within a few days */
  PilotReportReminder = 'pilot-report.reminder',
  /** a pilot region's users, and the regulators of its province and of the national office: a report is overdue */
  PilotReportOverdue = 'pilot-report.overdue',
  /** the enterprise's users: staff answered their request (诉求) or closed it with feedback */
  RequestFeedback = 'request.feedback',
}

/** The kinds a user can choose for, with their Chinese names and whether e-mail is on by default. */
export const USER_KINDS: readonly { kind: NotificationKind; label: string; emailByDefault: boolean }[] = [
  { kind: NotificationKind.ApplicationDecision, label: '申请进展与决定', emailByDefault: true },
  { kind: NotificationKind.ApplicationToReview, label: '待审核的申请', emailByDefault: true },
  { kind: NotificationKind.ObjectionFiled, label: '公示期异议', emailByDefault: true },
  { kind: NotificationKind.EvaluatorInvited, label: '评审邀请', emailByDefault: true },
  { kind: NotificationKind.InvitationToReplace, label: '待替换的评审专家', emailByDefault: true },
  { kind: NotificationKind.PaymentDecisionNeeded, label: '待处理的补贴拨付', emailByDefault: true },
  { kind: NotificationKind.PaymentUpdate, label: '补贴拨付进展', emailByDefault: true },
  { kind: NotificationKind.DeadlineReminder, label: '到期提醒', emailByDefault: true },
  { kind: NotificationKind.DeadlineEscalation, label: '逾期督办', emailByDefault: true },
  { kind: NotificationKind.PilotReportReminder, label: '试点进展报告到期提醒', emailByDefault: true },
  { kind: NotificationKind.PilotReportOverdue, label: '试点进展报告逾期', emailByDefault: true },
  { kind: NotificationKind.RequestFeedback, label: '诉求答复与办结反馈', emailByDefault: true },
];

export function isUserKind(kind: string): kind is NotificationKind {
  return USER_KINDS.some((k) => k.kind === kind);
}
