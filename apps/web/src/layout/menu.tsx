import type { SignedInUser } from '../auth/session';

/** The groups of a long menu (a bureau's staff), in the order they are shown. */
export const MENU_GROUPS = {
  review: ['审核工作', 'Review'],
  programmes: ['认定项目与名额', 'Programmes and quotas'],
  pilot: ['试点', 'Pilot'],
  ledgers: ['台账与报表', 'Ledgers and reports'],
  system: ['系统管理', 'System'],
} as const satisfies Record<string, [string, string]>;
export type MenuGroup = keyof typeof MENU_GROUPS;

/**
 * One entry of the side menu: path, label in both languages, the roles that see it, and its group when the menu is
 * long enough to be grouped (entries without a group stay at the top level: 待办, the register, messages, profile).
 */
export interface MenuEntry {
  path: string;
  zh: string;
  en: string;
  roles: SignedInUser['role'][];
  group?: MenuGroup;
  /** shown only when the fact holds for the signed-in user (e.g. their organisation is a pilot region) */
  when?: keyof MenuFacts;
}

/** What the menu needs to know of the signed-in user besides their role. */
export interface MenuFacts {
  /** the organisation holds or applied for a pilot region title (创新试点地区) */
  pilotRegion?: boolean;
}

/** A menu with more entries than this is grouped; a shorter one stays flat. */
export const FLAT_MENU_MAX = 12;

