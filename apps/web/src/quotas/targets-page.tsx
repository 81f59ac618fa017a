import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Progress, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictions } from '../common/reference-data';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { UNIT_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

type TargetProgress = components['schemas']['DesignationTargetProgressView'];
type TargetInput = components['schemas']['DesignationTargetDto'];

const STATUS_TONES = { met: 'success', missed: 'error', open: 'processing' } as const;

/**
 * 目标进度: a jurisdiction's targets by unit kind and year (Jiaxing: 5 / 10 / 20 demonstration points, 100 / 200 /
 * 300 liaison points) with progress bars counted from the designations in its subtree; its own bureau sets them.
 */
export default function TargetsPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const jurisdictions = useJurisdictions();
  const mine = session?.user.jurisdictionCode ?? null;
  const myPath = jurisdictions.data?.find((j) => j.code === mine)?.path;
  const inView = (jurisdictions.data ?? []).filter((j) => myPath && j.path.startsWith(myPath));
  const [picked, setPicked] = useState<string | null>(null);
  const code = picked ?? mine ?? '';
  const [form] = Form.useForm<TargetInput>();
  const progress = useQuery({
    queryKey: ['target-progress', code],
    enabled: !!code,
    queryFn: () => ok(api.GET('/jurisdictions/{code}/target-progress', { params: { path: { code } } })),
  });
  const save = useMutation({
    mutationFn: (v: TargetInput) =>
      ok(api.PUT('/jurisdictions/{code}/targets', { params: { path: { code } }, body: { targets: [v] } })),
    onSuccess: async () => {
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['target-progress', code] });
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['unitKind', 'year', 'target', 'note'])),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitle
          extra={
            <Space>
              <label htmlFor="target-jurisdiction">{t('辖区', 'Jurisdiction')}</label>
              <Select
                id="target-jurisdiction"
                style={{ minWidth: 280 }}
                value={code || undefined}
                onChange={(v) => setPicked(v)}
                options={inView.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))}
              />
              {code ? (
                <ExportButton
                  name={`目标进度-${code}`}
                  download={(format) =>
                    ok(
                      api.GET('/jurisdictions/{code}/target-progress/export', {
                        params: { path: { code }, query: { format } },
                        parseAs: 'blob',
                      }),
                    )
                  }
                />
              ) : null}
            </Space>
          }
        >
          {t('目标进度', 'Targets')}
        </PageTitle>
        <ErrorAlert error={progress.error} />
        <Table<TargetProgress>
          size="small"
          rowKey="id"
          loading={progress.isLoading}
          dataSource={progress.data}
          pagination={false}
          locale={{ emptyText: t('尚未设定目标', 'No targets yet') }}
          columns={[
            { title: t('单位类型', 'Kind'), dataIndex: 'unitKind', render: (v: string) => t.term(UNIT_KINDS, v) },
            { title: t('截止日期', 'Due'), dataIndex: 'dueOn' },
            { title: t('目标数', 'Target'), dataIndex: 'target' },
            {
              title: t('截止日有效数', 'At due date'),
              dataIndex: 'atDueDate',
              render: (v: number | null) => (v === null ? t('未到期', 'Not yet due') : v),
            },
            { title: t('当前有效数', 'Now'), dataIndex: 'now' },
            {
              title: t('完成进度', 'Progress'),
              dataIndex: 'percent',
              width: 220,
              render: (v: number, r) => (
                <Progress
                  percent={v}
                  size="small"
                  status={r.status === 'missed' ? 'exception' : r.status === 'met' ? 'success' : 'active'}
                  aria-label={t(`完成 ${v}%`, `${v}% done`)}
                />
              ),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (v: TargetProgress['status']) => (
                <ToneTag tone={STATUS_TONES[v]}>
                  {{ met: t('已完成', 'Met'), missed: t('未完成', 'Missed'), open: t('进行中', 'Open') }[v]}
                </ToneTag>
              ),
            },
          ]}
        />
      </Card>
      {code && code === mine ? (
        <Card title={t('设定或调整目标', 'Set a target')}>
          <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
            <Form.Item
              name="unitKind"
              label={t('单位类型', 'Kind')}
              rules={[{ required: true, message: t('请选择单位类型', 'Pick a kind') }]}
            >
              <Select
                style={{ minWidth: 160 }}
                options={Object.keys(UNIT_KINDS).map((k) => ({ value: k, label: t.term(UNIT_KINDS, k) }))}
              />
            </Form.Item>
            <Form.Item name="year" label={t('年度（年底）', 'Year (end of)')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="target" label={t('目标数', 'Target')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="note" label={t('依据', 'Basis')}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('保存目标', 'Save target')}
            </Button>
          </Form>
          <ErrorAlert error={save.error} />
        </Card>
      ) : null}
    </Space>
  );
}
