import { AccountRole, JurisdictionLevel, Role, Rubric, UnitKind, usccCheckCharacter } from '@app/domain';
import { OrganisationKind } from '@app/identity';

/** The demo data set: real GB/T 2260 codes, the Qingdao FTZ and Hunan's three FTZ areas, one user of every role. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_JURISDICTIONS: {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parent: string | null;
  ftz?: boolean;
}[] = [
  { code: 'CN', name: '国家市场监督管理总局', level: JurisdictionLevel.National, parent: null },
  { code: '370000', name: '山东省', level: JurisdictionLevel.Province, parent: 'CN' },
  { code: '370200', name: '青岛市', level: JurisdictionLevel.City, parent: '370000' },
  { code: '370211', name: '黄岛区', level: JurisdictionLevel.District, parent: '370200' },
  {
    code: '370211-FTZ',
    name: '中国（山东）自由贸易试验区青岛片区',
    level: JurisdictionLevel.District,
    parent: '370211',
    ftz: true,
  },
  { code: '430000', name: '湖南省', level: JurisdictionLevel.Province, parent: 'CN' },
  { code: '430100', name: '长沙市', level: JurisdictionLevel.City, parent: '430000' },
  { code: '430600', name: '岳阳市', level: JurisdictionLevel.City, parent: '430000' },
  { code: '431000', name: '郴州市', level: JurisdictionLevel.City, parent: '430000' },
  {
    code: '430100-FTZ',
    name: '中国（湖南）自由贸易试验区长沙片区',
    level: JurisdictionLevel.District,
    parent: '430100',
    ftz: true,
  },
  {
    code: '430600-FTZ',
    name: '中国（湖南）自由贸易试验区岳阳片区',
    level: JurisdictionLevel.District,
    parent: '430600',
    ftz: true,
  },
  {
    code: '431000-FTZ',
    name: '中国（湖南）自由贸易试验区郴州片区',
    level: JurisdictionLevel.District,
    parent: '431000',
    ftz: true,
  },
];

/** 18-character credit code with a computed check character: 9 (industry & commerce) 1 (enterprise) + division + org code. */
const uscc = (division: string, org: string) => {
  const first17 = `91${division}${org}`;
  return first17 + usccCheckCharacter(first17);
};

export const DEMO_ORGANISATIONS = [
  {
    key: 'qd',
    creditCode: uscc('370211', 'MA3C8K1X5'),
    name: '青岛海湾精密机械有限公司',
    kind: OrganisationKind.Enterprise,
    jurisdiction: '370211-FTZ',
    bank: { bankName: '中国工商银行青岛黄岛支行', accountNumber: '3803020109200123456', branchCode: '102452000018' },
  },
  {
    key: 'qd2',
    creditCode: uscc('370211', 'MA7D2P4Q1'),
    name: '青岛前湾智能装备股份有限公司',
    kind: OrganisationKind.Enterprise,
    jurisdiction: '370211-FTZ',
    bank: { bankName: '中国建设银行青岛黄岛支行', accountNumber: '37150198551000000789', branchCode: null },
  },
  {
    key: 'cs',
    creditCode: uscc('430100', 'MA4L9R2T6'),
    name: '长沙湘江新材料科技有限公司',
    kind: OrganisationKind.Enterprise,
    jurisdiction: '430100-FTZ',
    bank: null,
  },
] as const;

/** The Qingdao FTZ grant (seed 003): one-time 50,000 yuan per district-level unit; the budget covers the quota. */
export const DEMO_SUBSIDY_POLICIES = [
  {
    programme: 'QDFTZ-2026',
    name: '区级商业秘密保护示范单位一次性奖补',
    amountFen: 5_000_000,
    budgetFen: 50_000_000,
    purpose: '软硬件升级改造和学习培训费用支持',
    // 经办 and 审批: two finance officers of the paying bureau
    proposedBy: 'qd-finance',
    approvedBy: 'qd-finance-2',
  },
] as const;

export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: AccountRole;
  jurisdiction?: string;
  org?: string;
}[] = [
  { username: 'qd-applicant', displayName: '青岛海湾精密机械 申报专员', role: Role.Applicant, org: 'qd' },
  { username: 'qd-applicant-2', displayName: '青岛前湾智能装备 申报专员', role: Role.Applicant, org: 'qd2' },
  {
    username: 'qd-regulator',
    displayName: '青岛自贸片区市场监管部门 审核员',
    role: Role.Regulator,
    jurisdiction: '370211-FTZ',
  },
  {
    username: 'qd-regulator-2',
    displayName: '青岛自贸片区市场监管部门 复核员',
    role: Role.Regulator,
    jurisdiction: '370211-FTZ',
  },
  { username: 'qd-evaluator-1', displayName: '评审专家 王', role: Role.Evaluator, jurisdiction: '370200' },
  { username: 'qd-evaluator-2', displayName: '评审专家 李', role: Role.Evaluator, jurisdiction: '370200' },
  { username: 'qd-evaluator-3', displayName: '评审专家 张', role: Role.Evaluator, jurisdiction: '370200' },
  { username: 'qd-evaluator-4', displayName: '评审专家 赵', role: Role.Evaluator, jurisdiction: '370200' },
  { username: 'qd-evaluator-5', displayName: '评审专家 孙', role: Role.Evaluator, jurisdiction: '370200' },
  { username: 'qd-evaluator-6', displayName: '评审专家 周', role: Role.Evaluator, jurisdiction: '370200' },
  { username: 'qd-finance', displayName: '青岛自贸片区 财务', role: Role.Finance, jurisdiction: '370211-FTZ' },
  { username: 'qd-finance-2', displayName: '青岛自贸片区 财务复核', role: Role.Finance, jurisdiction: '370211-FTZ' },
  { username: 'cs-applicant', displayName: '长沙湘江新材料 申报专员', role: Role.Applicant, org: 'cs' },
  {
    username: 'cs-regulator',
    displayName: '长沙片区市场监管局 审核员',
    role: Role.Regulator,
    jurisdiction: '430100-FTZ',
  },
  {
    username: 'cs-regulator-2',
    displayName: '长沙片区市场监管局 复核员',
    role: Role.Regulator,
    jurisdiction: '430100-FTZ',
  },
  { username: 'hn-regulator', displayName: '湖南省市场监管局 审核员', role: Role.Regulator, jurisdiction: '430000' },
  { username: 'hn-regulator-2', displayName: '湖南省市场监管局 复核员', role: Role.Regulator, jurisdiction: '430000' },
  { username: 'cs-evaluator', displayName: '评审专家 刘', role: Role.Evaluator, jurisdiction: '430000' },
  { username: 'cs-finance', displayName: '长沙片区 财务', role: Role.Finance, jurisdiction: '430100-FTZ' },
  { username: 'cs-finance-2', displayName: '长沙片区 财务复核', role: Role.Finance, jurisdiction: '430100-FTZ' },
  { username: 'admin', displayName: '系统管理员', role: Role.Admin, jurisdiction: 'CN' },
];

