import type { SignedInUser } from '../auth/session';

/** One entry of the side menu: path, label in both languages, the roles that see it. */
export interface MenuEntry {
  path: string;
  zh: string;
  en: string;
  roles: SignedInUser['role'][];
}

/** The side menu by role. */
export const MENU: MenuEntry[] = [
  { path: '/todo', zh: '待办事项', en: 'To do', roles: ['applicant', 'regulator', 'evaluator', 'finance', 'admin'] },
  { path: '/applications', zh: '我的申请', en: 'My applications', roles: ['applicant'] },
  { path: '/applications/new', zh: '新建申请', en: 'New application', roles: ['applicant'] },
  { path: '/organisation', zh: '单位信息与银行账户', en: 'Organisation and bank account', roles: ['applicant'] },
  { path: '/applications', zh: '审核队列', en: 'Review queue', roles: ['regulator', 'admin'] },
  {
    path: '/organisations/pending',
    zh: '单位实名认证',
    en: 'Organisation verification',
    roles: ['regulator', 'admin'],
  },
  { path: '/recommendations', zh: '推荐名单', en: 'Candidate lists', roles: ['regulator'] },
  { path: '/programmes', zh: '认定项目', en: 'Programmes', roles: ['regulator', 'admin'] },
  { path: '/reports', zh: '统计报表', en: 'Counts by state', roles: ['regulator', 'admin', 'finance'] },
  { path: '/quotas', zh: '名额管理', en: 'Quotas', roles: ['regulator'] },
  { path: '/targets', zh: '目标进度', en: 'Targets', roles: ['regulator'] },
  { path: '/dashboard', zh: '工作看板', en: 'Dashboard', roles: ['regulator', 'admin'] },
  { path: '/directory', zh: '企业名录库', en: 'Enterprise directory', roles: ['regulator', 'admin'] },
  // the service month (服务月) and the request ledger (诉求台账)
  { path: '/stats/activities', zh: '活动台账', en: 'Activities ledger', roles: ['regulator', 'admin'] },
  { path: '/stats/table', zh: '服务月统计表', en: 'Service-month table', roles: ['regulator', 'admin'] },
  { path: '/stats/filings', zh: '报送情况', en: 'Filing status', roles: ['regulator', 'admin'] },
  { path: '/stats/requests', zh: '诉求台账', en: 'Request ledger', roles: ['regulator', 'admin'] },
  { path: '/my-requests', zh: '我的诉求', en: 'My requests', roles: ['applicant'] },
  {
    path: '/pilot/rankings',
    zh: '试点初审与择优上报',
    en: 'Pilot pre-review and ranking',
    roles: ['regulator', 'admin'],
  },
  { path: '/pilot/compilation', zh: '试点进展汇总', en: 'Pilot progress compilation', roles: ['regulator', 'admin'] },
  {
    path: '/pilot/reports',
    zh: '试点进展报告',
    en: 'Pilot progress reports',
    roles: ['applicant', 'regulator', 'admin'],
  },
  { path: '/invitations', zh: '评审邀请', en: 'Panel invitations', roles: ['evaluator'] },
  { path: '/applications', zh: '评审任务', en: 'Assigned applications', roles: ['evaluator'] },
  { path: '/finance/disbursements', zh: '资助发放', en: 'Disbursements', roles: ['finance'] },
  { path: '/finance/attention', zh: '异常支付', en: 'Stuck and failed payments', roles: ['finance'] },
  { path: '/finance/statements', zh: '银行对账', en: 'Statements', roles: ['finance'] },
  { path: '/finance/policies', zh: '资助政策', en: 'Subsidy policies', roles: ['finance'] },
  { path: '/colleagues', zh: '邀请同事', en: 'Invite colleagues', roles: ['applicant'] },
  { path: '/staff', zh: '人员管理', en: 'Staff', roles: ['admin'] },
  { path: '/admin/calendar', zh: '节假日日历', en: 'Holiday calendars', roles: ['admin'] },
  { path: '/admin/clock', zh: '演示时钟', en: 'Demo clock', roles: ['admin'] },
  {
    path: '/public',
    zh: '公示与认定名录',
    en: 'Notices and register',
    roles: ['applicant', 'regulator', 'evaluator', 'finance', 'admin'],
  },
  {
    path: '/notifications',
    zh: '消息通知',
    en: 'Notifications',
    roles: ['applicant', 'regulator', 'evaluator', 'finance', 'admin'],
  },
  {
    path: '/profile',
    zh: '个人中心',
    en: 'Profile',
    roles: ['applicant', 'regulator', 'evaluator', 'finance', 'admin'],
  },
];

export const menuFor = (role: SignedInUser['role']) => MENU.filter((m) => m.roles.includes(role));
