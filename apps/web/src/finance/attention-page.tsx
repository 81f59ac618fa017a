import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { DisbursementTag, ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { STUCK_CAUSES } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Stuck = components['schemas']['StuckPaymentView'];

/** Payments needing a decision (stuck or failed) with cause and age: retry (back to four eyes) or cancel, with a reason. */
export default function AttentionPage() {
  const t = useT();
  const client = useQueryClient();
  const [acting, setActing] = useState<{ p: Stuck; step: 'retry' | 'cancel' } | null>(null);
  const q = useQuery({ queryKey: ['attention'], queryFn: () => ok(api.GET('/finance/disbursements/attention')) });
  const act = useMutation({
    mutationFn: (v: { reason: string }) => {
      const { p, step } = acting!;
      const args = {
        params: { path: { id: p.id } },
        body: { version: p.version, reason: v.reason },
      };
      return ok(
        step === 'retry'
          ? api.POST('/finance/disbursements/{id}/retry', args)
          : api.POST('/finance/disbursements/{id}/cancel', args),
      );
    },
    onSuccess: async () => {
      setActing(null);
      await client.invalidateQueries({ queryKey: ['attention'] });
    },
  });
  return (
    <Card>
      <PageTitle
        extra={
          <ExportButton
            name="异常支付"
            download={(format) =>
              ok(api.GET('/finance/disbursements/attention/export', { params: { query: { format } }, parseAs: 'blob' }))
            }
          />
        }
      >
        {t('异常支付', 'Stuck and failed payments')}
      </PageTitle>
      <ErrorAlert error={q.error} />
      <Table<Stuck>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data}
        columns={[
          { title: t('编号', 'Reference'), dataIndex: 'reference' },
          { title: t('金额（元）', 'Amount (yuan)'), dataIndex: 'amountYuan', align: 'right' },
          { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <DisbursementTag state={v} /> },
          {
            title: t('原因', 'Cause'),
            dataIndex: 'causeCode',
            render: (v: string, p) => (
              <>
                <ToneTag>{t.term(STUCK_CAUSES, v)}</ToneTag>
                {p.lastError}
              </>
            ),
          },
          { title: t('自', 'Since'), dataIndex: 'since', ...noWrap, render: (v: string) => formatTime(v) },
          { title: t('尝试次数', 'Attempts'), dataIndex: 'attempts' },
          {
            title: t('处理', 'Action'),
            key: 'act',
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => setActing({ p, step: 'retry' })}>
                  {t('重新支付', 'Retry')}
                </Button>
                <Button size="small" danger onClick={() => setActing({ p, step: 'cancel' })}>
                  {t('取消', 'Cancel')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(acting)}
        footer={null}
        destroyOnHidden
        title={acting?.step === 'retry' ? t('重新支付', 'Retry') : t('取消支付', 'Cancel payment')}
        onCancel={() => setActing(null)}
      >
        <ErrorAlert error={act.error} />
        <Form layout="vertical" onFinish={(v: { reason: string }) => act.mutate(v)}>
          <Form.Item label={t('理由', 'Reason')} name="reason" rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={act.isPending}>
            {t('确认', 'Confirm')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
