import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Layout, Menu, type MenuProps, Space } from 'antd';
import { ToneTag } from '../common/tags';
import { Suspense, useState } from 'react';
import { api, ok } from '../api/client';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { signOut, useSession } from '../auth/session';
import { ROLES } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { LanguageSwitch } from './public-layout';
import { PageLoading } from '../common/page-loading';
import { QueueDashboardButton } from '../admin/queue-dashboard-button';
import { HeaderBadges } from './header-badges';
import { isGroup, type MenuEntry, menuFor, menuTree, openGroupFor, selectedEntry } from './menu';

/** A crumb of a route: `handle: { crumb: ['审核队列', 'Review queue'] }`. */
export interface RouteHandle {
  crumb?: [string, string];
}

/** The signed-in console: side menu by role, header with user, role and jurisdiction, breadcrumbs. */
export default function ConsoleLayout() {
  const session = useSession();
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const matches = useMatches();
  // an applicant's organisation sees the pilot's reports when it holds or applied for a pilot region title
  const pilotRegion = useQuery({
    queryKey: ['applications', 'pilot-region'],
    enabled: session?.user.role === 'applicant',
    staleTime: 5 * 60_000,
    queryFn: async () =>
      (await ok(api.GET('/applications', { params: { query: { unitKind: 'pilot_region', pageSize: 1 } } }))).total > 0,
  });
  const entries = session ? menuFor(session.user.role, { pilotRegion: pilotRegion.data === true }) : [];
  const tree = menuTree(entries);
  // the open group follows the route: moving to a page of another group opens that group
  const routeGroup = openGroupFor(tree, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(routeGroup ? [routeGroup] : []);
  const [openedFor, setOpenedFor] = useState(routeGroup);
  if (routeGroup !== openedFor) {
    setOpenedFor(routeGroup);
    if (routeGroup) setOpenKeys([routeGroup]);
  }
  if (!session) return null;
  const { user } = session;
  const selected = selectedEntry(entries, location.pathname)?.path;
  const item = (e: MenuEntry) => ({ key: e.path, label: <Link to={e.path}>{t(e.zh, e.en)}</Link> });
  const items: MenuProps['items'] = tree.map((n) =>
    isGroup(n) ? { key: n.group, label: t(n.zh, n.en), children: n.entries.map(item) } : item(n),
  );
  const crumbs = matches
    .map((m) => ({ path: m.pathname, crumb: (m.handle as RouteHandle | undefined)?.crumb }))
    .filter((m) => m.crumb);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} theme="dark" breakpoint="lg" collapsedWidth={0}>
        <div style={{ color: '#fff', padding: '16px', fontWeight: 600, lineHeight: 1.4 }}>
          {t('商业秘密保护示范单位认定', 'Trade-secret demonstration units')}
        </div>
        <nav aria-label={t('主菜单', 'Main menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            openKeys={openKeys}
            onOpenChange={setOpenKeys}
            items={items}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'space-between', gap: 16 }}
        >
          <Breadcrumb
            style={{ alignSelf: 'center' }}
            items={[
              { title: <Link to="/">{t('首页', 'Home')}</Link> },
              ...crumbs.map((c, i) => ({
                title: i === crumbs.length - 1 ? t(...c.crumb!) : <Link to={c.path}>{t(...c.crumb!)}</Link>,
              })),
            ]}
          />
          <Space size="middle">
            <HeaderBadges />
            <span data-testid="current-user">{user.displayName}</span>
            <ToneTag tone="processing">{t.term(ROLES, user.role)}</ToneTag>
            {user.jurisdictionCode ? <ToneTag>{user.jurisdictionCode}</ToneTag> : null}
            {user.role === 'admin' || user.role === 'finance' ? <QueueDashboardButton /> : null}
            <LanguageSwitch />
            <Button
              onClick={() => {
                void signOut().then(() => navigate('/sign-in'));
              }}
            >
              {t('退出登录', 'Sign out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <main>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
