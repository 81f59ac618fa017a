import { ApiError, asApiError } from '../api/api-error';
import { APPLICATION_EVENTS, type Lang, term } from '../i18n/dictionary';

/** Every error code the API answers (its DomainErrorCode and the filter's own), in Chinese and English. */
const MESSAGES: Record<string, [string, string]> = {
  VALIDATION_FAILED: ['填写的内容有误，请检查标出的字段', 'Some fields are not valid; check the marked fields'],
  NOT_FOUND: ['未找到该记录，或您无权查看', 'Not found, or not yours to see'],
  UNAUTHENTICATED: ['用户名或密码错误，或登录已过期，请重新登录', 'Wrong username or password, or the session expired'],
  FORBIDDEN: ['您的角色无权执行此操作', 'Your role may not do this'],
  EVENT_NOT_ALLOWED: ['当前状态下不能执行此操作', 'This step is not allowed in the current state'],
  GUARD_FAILED: ['条件未满足，暂不能执行此操作', 'A rule of the flow is not met yet'],
  VERSION_REQUIRED: ['缺少版本号，请刷新后重试', 'The version is missing; reload and try again'],
  VERSION_CONFLICT: ['该记录已被他人修改，请刷新后重试', 'Someone changed this meanwhile; reload and try again'],
  ALREADY_EXISTS: ['该记录已存在', 'It already exists'],
  BUDGET_EXCEEDED: ['超出预算，无法审批', 'Over the budget'],
  FOUR_EYES: [
    '须由另一名财务人员审批：经办与审批、提出与审批须由两名不同的财务人员完成',
    'Another officer must approve: verifying and approving, proposing and approving need two different officers',
  ],
  NOT_ELIGIBLE: ['不符合资格条件', 'Not eligible'],
  SERVICE_UNAVAILABLE: ['服务暂时不可用，请稍后重试', 'The service is unavailable for a moment; try again'],
  RATE_LIMITED: ['操作过于频繁，请稍后再试', 'Too many attempts; wait and try again'],
  PASSWORD_CHANGE_REQUIRED: ['首次登录须先修改密码', 'Change your one-time password first'],
  ORGANISATION_NOT_VERIFIED: [
    '单位尚未通过实名认证，通过后方可申报',
    'Your organisation is not verified yet; you may apply once it is',
  ],
  PAYLOAD_TOO_LARGE: ['文件过大，超过允许的大小', 'The file is larger than allowed'],
  UNSUPPORTED_MEDIA_TYPE: [
    '不支持的文件类型（仅限 PDF、OFD、Word、Excel、JPEG、PNG）',
    'Unsupported type (PDF, OFD, Word, Excel, JPEG or PNG only)',
  ],
  SAME_REVIEWER: ['复核须由另一名监管人员完成', 'The re-check must be done by a second regulator'],
  ORGANISATION_BARRED: ['该单位因被撤销认定，处于限制申报期内', 'The organisation is barred after a revocation'],
  PAYMENT_IN_FLIGHT: ['该笔支付正在处理中，请稍后再试', 'The payment is in flight; try again later'],
  FILE_UNAVAILABLE: ['文件暂时无法读取，已通知系统管理员', 'The file cannot be read now; the operators have been told'],
  QUOTA_EXHAUSTED: [
    '名额已用完；如需增加，须由上级监管部门登记追加名额',
    'The quota is used up; only the supervising bureau can record extra places',
  ],
  RECOMMENDATION_ONLY: ['该项目只接受下级监管部门推荐，不接受自行申报', 'The programme takes recommendations only'],
  CANDIDATE_LIMIT: ['推荐名单人数不符合项目的最少或最多名额', 'The candidate list is outside the minimum or maximum'],
  STATION_NOT_VALID: ['所依托的示范站已失效或被撤销，不能认定', 'A station the base is built on is no longer valid'],
  CALL_NOT_OPEN: ['该项目的申报尚未开始', 'The call has not opened yet'],
  CALL_CLOSED: ['该项目的申报已截止', 'The call has closed'],
  PILOT_NOT_RANKED: [
    '该试点申报尚未列入所在省份的择优上报名单，须待省级监管部门报送名单后方可开展国家级评估；未列入名单的只能不予认定',
    'The province has not ranked this pilot application yet; one left off its list can only be rejected',
  ],
  PILOT_LIST_REQUIRED: [
    '试点地区须以名单形式统一公示，请在“试点初审与择优上报”页面选择申报后一并公示',
    'Pilot regions go on notice together as a list (POST /programmes/:id/pilot-notice)',
  ],
  PILOT_LIST_SIZE: [
    '公示的试点地区数量须在最少认定数与名额之间',
    'The list must hold between the fewest regions and the quota',
  ],
  INTERNAL: ['系统内部错误，请将错误编号告知管理员', 'Internal error; quote the error id to the administrator'],
  NETWORK: ['无法连接服务器，请检查网络', 'Cannot reach the server'],
};

