import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { ACTIVITY_KINDS, cellText, drillDownSum, FILING_STATUSES, label, saveBlob } from './stats-terms';
import { noWrap } from '../common/columns';

type Table = components['schemas']['StatsTableView'];
type Line = { key: string; number: number | null; span: number; label: string; unit: string; value: number };

/** The editions, newest first; the first is chosen unless the user picks another. */
export function useEditions() {
  return useQuery({ queryKey: ['stats-editions'], queryFn: () => ok(api.GET('/reports/stats/editions')) });
}

/** The table's lines as printed: the row number spans its sub-rows. */
function linesOf(t: Table): Line[] {
  return t.rows.flatMap((r) =>
    r.cells.map((c, i) => ({ ...c, number: i === 0 ? r.number : null, span: i === 0 ? r.cells.length : 0 })),
  );
}

/**
 * 服务月统计表: a province's table for an edition, cell for cell as the seed prints it; each value opens the
 * activities (or closed requests) behind it; the provincial bureau submits it; XLSX and CSV downloads.
 */
export default function ServiceMonthPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const editions = useEditions();
  const [edition, setEdition] = useState<string>();
  const [province, setProvince] = useState('');
  const [cell, setCell] = useState<string | null>(null);
  const code = edition ?? editions.data?.[0]?.code;
  const query = province.trim() ? { province: province.trim() } : {};
  const table = useQuery({
    queryKey: ['stats-table', code, province],
    enabled: !!code,
    queryFn: () =>
      ok(api.GET('/reports/stats/editions/{edition}/table', { params: { path: { edition: code! }, query } })),
  });
  const drill = useQuery({
    queryKey: ['stats-cell', code, province, cell],
    enabled: !!code && cell !== null,
    queryFn: () =>
      ok(
        api.GET('/reports/stats/editions/{edition}/table/cells/{key}', {
          params: { path: { edition: code!, key: cell! }, query },
        }),
      ),
  });
  const submit = useMutation({
    mutationFn: () =>
      ok(api.POST('/reports/stats/editions/{edition}/submission', { params: { path: { edition: code! } }, body: {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['stats-table'] }),
  });
  const download = useMutation({
    mutationFn: async (format: 'xlsx' | 'csv') => {
      const path =
        format === 'xlsx'
          ? ('/reports/stats/editions/{edition}/table.xlsx' as const)
          : ('/reports/stats/editions/{edition}/table.csv' as const);
      const blob = await ok(api.GET(path, { params: { path: { edition: code! }, query }, parseAs: 'blob' }));
      saveBlob(blob as Blob, `${code}-${table.data?.provinceCode}.${format}`);
    },
  });
  const data = table.data;
  const status = data ? FILING_STATUSES[data.status] : undefined;
  const canSubmit = data && !data.locked && session?.user.jurisdictionCode === data.provinceCode;
  return (
    <Card>
      <PageTitle>{t('服务月统计表', 'Service-month statistics table')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('届次', 'Edition')}
          style={{ width: 240 }}
          value={code}
          onChange={setEdition}
          options={(editions.data ?? []).map((e) => ({ value: e.code, label: e.name }))}
        />
        <Input
          aria-label={t('省份代码', 'Province code')}
          placeholder={t('省份代码，如 370000', 'Province code, e.g. 370000')}
          style={{ width: 220 }}
          value={province}
          onChange={(e) => setProvince(e.target.value)}
        />
        <Button onClick={() => download.mutate('xlsx')} disabled={!data}>
          {t('导出 Excel', 'Export XLSX')}
        </Button>
        <Button onClick={() => download.mutate('csv')} disabled={!data}>
          {t('导出 CSV', 'Export CSV')}
        </Button>
        {canSubmit ? (
          <Popconfirm
            title={t('报送后统计表将锁定，活动不能再修改。确认报送？', 'Once submitted the table is locked. Submit?')}
            onConfirm={() => submit.mutate()}
          >
            <Button type="primary" loading={submit.isPending}>
              {t('盖章报送', 'Submit')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
      <ErrorAlert error={table.error ?? submit.error ?? download.error} />
      {data ? (
        <>
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            {data.title}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('填报单位', 'Filed by')}>{data.provinceName}</Descriptions.Item>
            <Descriptions.Item label={t('统计期间', 'Period')}>
              {data.periodFrom} ~ {data.periodTo}
            </Descriptions.Item>
            <Descriptions.Item label={t('报送截止', 'Deadline')}>{formatTime(data.deadline)}</Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}>
              {status ? <ToneTag tone={status[2]}>{label(FILING_STATUSES, data.status, t.lang)}</ToneTag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('报送时间', 'Submitted')}>
              {data.submittedAt ? `${formatTime(data.submittedAt)} ${data.submittedByName ?? ''}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          {data.locked ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('已报送：统计表已锁定，显示报送时的数据', 'Submitted: the table is locked as it was sealed')}
            />
          ) : null}
          <Table<Line>
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={linesOf(data)}
            columns={[
              {
                title: t('序号', 'No.'),
                dataIndex: 'number',
                width: 70,
                align: 'center',
                onCell: (l) => ({ rowSpan: l.span }),
              },
              { title: t('具体内容', 'Item'), dataIndex: 'label' },
              {
                title: t('数据', 'Value'),
                dataIndex: 'value',
                width: 160,
                render: (_: number, l) => (
                  <Button type="link" size="small" onClick={() => setCell(l.key)}>
                    {cellText(l.value, l.unit)}
                  </Button>
                ),
              },
            ]}
          />
        </>
      ) : null}
      <Drawer
        open={cell !== null}
        onClose={() => setCell(null)}
        size="large"
        title={drill.data ? `${drill.data.label}：${cellText(drill.data.value, drill.data.unit)}` : t('明细', 'Detail')}
      >
        <ErrorAlert error={drill.error} />
        {drill.data ? (
          <>
            <Typography.Paragraph>
              {t('明细合计', 'Sum of the detail')}: {drillDownSum(drill.data)}
            </Typography.Paragraph>
            {drill.data.requests.length > 0 ? (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={drill.data.requests}
                columns={[
                  { title: t('企业', 'Enterprise'), dataIndex: 'enterpriseName' },
                  { title: t('诉求', 'Request'), dataIndex: 'title' },
                  {
                    title: t('办结时间', 'Closed'),
                    dataIndex: 'closedAt',
                    ...noWrap,
                    render: (v: string) => formatTime(v),
                  },
                ]}
              />
            ) : (
              <Table
                size="small"
                rowKey={(a) => a.activity.id}
                pagination={false}
                dataSource={drill.data.activities}
                columns={[
                  { title: t('日期', 'Date'), render: (_, a) => a.activity.heldOn },
                  { title: t('类别', 'Kind'), render: (_, a) => label(ACTIVITY_KINDS, a.activity.kind, t.lang) },
                  { title: t('活动名称', 'Activity'), render: (_, a) => a.activity.title },
                  { title: t('辖区', 'Jurisdiction'), render: (_, a) => a.activity.jurisdictionCode },
                  { title: t('计入', 'Counts'), dataIndex: 'contributes' },
                ]}
              />
            )}
          </>
        ) : null}
      </Drawer>
    </Card>
  );
}
