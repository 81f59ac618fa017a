import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { ToneTag } from '../common/tags';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useJurisdictions } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { ROLES } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Staff = components['schemas']['StaffUserView'];
type NewStaff = components['schemas']['NewStaffUserDto'];
const STAFF_ROLES = ['regulator', 'finance', 'evaluator'] as const;

/** Bureau admins: staff of their subtree; create (one-time password shown once), disable/enable, reset password. */
export default function StaffPage() {
  const t = useT();
  const client = useQueryClient();
  const jurisdictions = useJurisdictions();
  const jurisdiction = useJurisdictionName();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [form] = Form.useForm<NewStaff>();
  const [changing, setChanging] = useState<Staff | null>(null);
  const [roleForm] = Form.useForm<{ role: Staff['role']; jurisdictionCode: string }>();
  const q = useQuery({ queryKey: ['staff'], queryFn: () => ok(api.GET('/staff')) });
  const refresh = () => client.invalidateQueries({ queryKey: ['staff'] });
  const create = useMutation({
    mutationFn: (v: NewStaff) => ok(api.POST('/staff', { body: v })),
    onSuccess: async (r) => {
      setCreating(false);
      setSecret({ username: r.user.username, password: r.oneTimePassword });
      await refresh();
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['username', 'displayName', 'role', 'jurisdictionCode'])),
  });
  const access = useMutation({
    mutationFn: (v: { id: string; active: boolean }) =>
      ok(api.POST('/staff/{id}/access', { params: { path: { id: v.id } }, body: { active: v.active } })),
    onSuccess: refresh,
  });
  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: Staff['role']; jurisdictionCode: string }) =>
      ok(
        api.POST('/staff/{id}/access', {
          params: { path: { id: v.id } },
          body: { role: v.role, jurisdictionCode: v.jurisdictionCode },
        }),
      ),
    onSuccess: async () => {
      setChanging(null);
      await refresh();
    },
    onError: (e) => roleForm.setFields(fieldErrors(e, t.lang, ['role', 'jurisdictionCode'])),
  });
  const reset = useMutation({
    mutationFn: (s: Staff) => ok(api.POST('/staff/{id}/password-reset', { params: { path: { id: s.id } } })),
    onSuccess: (r) => setSecret({ username: r.user.username, password: r.oneTimePassword }),
  });
  return (
    <Card>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton
              name="人员名单"
              download={(format) => ok(api.GET('/staff/export', { params: { query: { format } }, parseAs: 'blob' }))}
            />
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('新增人员', 'New staff')}
            </Button>
          </Space>
        }
      >
        {t('人员管理', 'Staff')}
      </PageTitle>
      {secret ? (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setSecret(null) }}
          style={{ marginBottom: 12 }}
          title={t('一次性密码（仅显示一次，请交给本人）', 'One-time password (shown once; hand it over)')}
          description={
            <Typography.Text copyable code>
              {`${secret.username} / ${secret.password}`}
            </Typography.Text>
          }
        />
      ) : null}
      <ErrorAlert error={q.error ?? access.error ?? reset.error} />
      <Table<Staff>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data}
        columns={[
          { title: t('用户名', 'Username'), dataIndex: 'username' },
          { title: t('姓名', 'Name'), dataIndex: 'displayName' },
          { title: t('角色', 'Role'), dataIndex: 'role', render: (v: string) => t.term(ROLES, v) },
          { title: t('辖区', 'Jurisdiction'), dataIndex: 'jurisdictionCode', render: (v: string) => jurisdiction(v) },
          {
            title: t('状态', 'Status'),
            key: 'active',
            render: (_, s) => (
              <>
                <ToneTag tone={s.active ? 'success' : 'default'}>
                  {s.active ? t('启用', 'Active') : t('停用', 'Disabled')}
                </ToneTag>
                {s.mustChangePassword ? <ToneTag>{t('待改密码', 'must change password')}</ToneTag> : null}
              </>
            ),
          },
          { title: t('创建时间', 'Created'), dataIndex: 'createdAt', ...noWrap, render: (v: string) => formatTime(v) },
          {
            title: t('操作', 'Action'),
            key: 'act',
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => access.mutate({ id: s.id, active: !s.active })}>
                  {s.active ? t('停用', 'Disable') : t('启用', 'Enable')}
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    changeRole.reset();
                    roleForm.setFieldsValue({ role: s.role, jurisdictionCode: s.jurisdictionCode });
                    setChanging(s);
                  }}
                >
                  {t('变更角色', 'Change role')}
                </Button>
                <Button size="small" onClick={() => reset.mutate(s)}>
                  {t('重置密码', 'Reset password')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('新增人员', 'New staff')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('创建', 'Create')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ loading: create.isPending }}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} />
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item label={t('用户名', 'Username')} name="username" rules={[{ required: true }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item label={t('姓名', 'Name')} name="displayName" rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('角色', 'Role')} name="role" rules={[{ required: true }]}>
            <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t.term(ROLES, r) }))} />
          </Form.Item>
          <Form.Item label={t('辖区', 'Jurisdiction')} name="jurisdictionCode" rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={jurisdictions.data?.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={changing !== null}
        title={t('变更角色与辖区', 'Change role and jurisdiction') + (changing ? `：${changing.displayName}` : '')}
        onCancel={() => setChanging(null)}
        onOk={() => roleForm.submit()}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ loading: changeRole.isPending }}
        forceRender
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('保存后该人员须重新登录', 'The person signs in again after the change')}
        />
        <ErrorAlert error={changeRole.error} />
        <Form
          form={roleForm}
          layout="vertical"
          onFinish={(v) => changing && changeRole.mutate({ id: changing.id, ...v })}
        >
          <Form.Item label={t('角色', 'Role')} name="role" rules={[{ required: true }]}>
            <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t.term(ROLES, r) }))} />
          </Form.Item>
          <Form.Item label={t('辖区', 'Jurisdiction')} name="jurisdictionCode" rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={jurisdictions.data?.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
