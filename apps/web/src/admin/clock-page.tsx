import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Space, Table } from 'antd';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Change = components['schemas']['DemoClockChangeView'];

/** The shared demo clock (DEMO_MODE only): advance it by working days or days with a reason, or reset it. */
export default function ClockPage() {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<{ workingDays?: number; days?: number; reason: string }>();
  const q = useQuery({ queryKey: ['clock'], queryFn: () => ok(api.GET('/admin/clock')), retry: false });
  const done = () => client.invalidateQueries();
  const advance = useMutation({
    mutationFn: (v: { workingDays?: number; days?: number; reason: string }) =>
      ok(
        api.POST('/admin/clock/advance', {
          body: {
            reason: v.reason,
            ...(v.workingDays ? { workingDays: v.workingDays } : {}),
            ...(v.days ? { days: v.days } : {}),
          },
        }),
      ),
    onSuccess: done,
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['workingDays', 'days', 'reason'])),
  });
  const reset = useMutation({
    mutationFn: () => ok(api.POST('/admin/clock/reset', { body: { reason: t('演示结束', 'demo over') } })),
    onSuccess: done,
  });
  if (q.error) {
    return (
      <Card>
        <PageTitle>{t('演示时钟', 'Demo clock')}</PageTitle>
        <Alert type="info" showIcon title={t('本系统未启用演示模式', 'This system does not run in demo mode')} />
      </Card>
    );
  }
  return (
    <Card loading={q.isLoading}>
      <PageTitle>{t('演示时钟', 'Demo clock')}</PageTitle>
      {q.data ? (
        <Descriptions
          bordered
          size="small"
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'now',
              label: t('演示时间', 'Demo time'),
              children: <span data-testid="demo-now">{formatTime(q.data.now)}</span>,
            },
            { key: 'real', label: t('实际时间', 'Real time'), children: formatTime(q.data.realNow) },
            {
              key: 'offset',
              label: t('偏移', 'Offset'),
              children: t(
                `${(q.data.offsetMs / 3_600_000).toFixed(1)} 小时`,
                `${(q.data.offsetMs / 3_600_000).toFixed(1)} h`,
              ),
            },
          ]}
        />
      ) : null}
      <ErrorAlert error={advance.error ?? reset.error} />
      <Form form={form} layout="inline" onFinish={(v) => advance.mutate(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('工作日', 'Working days')} name="workingDays">
          <InputNumber min={1} max={366} />
        </Form.Item>
        <Form.Item label={t('自然日', 'Days')} name="days">
          <InputNumber min={1} max={366} />
        </Form.Item>
        <Form.Item label={t('理由', 'Reason')} name="reason" rules={[{ required: true }]}>
          <Input style={{ width: 220 }} maxLength={500} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={advance.isPending}>
            {t('拨快时钟', 'Advance')}
          </Button>
          <Button onClick={() => reset.mutate()} loading={reset.isPending}>
            {t('恢复实际时间', 'Reset')}
          </Button>
        </Space>
      </Form>
      <Table<Change>
        size="small"
        rowKey="id"
        dataSource={q.data?.changes}
        pagination={false}
        columns={[
          { title: t('时间', 'At'), dataIndex: 'at', ...noWrap, render: (v: string) => formatTime(v) },
          { title: t('操作人', 'By'), dataIndex: 'actorUsername' },
          {
            title: t('类型', 'Kind'),
            dataIndex: 'kind',
            render: (v: string) => (v === 'reset' ? t('恢复', 'reset') : t('拨快', 'advance')),
          },
          { title: t('理由', 'Reason'), dataIndex: 'reason' },
          {
            title: t('之后的演示时间', 'Demo time after'),
            dataIndex: 'demoTime',
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Card>
  );
}
