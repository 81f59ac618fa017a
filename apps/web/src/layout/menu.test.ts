import { describe, expect, it } from 'vitest';
import { FLAT_MENU_MAX, isGroup, MENU, menuFor, menuTree, openGroupFor } from './menu';

const labels = (role: Parameters<typeof menuFor>[0], facts = {}) =>
  menuTree(menuFor(role, facts)).map((n) => (isGroup(n) ? [n.zh, n.entries.map((e) => e.zh)] : n.zh));

describe('the side menu', () => {
  it('groups a regulator’s long menu the way a bureau’s console does, keeping every entry', () => {
    expect(labels('regulator')).toEqual([
      '待办事项',
      ['审核工作', ['审核队列', '单位实名认证', '推荐名单']],
      ['认定项目与名额', ['认定项目', '名额管理', '目标进度']],
      ['试点', ['试点初审与择优上报', '试点进展汇总', '试点进展报告']],
      [
        '台账与报表',
        ['统计报表', '工作看板', '企业名录库', '活动台账', '服务月统计表', '服务月届次', '报送情况', '诉求台账'],
      ],
      '公示与认定名录',
      '消息通知',
      '个人中心',
    ]);
    const tree = menuTree(menuFor('regulator'));
    const shown = tree.flatMap((n) => (isGroup(n) ? n.entries : [n]));
    expect(new Set(shown)).toEqual(new Set(menuFor('regulator')));
    expect(shown.length).toBe(menuFor('regulator').length);
  });

  it('gives the admin the system group, and keeps short menus flat', () => {
    expect(labels('admin')).toContainEqual(['系统管理', ['人员管理', '节假日日历', '演示时钟']]);
    for (const role of ['applicant', 'evaluator', 'finance'] as const) {
      expect(menuFor(role, { pilotRegion: true }).length).toBeLessThanOrEqual(FLAT_MENU_MAX);
      expect(menuTree(menuFor(role, { pilotRegion: true })).some(isGroup)).toBe(false);
    }
  });

  it('shows an applicant the pilot’s progress reports only when its organisation is a pilot region', () => {
    expect(labels('applicant')).not.toContain('试点进展报告');
    expect(labels('applicant', { pilotRegion: true })).toContain('试点进展报告');
    expect(labels('applicant', { pilotRegion: false })).not.toContain('试点进展报告');
  });

  it('opens the group of the current page, and none for a top-level page', () => {
    const tree = menuTree(menuFor('regulator'));
    expect(openGroupFor(tree, '/stats/table')).toBe('ledgers');
    expect(openGroupFor(tree, '/applications/0b9c1c2e-0000-4000-8000-000000000000')).toBe('review');
    expect(openGroupFor(tree, '/pilot/reports')).toBe('pilot');
    expect(openGroupFor(tree, '/quotas')).toBe('programmes');
    expect(openGroupFor(tree, '/todo')).toBeUndefined();
    expect(openGroupFor(tree, '/profile')).toBeUndefined();
    expect(openGroupFor(menuTree(menuFor('finance')), '/finance/disbursements')).toBeUndefined();
  });

  it('gives every entry of a role a distinct path (a menu key)', () => {
    for (const role of ['applicant', 'regulator', 'evaluator', 'finance', 'admin'] as const) {
      const paths = menuFor(role, { pilotRegion: true }).map((e) => e.path);
      expect(new Set(paths).size).toBe(paths.length);
    }
    expect(MENU.every((e) => !e.group || e.roles.every((r) => r !== 'applicant'))).toBe(true);
  });
});