/** The side menu by role. */
export const MENU: MenuEntry[] = [
  { path: '/todo', zh: '待办事项', en: 'To do', roles: ['applicant', 'regulator', 'evaluator', 'finance', 'admin'] },
  { path: '/applications', zh: '我的申请', en: 'My applications', roles: ['applicant'] },
  { path: '/applications/new', zh: '新建申请', en: 'New application', roles: ['applicant'] },
  { path: '/organisation', zh: '单位信息与银行账户', en: 'Organisation and bank account', roles: ['applicant'] },
  { path: '/applications', zh: '审核队列', en: 'Review queue', roles: ['regulator', 'admin'], group: 'review' },
  {
    path: '/organisations/pending',
    zh: '单位实名认证',
    en: 'Organisation verification',
    roles: ['regulator', 'admin'],
    group: 'review',
  },
  { path: '/recommendations', zh: '推荐名单', en: 'Candidate lists', roles: ['regulator'], group: 'review' },
  { path: '/programmes', zh: '认定项目', en: 'Programmes', roles: ['regulator', 'admin'], group: 'programmes' },
  {
    path: '/reports',
    zh: '统计报表',
    en: 'Counts by state',
    // the counts are the review side's (GET /reports/counts: regulators and admins); finance has its own summary
    roles: ['regulator', 'admin'],
    group: 'ledgers',
  },
  { path: '/quotas', zh: '名额管理', en: 'Quotas', roles: ['regulator'], group: 'programmes' },
  { path: '/targets', zh: '目标进度', en: 'Targets', roles: ['regulator'], group: 'programmes' },
  { path: '/dashboard', zh: '工作看板', en: 'Dashboard', roles: ['regulator', 'admin'], group: 'ledgers' },
  { path: '/directory', zh: '企业名录库', en: 'Enterprise directory', roles: ['regulator', 'admin'], group: 'ledgers' },
  // the service month (服务月) and the request ledger (诉求台账)
  {
    path: '/stats/activities',
    zh: '活动台账',
    en: 'Activities ledger',
    roles: ['regulator', 'admin'],
    group: 'ledgers',
  },
  {
    path: '/stats/table',
    zh: '服务月统计表',
    en: 'Service-month table',
    roles: ['regulator', 'admin'],
    group: 'ledgers',
  },
  {
    path: '/stats/editions',
    zh: '服务月届次',
    en: 'Service-month editions',
    roles: ['regulator', 'admin'],
    group: 'ledgers',
  },
  { path: '/stats/filings', zh: '报送情况', en: 'Filing status', roles: ['regulator', 'admin'], group: 'ledgers' },
  { path: '/stats/requests', zh: '诉求台账', en: 'Request ledger', roles: ['regulator', 'admin'], group: 'ledgers' },
  { path: '/my-requests', zh: '我的诉求', en: 'My requests', roles: ['applicant'] },
  {
    path: '/pilot/rankings',
    zh: '试点初审与择优上报',
    en: 'Pilot pre-review and ranking',
    roles: ['regulator', 'admin'],
    group: 'pilot',
  },
  {
    path: '/pilot/compilation',
    zh: '试点进展汇总',
    en: 'Pilot progress compilation',
    roles: ['regulator', 'admin'],
    group: 'pilot',
  },
  {
    path: '/pilot/reports',
    zh: '试点进展报告',
    en: 'Pilot progress reports',
    roles: ['regulator', 'admin'],
    group: 'pilot',
  },
  // a pilot region's own reports: only for an organisation that holds or applied for the title
  {
    path: '/pilot/reports',
    zh: '试点进展报告',
    en: 'Pilot progress reports',
    roles: ['applicant'],
    when: 'pilotRegion',
  },
  { path: '/invitations', zh: '评审邀请', en: 'Panel invitations', roles: ['evaluator'] },
  { path: '/applications', zh: '评审任务', en: 'Assigned applications', roles: ['evaluator'] },
  { path: '/finance/disbursements', zh: '资助发放', en: 'Disbursements', roles: ['finance'] },
  { path: '/finance/attention', zh: '异常支付', en: 'Stuck and failed payments', roles: ['finance'] },
  { path: '/finance/statements', zh: '银行对账', en: 'Statements', roles: ['finance'] },
  { path: '/finance/policies', zh: '资助政策', en: 'Subsidy policies', roles: ['finance'] },
  { path: '/colleagues', zh: '邀请同事', en: 'Invite colleagues', roles: ['applicant'] },
  { path: '/staff', zh: '人员管理', en: 'Staff', roles: ['admin'], group: 'system' },
  { path: '/admin/calendar', zh: '节假日日历', en: 'Holiday calendars', roles: ['admin'], group: 'system' },
  { path: '/admin/clock', zh: '演示时钟', en: 'Demo clock', roles: ['admin'], group: 'system' },
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

/** The entries a user sees: their role's, less those whose fact does not hold. */
export const menuFor = (role: SignedInUser['role'], facts: MenuFacts = {}) =>
  MENU.filter((m) => m.roles.includes(role) && (!m.when || facts[m.when] === true));

/** A group of the side menu and its entries. */
export interface MenuGroupNode {
  group: MenuGroup;
  zh: string;
  en: string;
  entries: MenuEntry[];
}
export type MenuNode = MenuEntry | MenuGroupNode;
export const isGroup = (n: MenuNode): n is MenuGroupNode => 'entries' in n;

/**
 * The side menu as shown: flat when short; otherwise the way a bureau's console is laid out — the entries of no
 * group that come first (待办), then the groups in their order, then the rest (the register, messages, profile).
 */
export function menuTree(entries: readonly MenuEntry[]): MenuNode[] {
  if (entries.length <= FLAT_MENU_MAX) return [...entries];
  const firstGrouped = entries.findIndex((e) => e.group);
  const head = entries.filter((e, i) => !e.group && (firstGrouped < 0 || i < firstGrouped));
  const tail = entries.filter((e, i) => !e.group && firstGrouped >= 0 && i > firstGrouped);
  const groups = (Object.keys(MENU_GROUPS) as MenuGroup[]).flatMap((group): MenuGroupNode[] => {
    const inIt = entries.filter((e) => e.group === group);
    return inIt.length ? [{ group, zh: MENU_GROUPS[group][0], en: MENU_GROUPS[group][1], entries: inIt }] : [];
  });
  return [...head, ...groups, ...tail];
}

/** The entry the current path belongs to: the longest entry path that is the path or a prefix of it. */
export function selectedEntry(entries: readonly MenuEntry[], pathname: string): MenuEntry | undefined {
  return entries
    .filter((e) => pathname === e.path || pathname.startsWith(e.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/** The group to open for the current path in a grouped menu (none when flat or the entry is at the top level). */
export function openGroupFor(tree: readonly MenuNode[], pathname: string): MenuGroup | undefined {
  const groups = tree.filter(isGroup);
  const selected = selectedEntry(
    groups.flatMap((g) => g.entries),
    pathname,
  );
  const top = selectedEntry(
    tree.filter((n): n is MenuEntry => !isGroup(n)),
    pathname,
  );
  if (!selected || (top && top.path.length >= selected.path.length)) return undefined;
  return groups.find((g) => g.entries.includes(selected))?.group;
}
