import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Radio, Table } from 'antd';
import { ToneTag, type Tone } from '../common/tags';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Detail = components['schemas']['ApplicationDetailView'];
type Objection = components['schemas']['ObjectionView'];

const STATUS: Record<string, [string, string, Tone]> = {
  open: ['待裁定', 'Open', 'warning'],
  upheld: ['异议成立', 'Upheld', 'error'],
  dismissed: ['异议不成立', 'Dismissed', 'default'],
};

/** Objections filed during the notice and their rulings; a regulator rules on an open one (upheld rejects). */
export function ObjectionsPanel({ application }: { application: Detail }) {
  const t = useT();
  const session = useSession();
  const [ruling, setRuling] = useState<Objection | null>(null);
  const q = useQuery({
    queryKey: ['application', application.id, 'objections', application.version],
    queryFn: () => ok(api.GET('/applications/{id}/objections', { params: { path: { id: application.id } } })),
  });
  const mayRule = session?.user.role === 'regulator' && application.allowedEvents.includes('RULE_OBJECTION');
  if (!q.data?.length && !q.error) return null;
  return (
    <Card title={t('公示异议', 'Objections')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={q.error} />
      <Table<Objection>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.data}
        columns={[
          { title: t('提出时间', 'Filed'), dataIndex: 'createdAt', ...noWrap, render: (v: string) => formatTime(v) },
          { title: t('异议内容', 'Objection'), dataIndex: 'reason' },
          {
            title: t('提出人', 'Filed by'),
            key: 'filer',
            render: (_, o) => [o.filerName, o.filerOrganisation, o.filerContact].filter(Boolean).join(' / ') || '—',
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (v: string, o) => (
              <>
                <ToneTag tone={STATUS[v]?.[2]}>{STATUS[v] ? t(STATUS[v][0], STATUS[v][1]) : v}</ToneTag>
                {o.duplicateOf ? <ToneTag>{t('重复', 'duplicate')}</ToneTag> : null}
                {o.rulingReason ? <div>{o.rulingReason}</div> : null}
              </>
            ),
          },
          ...(mayRule
            ? [
                {
                  title: t('操作', 'Action'),
                  key: 'rule',
                  render: (_: unknown, o: Objection) =>
                    o.status === 'open' ? <Button onClick={() => setRuling(o)}>{t('裁定', 'Rule')}</Button> : null,
                },
              ]
            : []),
        ]}
      />
      {ruling ? <RulingDialog application={application} objection={ruling} onClose={() => setRuling(null)} /> : null}
    </Card>
  );
}

function RulingDialog({
  application,
  objection,
  onClose,
}: {
  application: Detail;
  objection: Objection;
  onClose: () => void;
}) {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; reason: string }>();
  const rule = useMutation({
    mutationFn: (v: { decision: 'upheld' | 'dismissed'; reason: string }) =>
      ok(
        api.POST('/applications/{id}/objections/{objectionId}/ruling', {
          params: { path: { id: application.id, objectionId: objection.id } },
          body: { ...v, version: application.version },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['application', application.id] });
      onClose();
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['decision', 'reason'])),
  });
  return (
    <Modal
      open
      title={t('异议裁定', 'Rule on the objection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('确认', 'Confirm')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ loading: rule.isPending }}
    >
      <ErrorAlert error={rule.error} />
      <p>{objection.reason}</p>
      <Form form={form} layout="vertical" onFinish={(v) => rule.mutate(v)} initialValues={{ decision: 'dismissed' }}>
        <Form.Item label={t('裁定结果', 'Decision')} name="decision" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'dismissed', label: t('异议不成立（继续认定）', 'Dismissed (designation goes on)') },
              { value: 'upheld', label: t('异议成立（不予认定）', 'Upheld (rejects the application)') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('裁定理由', 'Reason')}
          name="reason"
          rules={[{ required: true, message: t('请填写裁定理由', 'A reason is needed') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