/** Field names the API names in `fields`, as people read them. */
const FIELD_LABELS: Record<string, [string, string]> = {
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  name: ['单位名称', 'Name'],
  creditCode: ['统一社会信用代码', 'Credit code'],
  kind: ['单位类型', 'Kind'],
  jurisdictionCode: ['所属辖区', 'Jurisdiction'],
  'contact.name': ['联系人', 'Contact name'],
  'contact.phone': ['联系电话', 'Contact phone'],
  'contact.email': ['电子邮箱', 'E-mail'],
  'user.username': ['用户名', 'Username'],
  'user.displayName': ['姓名', 'Display name'],
  'user.password': ['密码', 'Password'],
  reason: ['理由', 'Reason'],
  filerContact: ['联系方式', 'Contact'],
  filerName: ['姓名', 'Name'],
  filerOrganisation: ['单位', 'Organisation'],
  scores: ['评分', 'Scores'],
  title: ['申请名称', 'Title'],
  materials: ['申报材料', 'Materials'],
  programmeId: ['认定项目', 'Programme'],
  accountName: ['户名', 'Account name'],
  accountNumber: ['账号', 'Account number'],
  bankName: ['开户银行', 'Bank'],
  branchCode: ['联行号', 'Branch code'],
  version: ['版本号', 'Version'],
  evaluatorId: ['评审专家', 'Evaluator'],
  penaltyReference: ['行政处罚决定书文号', 'Penalty reference'],
  creditPublication: ['信用信息公示记录', 'Credit publication'],
  seats: ['抽取席位', 'Seats'],
  findings: ['检查发现', 'Findings'],
  outcome: ['检查结论', 'Outcome'],
  email: ['电子邮箱', 'E-mail'],
  file: ['上传的文件', 'File'],
  csv: ['对账单', 'Statement'],
  workingDays: ['工作日数', 'Working days'],
  days: ['天数', 'Days'],
  opensAt: ['申报开始时间', 'Call opens'],
  closesAt: ['申报截止时间', 'Call closes'],
  eligibleOrganisationKinds: ['可申报单位类型', 'Eligible organisations'],
  noticeWorkingDays: ['公示期', 'Notice length'],
  panelSize: ['评审组人数', 'Panel size'],
  rubric: ['评分标准', 'Rubric'],
  code: ['项目编号', 'Code'],
  year: ['年度', 'Year'],
  // the service month and the request ledger
  edition: ['届次', 'Edition'],
  periodFrom: ['统计期起', 'Period from'],
  periodTo: ['统计期止', 'Period to'],
  deadline: ['报送截止时间', 'Deadline'],
  copyFrom: ['沿用模板的届次', 'Template copied from'],
  heldOn: ['活动日期', 'Date'],
  enterprises: ['参与企业', 'Enterprises'],
  participants: ['参与人数', 'Participants'],
  quantity: ['数量', 'Items'],
  mediaLevel: ['媒体级别', 'Media level'],
  province: ['省份', 'Province'],
  assigneeId: ['承办人', 'Assignee'],
  answer: ['答复', 'Answer'],
  feedback: ['反馈', 'Feedback'],
  displayName: ['姓名', 'Name'],
  token: ['邀请码', 'Invitation token'],
  role: ['角色', 'Role'],
  amountFen: ['资助金额', 'Amount'],
  budgetFen: ['预算', 'Budget'],
  purpose: ['资金用途', 'Purpose'],
  source: ['来源', 'Source'],
};

