import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { useT } from '../i18n/locale';

type Accept = components['schemas']['AcceptColleagueInvitationDto'];
const FIELDS = ['token', 'username', 'displayName', 'password'];

/** The invited colleague (not signed in) accepts with the link's token, choosing a username and a password. */
export default function AcceptInvitationPage() {
  const t = useT();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Accept & { confirm: string }>();
  const accept = useMutation({
    mutationFn: ({ confirm: _, ...v }: Accept & { confirm: string }) =>
      ok(api.POST('/organisations/invitations/accept', { body: { ...v, displayName: v.displayName || undefined } })),
    onError: (e) => form.setFields(fieldErrors(e, t.lang, FIELDS)),
  });
  if (accept.data) {
    return (
      <Card>
        <Alert
          type="success"
          showIcon
          title={t(
            `账号 ${accept.data.username} 已创建，可以登录办理本单位的申报`,
            `Account ${accept.data.username} created: sign in to act for your organisation`,
          )}
        />
        <p style={{ marginTop: 16 }}>
          <Link to="/sign-in">{t('前往登录', 'Sign in')}</Link>
        </p>
      </Card>
    );
  }
  return (
    <Card style={{ maxWidth: 560, margin: '0 auto' }}>
      <PageTitle>{t('接受同事邀请', 'Accept an invitation')}</PageTitle>
      <ErrorAlert error={accept.error} />
      {accept.error && (accept.error as { code?: string }).code === 'NOT_FOUND' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '邀请无效：链接有误、已被使用或已过期，请向邀请人索取新的邀请',
            'The invitation does not work: wrong, used or expired; ask for a new one',
          )}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ token: params.get('token') ?? '' }}
        onFinish={(v) => accept.mutate(v)}
      >
        <Form.Item label={t('邀请码', 'Invitation token')} name="token" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t('用户名', 'Username')}
          name="username"
          extra={t('3–64 位字母、数字、点、横线或下划线', '3–64 letters, digits, dots, dashes or underscores')}
          rules={[
            { required: true },
            {
              pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/,
              message: t('3–64 位字母、数字、点、横线或下划线', '3–64 letters, digits, dots, dashes or underscores'),
            },
          ]}
        >
          <Input maxLength={64} autoComplete="username" />
        </Form.Item>
        <Form.Item label={t('姓名（可不填，沿用邀请时的姓名）', 'Name (optional)')} name="displayName">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('密码', 'Password')}
          name="password"
          extra={t('至少 10 个字符，不含用户名', 'At least 10 characters, not the username')}
          rules={[{ required: true }, { min: 10, message: t('至少 10 个字符', 'At least 10 characters') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('确认密码', 'Confirm password')}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords differ'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={accept.isPending}>
          {t('创建账号', 'Create my account')}
        </Button>
      </Form>
    </Card>
  );
}
