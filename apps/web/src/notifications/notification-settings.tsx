import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { NOTIFICATION_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

type Preference = components['schemas']['NotificationPreferenceView'];

/** The address notifications are e-mailed to, and e-mail on or off per kind (in-app is always on). */
export function NotificationSettings() {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<{ email: string }>();
  const [saved, setSaved] = useState<string | null>(null);
  const prefs = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => ok(api.GET('/me/notification-preferences')),
  });
  const setPref = useMutation({
    mutationFn: (p: { kind: Preference['kind']; email: boolean }) =>
      ok(api.PUT('/me/notification-preferences', { body: { preferences: [p] } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notification-preferences'] }),
  });
  const setEmail = useMutation({
    mutationFn: (email: string | null) => ok(api.PUT('/me/email', { body: { email } })),
    onSuccess: (r) => setSaved(r.email),
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['email'])),
  });
  return (
    <Card title={t('通知设置', 'Notification settings')} style={{ marginTop: 16 }}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => {
          setSaved(null);
          setEmail.mutate(v.email?.trim() ? v.email.trim() : null);
        }}
        style={{ marginBottom: 16 }}
      >
        <Form.Item
          label={t('通知邮箱', 'E-mail for notifications')}
          name="email"
          rules={[{ type: 'email', message: t('请输入有效的电子邮箱', 'Enter a valid e-mail address') }]}
        >
          <Input style={{ width: 280 }} placeholder="zhang.san@example.com" />
        </Form.Item>
        <Space>
          <Button htmlType="submit" type="primary" loading={setEmail.isPending}>
            {t('保存邮箱', 'Save e-mail')}
          </Button>
        </Space>
      </Form>
      {setEmail.isSuccess ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={saved ? t(`已保存：${saved}`, `Saved: ${saved}`) : t('已删除邮箱', 'E-mail removed')}
        />
      ) : null}
      <ErrorAlert error={prefs.error ?? setPref.error} />
      <Table<Preference>
        rowKey="kind"
        size="small"
        pagination={false}
        loading={prefs.isLoading}
        dataSource={prefs.data}
        columns={[
          { title: t('通知类别', 'Kind'), key: 'kind', render: (_, p) => t.term(NOTIFICATION_KINDS, p.kind) },
          { title: t('站内消息', 'In the console'), key: 'inApp', render: () => t('始终开启', 'always on') },
          {
            title: t('邮件通知', 'E-mail'),
            key: 'email',
            render: (_, p) => (
              <Switch
                checked={p.email}
                aria-label={t(`${t.term(NOTIFICATION_KINDS, p.kind)} 邮件通知`, `E-mail for ${p.kind}`)}
                loading={setPref.isPending && setPref.variables?.kind === p.kind}
                onChange={(email) => setPref.mutate({ kind: p.kind, email })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
