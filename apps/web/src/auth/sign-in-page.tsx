import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';
import { signIn } from './session';

export default function SignInPage() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const session = await signIn(v.username, v.password);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(session.mustChangePassword ? '/password' : (from ?? '/'), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('登录', 'Sign in')}
      </Typography.Title>
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item
          label={t('用户名', 'Username')}
          name="username"
          rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          label={t('密码', 'Password')}
          name="password"
          rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('登录', 'Sign in')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('还没有账号？', 'No account yet? ')}
        <Link to="/register">{t('单位注册', 'Register your organisation')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
