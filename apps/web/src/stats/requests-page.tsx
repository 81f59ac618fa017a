import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Segmented, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { label, REQUEST_STATES, saveBlob } from './stats-terms';
import { noWrap } from '../common/columns';
import { RequestDrawer, RequestStateTag, RequestTextFields } from './request-detail';

type Request = components['schemas']['RequestView'];

type Action = 'answer' | 'close';

/** 诉求台账 (staff): the requests of the bureau's jurisdiction; assign, answer, close with feedback, flag leads. */
export default function RequestsPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const [state, setState] = useState<string>('all');
  const [leadsOnly, setLeadsOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Request | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [recording, setRecording] = useState(false);
  const [text, setText] = useState('');
  const [form] = Form.useForm<components['schemas']['RecordRequestDto']>();
  const query = {
    page,
    pageSize: 20,
    ...(state === 'all' ? {} : { state: state as Request['state'] }),
    ...(leadsOnly ? { lead: true } : {}),
  };
  const list = useQuery({
    queryKey: ['requests', query],
    queryFn: () => ok(api.GET('/reports/requests', { params: { query } })),
  });
  const done = async (r: Request) => {
    setOpen(r);
    setAction(null);
    setText('');
    await client.invalidateQueries({ queryKey: ['requests'] });
    await client.invalidateQueries({ queryKey: ['request', r.id] });
  };
  const change = useMutation({
    mutationFn: async (kind: 'assign' | Action | 'lead') => {
      const r = open!;
      const path = { params: { path: { id: r.id } } };
      if (kind === 'assign')
        return ok(
          api.POST('/reports/requests/{id}/assign', {
            ...path,
            body: { assigneeId: session!.user.id, version: r.version },
          }),
        );
      if (kind === 'answer')
        return ok(api.POST('/reports/requests/{id}/answer', { ...path, body: { answer: text, version: r.version } }));
      if (kind === 'close')
        return ok(api.POST('/reports/requests/{id}/close', { ...path, body: { feedback: text, version: r.version } }));
      return ok(api.POST('/reports/requests/{id}/lead', { ...path, body: { lead: !r.isLead, version: r.version } }));
    },
    onSuccess: done,
  });
  const record = useMutation({
    mutationFn: (body: components['schemas']['RecordRequestDto']) => ok(api.POST('/reports/requests', { body })),
    onSuccess: async () => {
      setRecording(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  const exportList = useMutation({
    mutationFn: async () => {
      const blob = await ok(
        api.GET('/reports/requests/export', { params: { query: { format: 'xlsx' } }, parseAs: 'blob' }),
      );
      saveBlob(blob as Blob, '诉求台账.xlsx');
    },
  });
  return (
    <Card>
      <PageTitle
        extra={
          <Space>
            <Button onClick={() => exportList.mutate()}>{t('导出 Excel', 'Export XLSX')}</Button>
            {session?.user.role === 'regulator' ? (
              <Button type="primary" onClick={() => setRecording(true)}>
                {t('登记诉求', 'Record a request')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t('诉求台账', 'Request ledger')}
      </PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={state}
          onChange={(v) => {
            setState(String(v));
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('全部', 'All') },
            ...Object.keys(REQUEST_STATES).map((s) => ({ value: s, label: label(REQUEST_STATES, s, t.lang) })),
          ]}
        />
        <Space>
          <Switch checked={leadsOnly} onChange={setLeadsOnly} aria-label={t('只看线索', 'Leads only')} />
          {t('只看线索', 'Leads only')}
        </Space>
      </Space>
      <ErrorAlert error={list.error ?? exportList.error} />
      <Table<Request>
        size="small"
        rowKey="id"
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('登记时间', 'Recorded'), dataIndex: 'createdAt', ...noWrap, render: (v: string) => formatTime(v) },
          { title: t('企业', 'Enterprise'), dataIndex: 'enterpriseName' },
          { title: t('诉求', 'Request'), dataIndex: 'title' },
          { title: t('状态', 'State'), dataIndex: 'state', render: (s: string) => <RequestStateTag state={s} /> },
          {
            title: t('线索', 'Lead'),
            dataIndex: 'isLead',
            render: (v: boolean | null) => (v ? <ToneTag tone="error">{t('线索', 'Lead')}</ToneTag> : null),
          },
        ]}
      />
      <RequestDrawer request={open} onClose={() => setOpen(null)} staff>
        {open ? (
          <>
            <ErrorAlert error={change.error} />
            <Space wrap style={{ marginBottom: 16 }}>
              {open.state === 'received' || open.state === 'assigned' ? (
                <Button onClick={() => change.mutate('assign')}>{t('分派给我', 'Assign to me')}</Button>
              ) : null}
              {open.state === 'assigned' || open.state === 'answered' ? (
                <Button onClick={() => setAction('answer')}>{t('答复', 'Answer')}</Button>
              ) : null}
              {open.state === 'answered' ? (
                <Button type="primary" onClick={() => setAction('close')}>
                  {t('办结并反馈', 'Close with feedback')}
                </Button>
              ) : null}
              <Button danger={!open.isLead} onClick={() => change.mutate('lead')}>
                {open.isLead ? t('取消线索', 'Unflag lead') : t('标记为线索', 'Flag as lead')}
              </Button>
            </Space>
            {action ? (
              <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
                <Input.TextArea
                  aria-label={action === 'answer' ? t('答复', 'Answer') : t('反馈', 'Feedback')}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  rows={3}
                />
                <Button type="primary" disabled={!text.trim()} onClick={() => change.mutate(action)}>
                  {t('提交', 'Send')}
                </Button>
              </Space.Compact>
            ) : null}
          </>
        ) : null}
      </RequestDrawer>
      <Modal
        open={recording}
        title={t('登记诉求', 'Record a request')}
        onCancel={() => setRecording(false)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={record.error} />
        <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)}>
          <Form.Item name="enterpriseName" label={t('企业名称', 'Enterprise')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="jurisdictionCode"
            label={t('所属辖区代码', 'Jurisdiction code')}
            rules={[{ required: true }]}
          >
            <Input placeholder="370200" />
          </Form.Item>
          <RequestTextFields />
        </Form>
      </Modal>
    </Card>
  );
}
