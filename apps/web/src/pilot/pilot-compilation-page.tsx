import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { downloadPilotCompilation } from '../api/files';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { halfYearLabel, ReportStatusTag } from './pilot-status';

type Region = components['schemas']['PilotCompiledRegionView'];

/** The half-year just ended (or running): 2026-12-07 → 2026-H2. */
export function currentHalfYear(today = new Date()): string {
  return `${today.getFullYear()}-H${today.getMonth() < 6 ? 1 : 2}`;
}

/**
 * 试点进展汇总: the semi-annual progress of the pilot regions compiled for a province or the nation, with each region's
 * status (按时 / 逾期 / 未报送) and the submitted summaries, and the same as an XLSX download.
 */
export default function PilotCompilationPage() {
  const t = useT();
  const session = useSession();
  const [query, setQuery] = useState({
    halfYear: currentHalfYear(),
    jurisdictionCode: session?.user.jurisdictionCode ?? '',
  });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const q = useQuery({
    queryKey: ['pilot-compilation', query],
    queryFn: () =>
      ok(
        api.GET('/pilot-reports/compilation', {
          params: { query: { halfYear: query.halfYear, jurisdictionCode: query.jurisdictionCode || undefined } },
        }),
      ),
  });
  const c = q.data;
  return (
    <Card>
      <PageTitle>{t('试点进展汇总', 'Pilot progress compilation')}</PageTitle>
      <Form
        layout="inline"
        initialValues={query}
        onFinish={(v: { halfYear: string; jurisdictionCode: string }) => setQuery(v)}
        style={{ marginBottom: 16 }}
      >
        <Form.Item
          label={t('报告期', 'Half-year')}
          name="halfYear"
          rules={[{ required: true, pattern: /^\d{4}-H[12]$/, message: t('格式如 2027-H1', 'e.g. 2027-H1') }]}
        >
          <Input placeholder="2027-H1" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label={t('汇总范围（区划代码）', 'Jurisdiction (code)')} name="jurisdictionCode">
          <Input placeholder="CN / 370000" style={{ width: 140 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('汇总', 'Compile')}
          </Button>
          <Button
            disabled={!c}
            onClick={() => {
              setDownloadError(null);
              downloadPilotCompilation(query.halfYear, query.jurisdictionCode || undefined).catch(setDownloadError);
            }}
          >
            {t('导出 Excel', 'Download XLSX')}
          </Button>
        </Space>
      </Form>
      <ErrorAlert error={q.error ?? downloadError} />
      {c && (
        <>
          <Typography.Title level={5}>
            {c.jurisdictionName} {halfYearLabel(c.halfYear, t)}
          </Typography.Title>
          <Descriptions size="small" column={6} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('报送截止日', 'Due on')}>{c.dueOn}</Descriptions.Item>
            <Descriptions.Item label={t('试点地区', 'Regions')}>{c.totals.regions}</Descriptions.Item>
            <Descriptions.Item label={t('按时报送', 'On time')}>{c.totals.submitted}</Descriptions.Item>
            <Descriptions.Item label={t('逾期报送', 'Late')}>{c.totals.late}</Descriptions.Item>
            <Descriptions.Item label={t('未报送', 'Missing')}>{c.totals.missing}</Descriptions.Item>
            <Descriptions.Item label={t('汇总时间', 'Compiled at')}>{formatTime(c.generatedAt)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
      <Table<Region>
        rowKey="reportId"
        loading={q.isLoading}
        dataSource={c?.regions}
        pagination={false}
        expandable={{
          rowExpandable: (r) => Boolean(r.summary),
          expandedRowRender: (r) => <Typography.Paragraph>{r.summary}</Typography.Paragraph>,
        }}
        columns={[
          { title: t('省份', 'Province'), dataIndex: 'provinceName' },
          { title: t('试点地区', 'Pilot region'), dataIndex: 'regionName' },
          { title: t('认定编号', 'Reference'), dataIndex: 'reference' },
          {
            title: t('报送情况', 'Status'),
            dataIndex: 'status',
            render: (v: string) => <ReportStatusTag status={v} />,
          },
          {
            title: t('报送时间', 'Submitted at'),
            dataIndex: 'submittedAt',
            render: (v: string | null) => formatTime(v),
          },
        ]}
      />
    </Card>
  );
}
