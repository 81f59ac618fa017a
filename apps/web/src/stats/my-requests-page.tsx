import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { RequestHistory, RequestStateTag } from './requests-page';
import { noWrap } from '../common/columns';

type Request = components['schemas']['RequestView'];

/** 我的诉求 (enterprise): submit a request about trade-secret protection and read the bureau's feedback. */
export default function MyRequestsPage() {
  const t = useT();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Request | null>(null);
  const [filing, setFiling] = useState(false);
  const [form] = Form.useForm<{ title: string; content: string }>();
  const list = useQuery({
    queryKey: ['my-requests', page],
    queryFn: () => ok(api.GET('/reports/requests', { params: { query: { page, pageSize: 20 } } })),
  });
  const submit = useMutation({
    mutationFn: (body: { title: string; content: string }) => ok(api.POST('/reports/requests', { body })),
    onSuccess: async () => {
      setFiling(false);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['my-requests'] });
    },
  });
  return (
    <Card>
      <PageTitle
        extra={
          <Button type="primary" onClick={() => setFiling(true)}>
            {t('提交诉求', 'Submit a request')}
          </Button>
        }
      >
        {t('我的诉求', 'My requests')}
      </PageTitle>
      <ErrorAlert error={list.error} />
      <Table<Request>
        size="small"
        rowKey="id"
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('提交时间', 'Submitted'),
            dataIndex: 'createdAt',
            ...noWrap,
            render: (v: string) => formatTime(v),
          },
          { title: t('诉求', 'Request'), dataIndex: 'title' },
          { title: t('状态', 'State'), dataIndex: 'state', render: (s: string) => <RequestStateTag state={s} /> },
          { title: t('反馈', 'Feedback'), dataIndex: 'feedback' },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size="large" title={open?.title}>
        {open ? (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('内容', 'Content')}>{open.content}</Descriptions.Item>
              <Descriptions.Item label={t('状态', 'State')}>
                <RequestStateTag state={open.state} />
              </Descriptions.Item>
            </Descriptions>
            {open.feedback ? (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 16 }}
                title={t('办理反馈', 'Feedback')}
                description={open.feedback}
              />
            ) : null}
            <RequestHistory id={open.id} />
          </>
        ) : null}
      </Drawer>
      <Modal
        open={filing}
        title={t('提交诉求', 'Submit a request')}
        onCancel={() => setFiling(false)}
        onOk={() => form.submit()}
        confirmLoading={submit.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={submit.error} />
        <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}>
          <Form.Item name="title" label={t('诉求', 'Request')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="content" label={t('具体情况', 'Details')} rules={[{ required: true, max: 5000 }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
