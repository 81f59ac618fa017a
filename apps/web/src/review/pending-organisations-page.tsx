import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { ORGANISATION_KINDS, VERIFICATION_STATUSES } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Registration = components['schemas']['RegistrationView'];
type Status = Registration['verificationStatus'];

/** Organisations of the regulator's subtree waiting for verification (实名认证): verify, or refuse with a reason. */
export default function PendingOrganisationsPage() {
  const t = useT();
  const client = useQueryClient();
  const jurisdiction = useJurisdictionName();
  const [status, setStatus] = useState<Status>('pending');
  const [refusing, setRefusing] = useState<Registration | null>(null);
  const q = useQuery({
    queryKey: ['registrations', status],
    queryFn: () => ok(api.GET('/organisations/registrations', { params: { query: { status } } })),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'verified' | 'refused'; reason?: string }) =>
      ok(
        api.POST('/organisations/registrations/{id}/verification', {
          params: { path: { id: v.id } },
          body: { decision: v.decision, ...(v.reason ? { reason: v.reason } : {}) },
        }),
      ),
    onSuccess: async () => {
      setRefusing(null);
      await client.invalidateQueries({ queryKey: ['registrations'] });
    },
  });
  return (
    <Card>
      <PageTitle
        extra={
          <ExportButton
            name="注册单位列表"
            download={(format) =>
              ok(
                api.GET('/organisations/registrations/export', {
                  params: { query: { status, format } },
                  parseAs: 'blob',
                }),
              )
            }
          />
        }
      >
        {t('单位实名认证', 'Organisation verification')}
      </PageTitle>
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => setStatus(v as Status)}
        options={(['pending', 'verified', 'refused'] as const).map((s) => ({
          value: s,
          label: t.term(VERIFICATION_STATUSES, s),
        }))}
      />
      <ErrorAlert error={q.error ?? (refusing ? null : decide.error)} />
      <Table<Registration>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data}
        columns={[
          { title: t('单位名称', 'Name'), dataIndex: 'name' },
          { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode' },
          { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => t.term(ORGANISATION_KINDS, v) },
          { title: t('辖区', 'Jurisdiction'), dataIndex: 'jurisdictionCode', render: (v: string) => jurisdiction(v) },
          {
            title: t('联系人', 'Contact'),
            key: 'contact',
            render: (_, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' '),
          },
          {
            title: t('注册时间', 'Registered'),
            dataIndex: 'registeredAt',
            ...noWrap,
            render: (v: string) => formatTime(v),
          },
          ...(status === 'pending'
            ? [
                {
                  title: t('操作', 'Action'),
                  key: 'act',
                  render: (_: unknown, r: Registration) => (
                    <Space>
                      <Button
                        type="primary"
                        loading={decide.isPending && decide.variables?.id === r.id}
                        onClick={() => decide.mutate({ id: r.id, decision: 'verified' })}
                      >
                        {t('通过认证', 'Verify')}
                      </Button>
                      <Button danger onClick={() => setRefusing(r)}>
                        {t('不予通过', 'Refuse')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={Boolean(refusing)}
        title={t('不予通过：', 'Refuse: ') + (refusing?.name ?? '')}
        footer={null}
        destroyOnHidden
        onCancel={() => setRefusing(null)}
      >
        <ErrorAlert error={refusing ? decide.error : null} />
        <Form
          layout="vertical"
          onFinish={(v: { reason: string }) =>
            decide.mutate({ id: refusing!.id, decision: 'refused', reason: v.reason })
          }
        >
          <Form.Item label={t('理由', 'Reason')} name="reason" rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button danger htmlType="submit" loading={decide.isPending}>
            {t('确认不予通过', 'Refuse')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
