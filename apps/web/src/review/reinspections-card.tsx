import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Radio, Table } from 'antd';
import { api, type components, ok } from '../api/client';
import { ToneTag, type Tone } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { formatTime, useT } from '../i18n/locale';

type Detail = components['schemas']['ApplicationDetailView'];
type Reinspection = components['schemas']['ReinspectionView'];

const STATUS: Record<Reinspection['status'], [string, string, Tone]> = {
  scheduled: ['待检查', 'scheduled', 'processing'],
  passed: ['通过', 'passed', 'success'],
  failed: ['未通过', 'failed', 'error'],
  cancelled: ['已取消', 'cancelled', 'default'],
};

/** The yearly re-inspections (回访/巡查) of a designated title, and the form recording the scheduled one. */
export function ReinspectionsCard({ application }: { application: Detail }) {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<{ outcome: 'passed' | 'failed'; findings?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const list = useQuery({
    queryKey: ['application', application.id, 'reinspections', application.version],
    queryFn: () => ok(api.GET('/applications/{id}/reinspections', { params: { path: { id: application.id } } })),
  });
  const record = useMutation({
    mutationFn: (v: { outcome: 'passed' | 'failed'; findings?: string }) =>
      ok(
        api.POST('/applications/{id}/reinspections', {
          params: { path: { id: application.id } },
          body: { outcome: v.outcome, version: application.version, ...(v.findings ? { findings: v.findings } : {}) },
        }),
      ),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['application', application.id] });
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['outcome', 'findings'])),
  });
  const scheduled = list.data?.some((r) => r.status === 'scheduled');
  return (
    <Card title={t('年度回访检查', 'Yearly re-inspections')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={list.error ?? record.error} />
      <Table<Reinspection>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'seq', render: (n: number) => t(`第 ${n} 年`, `year ${n}`) },
          { title: t('截止日期', 'Due on'), dataIndex: 'dueOn' },
          {
            title: t('结果', 'Outcome'),
            key: 'status',
            render: (_, r) => (
              <ToneTag tone={STATUS[r.status][2]}>{t(STATUS[r.status][0], STATUS[r.status][1])}</ToneTag>
            ),
          },
          { title: t('检查发现', 'Findings'), dataIndex: 'findings', render: (v: string | null) => v ?? '—' },
          {
            title: t('记录时间', 'Recorded'),
            dataIndex: 'recordedAt',
            render: (v: string | null) => formatTime(v) || '—',
          },
        ]}
      />
      {scheduled && application.state === 'designated' ? (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 640 }}
          initialValues={{ outcome: 'passed' }}
          onFinish={(v) => record.mutate(v)}
        >
          <Form.Item label={t('检查结论', 'Outcome')} name="outcome">
            <Radio.Group
              options={[
                { value: 'passed', label: t('通过', 'Passed') },
                { value: 'failed', label: t('未通过（撤销认定）', 'Failed (revokes the title)') },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t('检查发现', 'Findings')}
            name="findings"
            rules={
              outcome === 'failed'
                ? [{ required: true, message: t('未通过须填写检查发现', 'Findings are needed') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button htmlType="submit" type="primary" danger={outcome === 'failed'} loading={record.isPending}>
            {t('记录回访结果', 'Record the re-inspection')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