/** Why an expert may not sit on a panel (the avoidance rules, 回避) and why none is left to draw. */
export const AVOIDANCE_RULES: Record<string, [string, string]> = {
  same_organisation: ['与申请单位同单位', 'same organisation as the applicant'],
  declared_conflict: ['申报过利益冲突', 'declared a standing conflict'],
  declined_for_conflict: ['曾因利益冲突回避', 'declined for a conflict before'],
  worked_with_applicant: ['近期曾评审该单位', 'recently on a panel of the applicant'],
  unavailable: ['暂不可用', 'unavailable'],
  already_invited: ['已被邀请', 'already invited'],
};
const ELIGIBILITY_RULES: Record<string, [string, string]> = {
  avoidance: ['该专家须回避', 'This expert must be avoided'],
  expert_pool: ['该专家不在本项目的专家库中', "This expert is not in the programme's pool"],
  pool_exhausted: ['专家库中已无可抽取的专家，请手动指定', 'No expert of the pool is left to draw; pick one by hand'],
};

export function fieldLabel(field: string, lang: Lang): string {
  const l = FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.').pop() ?? field];
  return l ? l[lang === 'zh' ? 0 : 1] : field;
}

/** What a person reads for an error: the code's sentence, plus what the answer names (fields, allowed steps). */
export function describeError(e: unknown, lang: Lang): { title: string; detail: string | null; errorId?: string } {
  const err: ApiError = asApiError(e);
  const zh = lang === 'zh';
  const known = MESSAGES[err.code];
  const title = known ? known[zh ? 0 : 1] : zh ? `操作失败（${err.code}）` : `Failed (${err.code})`;
  const parts: string[] = [];
  if (err.fields.length > 0) {
    parts.push((zh ? '有误的字段：' : 'Fields: ') + err.fields.map((f) => fieldLabel(f, lang)).join(zh ? '、' : ', '));
  }
  const allowed = err.details.allowedEvents;
  if (Array.isArray(allowed)) {
    const steps = allowed.map((a) => term(APPLICATION_EVENTS, String(a), lang)).join(zh ? '、' : ', ');
    parts.push((zh ? '当前可执行：' : 'Allowed now: ') + (steps || (zh ? '无' : 'none')));
  }
  const rule = typeof err.details.rule === 'string' ? ELIGIBILITY_RULES[err.details.rule] : undefined;
  if (rule) parts.push(rule[zh ? 0 : 1]);
  const rules = err.details.rules;
  if (Array.isArray(rules) && rules.length) {
    const why = rules.map((r) => (AVOIDANCE_RULES[String(r)] ?? [String(r), String(r)])[zh ? 0 : 1]);
    parts.push((zh ? '回避原因：' : 'Avoidance: ') + why.join(zh ? '、' : ', '));
  }
  if (err.code === 'RATE_LIMITED' && typeof err.details.retryAfterSeconds === 'number') {
    parts.push(zh ? `请 ${err.details.retryAfterSeconds} 秒后再试` : `Retry in ${err.details.retryAfterSeconds} s`);
  }
  if (err.code === 'CALL_NOT_OPEN' || err.code === 'CALL_CLOSED') {
    const at = (v: unknown) =>
      typeof v === 'string'
        ? new Date(new Date(v).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
        : '';
    parts.push(
      (zh ? '申报期（北京时间）：' : 'Call (China time): ') +
        `${at(err.details.opensAt)} — ${at(err.details.closesAt)}`,
    );
  }
  const errorId = typeof err.details.errorId === 'string' ? err.details.errorId : undefined;
  return { title, detail: parts.length ? parts.join('；') : null, errorId };
}

/** The API's fields as an Ant Design form's field errors, each in Chinese next to its field. */
export function fieldErrors(e: unknown, lang: Lang, known: string[]): { name: never; errors: string[] }[] {
  const err = asApiError(e);
  const zh = lang === 'zh';
  return err.fields
    .filter((f) => known.includes(f))
    .map((f) => ({
      name: f.split('.') as never, // a path of the form's own fields (filtered by `known`)
      errors: [
        f === 'creditCode' && err.code === 'ALREADY_EXISTS'
          ? zh
            ? '该统一社会信用代码已注册'
            : 'This credit code is already registered'
          : err.code === 'ALREADY_EXISTS'
            ? zh
              ? `${fieldLabel(f, lang)}已被使用`
              : `${fieldLabel(f, lang)} is taken`
            : zh
              ? `${fieldLabel(f, lang)}不符合要求`
              : `${fieldLabel(f, lang)} is not valid`,
      ],
    }));
}
