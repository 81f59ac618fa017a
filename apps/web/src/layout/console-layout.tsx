import { Breadcrumb, Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { ToneTag } from '../common/tags';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { signOut, useSession } from '../auth/session';
import { ROLES } from '../i18n/dictionary';
import { useLocale, useT } from '../i18n/locale';
import { PageLoading } from '../common/page-loading';
import { QueueDashboardButton } from '../admin/queue-dashboard-button';
import { menuFor } from './menu';

/** A crumb of a route: `handle: { crumb: ['审核队列', 'Review queue'] }`. */
export interface RouteHandle {
  crumb?: [string, string];
}

export function LanguageSwitch() {
  const { lang, setLang } = useLocale();
  return (
    <Segmented
      size="small"
      aria-label="语言 / Language"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}

/** The signed-in console: side menu by role, header with user, role and jurisdiction, breadcrumbs. */
export function ConsoleLayout() {
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

/** Pages anyone may open (the register, sign-in, registration): a plain header. */
export function PublicLayout() {
  const t = useT();
  const session = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#001529' }}
      >
        <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>
          {t('商业秘密保护示范单位认定管理系统', 'Trade-secret protection demonstration units')}
        </Typography.Text>
        <Space>
          <Link style={{ color: '#fff' }} to="/public">
            {t('公示与认定名录', 'Notices and register')}
          </Link>
          {session ? (
            <Link style={{ color: '#fff' }} to="/">
              {t('进入工作台', 'Console')}
            </Link>
          ) : (
            <>
              <Link style={{ color: '#fff' }} to="/sign-in">
                {t('登录', 'Sign in')}
              </Link>
              <Link style={{ color: '#fff' }} to="/register">
                {t('单位注册', 'Register organisation')}
              </Link>
            </>
          )}
          <LanguageSwitch />
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <main>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}
