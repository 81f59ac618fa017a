import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Modal, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { RequestDrawer, RequestStateTag, RequestTextFields } from './request-detail';
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
      <RequestDrawer request={open} onClose={() => setOpen(null)} />
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
          <RequestTextFields />
        </Form>
      </Modal>
    </Card>
  );
}
