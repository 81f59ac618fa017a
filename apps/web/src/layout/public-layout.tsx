import { Layout, Segmented, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router';
import { useSession } from '../auth/session';
import { PageLoading } from '../common/page-loading';
import { useLocale, useT } from '../i18n/locale';

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
