import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { useT } from '../i18n/locale';
import { changePassword, useSession } from './session';

/** Change the password; the one page a user with a one-time password may open. */
export default function PasswordPage() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const onFinish = async (v: { currentPassword: string; newPassword: string }) => {
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      setDone(true);
      if (session?.mustChangePassword) void navigate('/', { replace: true });
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, ['currentPassword', 'newPassword']));
    }
  };
  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('修改密码', 'Change password')}
      </Typography.Title>
      {session?.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '您使用的是一次性密码，请先设置新密码',
            'You signed in with a one-time password: set a new one first',
          )}
        />
      ) : null}
      {done ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('密码已修改', 'Password changed')} />
      ) : null}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item label={t('当前密码', 'Current password')} name="currentPassword" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t('新密码', 'New password')}
          name="newPassword"
          extra={t(
            '至少 10 个字符，不含用户名，不能是常见密码',
            'At least 10 characters, not the username, not common',
          )}
          rules={[{ required: true }, { min: 10, message: t('至少 10 个字符', 'At least 10 characters') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('确认修改', 'Change')}
        </Button>
      </Form>
    </Card>
  );
}
