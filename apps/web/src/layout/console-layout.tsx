import { Breadcrumb, Button, Layout, Menu, Space } from 'antd';
import { ToneTag } from '../common/tags';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { signOut, useSession } from '../auth/session';
import { ROLES } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { LanguageSwitch } from './public-layout';
import { PageLoading } from '../common/page-loading';
import { QueueDashboardButton } from '../admin/queue-dashboard-button';
import { HeaderBadges } from './header-badges';
import { menuFor } from './menu';

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
  if (!session) return null;
  const { user } = session;
  const entries = menuFor(user.role);
  const selected = entries
    .map((e) => e.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(p + '/'))
    .sort((a, b) => b.length - a.length)[0];
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
            items={entries.map((e) => ({ key: e.path, label: <Link to={e.path}>{t(e.zh, e.en)}</Link> }))}
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
