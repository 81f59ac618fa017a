/**
 * The Chinese names the exports write for the codes in the data (the same words as the console's dictionary,
 * apps/web/src/i18n/dictionary.ts, and DOMAIN.md). A code without a name is written as it is.
 */
export const STATE_LABELS: Readonly<Record<string, string>> = {
  draft: '草稿',
  preliminary_review: '初审',
  revision_requested: '退回补正',
  recheck: '复核',
  acceptance: '验收',
  public_notice: '公示',
  notice_closed: '公示期满',
  designated: '认定',
  rejected: '不予认定',
  withdrawn: '撤回',
  revoked: '撤销',
  lapsed: '逾期未补正',
  expired: '有效期届满',
};

export const EVENT_NAMES: Readonly<Record<string, string>> = {
  CREATE: '创建申请',
  UPDATE_MATERIALS: '更新材料',
  SUBMIT: '提交申请',
  REQUEST_REVISION: '退回补正',
  RESUBMIT: '重新提交',
  PASS_PRELIMINARY: '初审通过',
  PASS_RECHECK: '复核通过',
  ASSIGN_EVALUATOR: '指派评审专家',
  DECLARE_CONFLICT: '申明利益冲突（回避）',
  SUBMIT_SCORE: '提交评分',
  OPEN_PUBLIC_NOTICE: '开始公示',
  FILE_OBJECTION: '提出异议',
  RULE_OBJECTION: '异议裁定',
  CLOSE_NOTICE: '公示期满',
  DESIGNATE: '认定',
  REJECT: '不予认定',
  WITHDRAW: '撤回申请',
  REVOKE: '撤销认定',
  LAPSE: '逾期未补正',
  EXPIRE: '有效期届满',
  ENTITLE: '生成资助',
  VERIFY: '资助经办',
  APPROVE: '资助审批',
  START_PAYMENT: '发起支付',
  PAYMENT_SUCCEEDED: '支付成功',
  PAYMENT_FAILED: '支付失败',
  RETRY: '重新支付',
  CANCEL: '取消资助',
  PAYEE_CHANGED: '收款账户变更',
};

/** The step a to-do item waits for: an application state, or one of these. */
export const TODO_STEP_LABELS: Readonly<Record<string, string>> = {
  ...STATE_LABELS,
  'acceptance.score': '专家评分',
  'disbursement.verify': '资助经办',
  'disbursement.approve': '资助审批',
  'disbursement.failed': '支付失败处理',
  invitation: '评审邀请',
};

/** What a to-do or done item is about. */
export const SUBJECT_KIND_LABELS: Readonly<Record<string, string>> = {
  application: '申请',
  disbursement: '资助拨付',
  invitation: '评审邀请',
};

export const UNIT_KIND_LABELS: Readonly<Record<string, string>> = {
  enterprise: '示范企业',
  point: '示范点',
  station: '示范站',
  base: '示范基地',
  pilot_region: '创新试点地区',
};

export const LEVEL_LABELS: Readonly<Record<string, string>> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  district: '区县级',
};

export const DISBURSEMENT_STATE_LABELS: Readonly<Record<string, string>> = {
  pending_approval: '待经办',
  verified: '待审批',
  approved: '已审批',
  paying: '支付中',
  paid: '已支付',
  failed: '支付失败',
  cancelled: '已取消',
};

/** Why a payment waits for finance (the stuck and failed payments). */
export const STUCK_CAUSE_LABELS: Readonly<Record<string, string>> = {
  not_started: '已审批，未发起支付',
  no_bank_answer: '支付中，未收到银行结果',
  retry_overdue: '支付失败，自动重试未执行',
  waiting_for_finance: '支付失败，待财务处理',
};

export const ORGANISATION_KIND_LABELS: Readonly<Record<string, string>> = {
  enterprise: '企业',
  park: '园区',
  association: '行业协会',
  government: '政府部门',
};

export const VERIFICATION_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: '待认证',
  verified: '已认证',
  refused: '认证未通过',
};

/** The directory's risk tiers (分级管理). */
export const RISK_TIER_LABELS: Readonly<Record<string, string>> = {
  high: '高风险',
  medium: '中风险',
  low: '低风险',
};

/** A pilot region's semi-annual progress report (libs/domain/src/pilot.util.ts pilotReportStatus). */
export const PILOT_REPORT_STATUS_LABELS: Readonly<Record<string, string>> = {
  submitted: '已按时报送',
  late: '逾期报送',
  missing: '未报送（已逾期）',
  pending: '未到期',
};

/** The Chinese name of a code, or the code itself when it has none (and '' for nothing). */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return labels[code] ?? code;
}
