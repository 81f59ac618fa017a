import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { useEditions } from './service-month-page';
import { FILING_STATUSES, label } from './stats-terms';
import { noWrap } from '../common/columns';

/** 报送情况: which provinces under the caller have filed an edition's table, when, and which are late. */
export default function FilingsPage() {
  const t = useT();
  const editions = useEditions();
  const [edition, setEdition] = useState<string>();
  const code = edition ?? editions.data?.[0]?.code;
  const filings = useQuery({
    queryKey: ['stats-filings', code],
    enabled: !!code,
    queryFn: () => ok(api.GET('/reports/stats/editions/{edition}/filings', { params: { path: { edition: code! } } })),
  });
  const rows = filings.data ?? [];
  return (
    <Card>
      <PageTitle
        extra={
          code ? (
            <ExportButton
              name={`报送情况-${code}`}
              download={(format) =>
                ok(
                  api.GET('/reports/stats/editions/{edition}/filings/export', {
                    params: { path: { edition: code }, query: { format } },
                    parseAs: 'blob',
                  }),
                )
              }
            />
          ) : null
        }
      >
        {t('报送情况', 'Filing status')}
      </PageTitle>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('届次', 'Edition')}
          style={{ width: 240 }}
          value={code}
          onChange={setEdition}
          options={(editions.data ?? []).map((e) => ({ value: e.code, label: e.name }))}
        />
        <Statistic
          title={t('已报送', 'Submitted')}
          value={rows.filter((r) => r.status === 'submitted' || r.status === 'submitted_late').length}
          suffix={`/ ${rows.length}`}
        />
        <Statistic title={t('逾期', 'Late')} value={rows.filter((r) => r.late).length} />
      </Space>
      <ErrorAlert error={filings.error} />
      <Table
        size="small"
        rowKey="provinceCode"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('省份', 'Province'), dataIndex: 'provinceName' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: string) => (
              <ToneTag tone={FILING_STATUSES[s]?.[2]}>{label(FILING_STATUSES, s, t.lang)}</ToneTag>
            ),
          },
          {
            title: t('报送时间', 'Submitted'),
            dataIndex: 'submittedAt',
            ...noWrap,
            render: (v: string | null) => formatTime(v),
          },
          { title: t('报送人', 'By'), dataIndex: 'submittedByName' },
        ]}
      />
    </Card>
  );
}
