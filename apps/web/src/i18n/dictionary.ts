// Every domain term the console shows, in Chinese (DOMAIN.md's vocabulary exactly) and English: states, events,
// unit kinds, levels, roles, organisation kinds, verification and payment states. One table per kind; the
// console never shows a raw code where a term exists.
export type Lang = 'zh' | 'en';
type Terms = Record<string, [zh: string, en: string]>;

export const APPLICATION_STATES: Terms = {
  draft: ['草稿', 'Draft'],
  preliminary_review: ['初审', 'Preliminary review'],
  revision_requested: ['退回补正', 'Returned for revision'],
  recheck: ['复核', 'Re-check'],
  acceptance: ['验收', 'Acceptance'],
  public_notice: ['公示', 'Public notice'],
  notice_closed: ['公示期满', 'Notice closed'],
  designated: ['认定', 'Designated'],
  rejected: ['不予认定', 'Rejected'],
  withdrawn: ['撤回', 'Withdrawn'],
  revoked: ['撤销', 'Revoked'],
  lapsed: ['逾期未补正', 'Lapsed'],
  expired: ['有效期届满', 'Expired'],
};

export const APPLICATION_EVENTS: Terms = {
  CREATE: ['创建申请', 'Created'],
  RECOMMENDED_UPWARD: ['推荐上报', 'Recommended upward'],
  UPDATE_MATERIALS: ['更新材料', 'Materials updated'],
  SUBMIT: ['提交申请', 'Submit'],
  REQUEST_REVISION: ['退回补正', 'Return for revision'],
  RESUBMIT: ['重新提交', 'Resubmit'],
  PASS_PRELIMINARY: ['初审通过', 'Pass preliminary review'],
  PASS_RECHECK: ['复核通过', 'Pass re-check'],
  ASSIGN_EVALUATOR: ['指派评审专家', 'Assign evaluator'],
  DECLARE_CONFLICT: ['申明利益冲突（回避）', 'Declare conflict'],
  SUBMIT_SCORE: ['提交评分', 'Submit score'],
  OPEN_PUBLIC_NOTICE: ['开始公示', 'Open public notice'],
  FILE_OBJECTION: ['提出异议', 'Objection filed'],
  RULE_OBJECTION: ['异议裁定', 'Rule on objection'],
  CLOSE_NOTICE: ['公示期满', 'Close notice'],
  DESIGNATE: ['认定', 'Designate'],
  REJECT: ['不予认定', 'Reject'],
  WITHDRAW: ['撤回申请', 'Withdraw'],
  REVOKE: ['撤销认定', 'Revoke'],
  LAPSE: ['逾期未补正', 'Lapse'],
  EXPIRE: ['有效期届满', 'Expire'],
  MIGRATE_MACHINE: ['迁移至新流程版本', 'Moved to another machine version'],
};

/** The step a to-do item waits for (GET /me/todo `step`): an application state, or one of these. */
export const TODO_STEPS: Terms = {
  ...APPLICATION_STATES,
  'acceptance.score': ['专家评分', 'Scoring'],
  'disbursement.verify': ['资助经办', 'Verify the disbursement'],
  'disbursement.approve': ['资助审批', 'Approve the disbursement'],
  'disbursement.failed': ['支付失败处理', 'Failed payment'],
  invitation: ['评审邀请', 'Panel invitation'],
};

/** Kinds of notification (NotificationKind). */
export const NOTIFICATION_KINDS: Terms = {
  'application.decision': ['申请进展与决定', 'Application decisions'],
  'application.to-review': ['待审核申请', 'Applications to review'],
  'objection.filed': ['收到异议', 'Objection filed'],
  'objection.receipt': ['异议回执', 'Objection receipt'],
  'evaluator.invited': ['评审邀请', 'Panel invitation'],
  'evaluator.to-replace': ['待替换的评审专家', 'Evaluator to replace'],
  'payment.decision-needed': ['待处理资助', 'Payment decision needed'],
  'payment.update': ['资助支付进展', 'Payment update'],
  'deadline.reminder': ['办理期限提醒', 'Deadline reminder'],
  'deadline.escalation': ['逾期督办', 'Overdue escalation'],
  'pilot-report.reminder': ['试点进展报告到期提醒', 'Pilot progress report due'],
  'pilot-report.overdue': ['试点进展报告逾期', 'Pilot progress report overdue'],
};

/** Expert fields (ExpertField). */
export const EXPERT_FIELDS: Terms = {
  medicine: ['医药', 'Medicine'],
  machinery: ['机械', 'Machinery'],
  computing: ['计算机', 'Computing'],
  design: ['设计', 'Design'],
  biotechnology: ['生物技术', 'Biotechnology'],
  new_materials: ['新材料', 'New materials'],
  chemicals: ['化工', 'Chemicals'],
  electronics: ['电子', 'Electronics'],
  law: ['法律', 'Law'],
  intellectual_property: ['知识产权', 'Intellectual property'],
  finance_audit: ['财务审计', 'Finance and audit'],
  management: ['管理', 'Management'],
};