/**
 * The demo expert pool's profiles (专家库): fields of expertise and employers, so a demo can draw. qd-evaluator-5 is
 * employed by 青岛海湾精密机械 (qd-applicant's organisation): the same-organisation avoidance rule never draws them
 * for its applications; cs-evaluator has declared a standing conflict with 长沙湘江新材料.
 */
export const DEMO_EXPERT_PROFILES: {
  username: string;
  fields: string[];
  employerName: string;
  /** an organisation of the demo set (its credit code), or an outside employer's code */
  employer: (typeof DEMO_ORGANISATIONS)[number]['key'] | string;
  conflictsWith?: (typeof DEMO_ORGANISATIONS)[number]['key'][];
}[] = [
  {
    username: 'qd-evaluator-1',
    fields: ['machinery', 'intellectual_property'],
    employerName: '青岛大学',
    employer: uscc('370202', '425000001'),
  },
  {
    username: 'qd-evaluator-2',
    fields: ['computing', 'law'],
    employerName: '山东恒信律师事务所',
    employer: uscc('370202', 'MA1K0L3N2'),
  },
  {
    username: 'qd-evaluator-3',
    fields: ['design', 'machinery'],
    employerName: '青岛科技大学',
    employer: uscc('370203', '425000002'),
  },
  {
    username: 'qd-evaluator-4',
    fields: ['biotechnology', 'medicine'],
    employerName: '青岛市知识产权保护中心',
    employer: uscc('370200', 'MB1234567'),
  },
  {
    username: 'qd-evaluator-5',
    fields: ['machinery', 'new_materials'],
    employerName: '青岛海湾精密机械有限公司',
    employer: 'qd',
  },
  {
    username: 'qd-evaluator-6',
    fields: ['intellectual_property', 'management'],
    employerName: '青岛市商业秘密保护协会',
    employer: uscc('370202', 'MJ0000001'),
  },
  {
    username: 'cs-evaluator',
    fields: ['new_materials', 'chemicals'],
    employerName: '中南大学',
    employer: uscc('430100', '444000001'),
    conflictsWith: ['cs'],
  },
];

/** The three dimensions of the Qingdao evaluation (制度完善, 人员认知, 创建效果); weights and pass mark are the programme's. */
export const QINGDAO_RUBRIC: Rubric = {
  passMark: 70,
  dimensions: [
    { key: 'system_completeness', name: '制度完善', weight: 40, maxScore: 100 },
    { key: 'staff_awareness', name: '人员认知', weight: 30, maxScore: 100 },
    { key: 'results', name: '创建效果', weight: 30, maxScore: 100 },
  ],
};

export const REQUIRED_MATERIALS = ['application_form', 'protection_system', 'training_records', 'self_assessment'];

export const DEMO_PROGRAMMES = [
  {
    code: 'QDFTZ-2026',
    name: '青岛自贸片区2026年区级商业秘密保护示范单位认定',
    jurisdiction: '370211-FTZ',
    unitKind: UnitKind.Point,
    level: JurisdictionLevel.District,
    year: 2026,
    panelSize: 3,
    noticeWorkingDays: 5,
    quota: 10,
    validityYears: 3,
  },
  {
    code: 'HNFTZ-CS-2026',
    name: '湖南自贸试验区长沙片区2026年商业秘密保护示范企业',
    jurisdiction: '430100-FTZ',
    unitKind: UnitKind.Enterprise,
    level: JurisdictionLevel.Province,
    year: 2026,
    panelSize: 1,
    noticeWorkingDays: 5,
    quota: 2,
    validityYears: 3,
  },
  {
    code: 'HN-STATION-2026',
    name: '湖南省2026年商业秘密保护示范站',
    jurisdiction: '430000',
    unitKind: UnitKind.Station,
    level: JurisdictionLevel.Province,
    year: 2026,
    panelSize: 1,
    noticeWorkingDays: 5,
    quota: null,
    validityYears: 3,
  },
] as const;

export const DEMO_MATERIALS = REQUIRED_MATERIALS.map((key) => ({
  key,
  title: {
    application_form: '申报表',
    protection_system: '商业秘密保护制度汇编',
    training_records: '培训记录',
    self_assessment: '自评报告',
  }[key]!,
  reference: `demo://materials/${key}.pdf`,
}));