export const UNIT_KINDS: Terms = {
  enterprise: ['示范企业', 'Demonstration enterprise'],
  point: ['示范点', 'Demonstration point'],
  station: ['示范站', 'Demonstration station'],
  base: ['示范基地', 'Demonstration base'],
  pilot_region: ['创新试点地区', 'Pilot region'],
  liaison_point: ['联络点', 'Liaison point'],
};

export const LEVELS: Terms = {
  national: ['国家级', 'National'],
  province: ['省级', 'Provincial'],
  city: ['市级', 'City'],
  district: ['区县级', 'District'],
};

export const ROLES: Terms = {
  applicant: ['申报单位', 'Applicant'],
  regulator: ['监管部门审核员', 'Regulator'],
  evaluator: ['评审专家', 'Evaluator'],
  finance: ['财务人员', 'Finance officer'],
  admin: ['系统管理员', 'Administrator'],
  public: ['社会公众', 'Public'],
  system: ['系统', 'System'],
};

export const ORGANISATION_KINDS: Terms = {
  enterprise: ['企业', 'Enterprise'],
  park: ['园区', 'Park'],
  association: ['行业协会', 'Association'],
  government: ['政府部门', 'Government'],
};

export const VERIFICATION_STATUSES: Terms = {
  pending: ['待认证', 'Pending'],
  verified: ['已认证', 'Verified'],
  refused: ['认证未通过', 'Refused'],
};

export const DISBURSEMENT_STATES: Terms = {
  pending_approval: ['待经办', 'Awaiting check'],
  verified: ['待审批', 'Awaiting approval'],
  approved: ['已审批', 'Approved'],
  paying: ['支付中', 'Paying'],
  paid: ['已支付', 'Paid'],
  failed: ['支付失败', 'Failed'],
  cancelled: ['已取消', 'Cancelled'],
};

/** Steps of a disbursement's history (DisbursementEventType, and ENTITLE: made at designation). */
export const DISBURSEMENT_EVENTS: Terms = {
  ENTITLE: ['生成资助（认定后）', 'Entitled (at designation)'],
  VERIFY: ['经办', 'Verified'],
  APPROVE: ['审批', 'Approved'],
  START_PAYMENT: ['发起支付', 'Payment started'],
  PAYMENT_SUCCEEDED: ['支付成功', 'Paid'],
  PAYMENT_FAILED: ['支付失败', 'Payment failed'],
  RETRY: ['重新发起', 'Retried'],
  CANCEL: ['取消', 'Cancelled'],
  PAYEE_CHANGED: ['收款账户变更', 'Payee changed'],
};

/** Subsidy policy statuses and the steps of its history (four eyes: one proposes, another approves). */
export const POLICY_STATUSES: Terms = {
  pending: ['待审批', 'Awaiting approval'],
  active: ['生效', 'Active'],
  rejected: ['已驳回', 'Rejected'],
};
/** Why a payment waits for finance (StuckPaymentView.causeCode). */
export const STUCK_CAUSES: Terms = {
  not_started: ['已审批，未发起支付', 'Approved, payment never started'],
  no_bank_answer: ['支付中，未收到银行结果', 'Paying, no answer from the bank'],
  retry_overdue: ['支付失败，自动重试未执行', 'Failed, the automatic retry is overdue'],
  waiting_for_finance: ['支付失败，待财务处理', 'Failed, waiting for finance'],
};

export const POLICY_EVENTS: Terms = {
  PROPOSE: ['提出', 'Proposed'],
  APPROVE: ['审批通过', 'Approved'],
  REJECT: ['驳回', 'Rejected'],
};

export const MATERIALS: Terms = {
  application_form: ['申请表', 'Application form'],
  protection_system: ['商业秘密保护制度', 'Protection system'],
  training_records: ['培训记录', 'Training records'],
  self_assessment: ['自评报告', 'Self-assessment'],
};

/** The term for a code in the language, or the code itself when the table has none. */
export function term(table: Terms, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const t = table[code];
  return t ? t[lang === 'zh' ? 0 : 1] : code;
}

/** Risk tiers of the directory's tiered management (分级管理). */
export const RISK_TIERS: Terms = {
  high: ['高风险', 'High risk'],
  medium: ['中风险', 'Medium risk'],
  low: ['低风险', 'Low risk'],
};

/** Where a city's directory report of a period stands. */
export const REPORT_STATUSES: Terms = {
  open: ['待报送', 'Not yet due'],
  submitted: ['已按时报送', 'Submitted on time'],
  submitted_late: ['逾期报送', 'Submitted late'],
  overdue: ['逾期未报', 'Overdue'],
};
