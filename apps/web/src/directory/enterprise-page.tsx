import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Table } from 'antd';
import { Link, useParams } from 'react-router';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName } from '../common/reference-data';
import { StateTag, ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { LEVELS, RISK_TIERS, UNIT_KINDS } from '../i18n/dictionary';
import { formatDate, useT } from '../i18n/locale';

type Record = components['schemas']['DemonstrationRecordView'];

/** One enterprise of the directory and its demonstration history: its applications and titles at every level. */
export default function EnterprisePage() {
  const t = useT();
  const { id } = useParams();
  const jurisdiction = useJurisdictionName();
  const q = useQuery({
    queryKey: ['directory-entry', id],
    queryFn: () => ok(api.GET('/directory/entries/{id}/history', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
  const e = q.data?.entry;
  return (
    <Card>
      <PageTitle>{e ? e.name : t('名录企业', 'Enterprise')}</PageTitle>
      <ErrorAlert error={q.error} />
      {e ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            { key: 'code', label: t('统一社会信用代码', 'Credit code'), children: e.creditCode },
            { key: 'city', label: t('地市', 'City'), children: jurisdiction(e.jurisdictionCode) },
            { key: 'industry', label: t('行业', 'Industry'), children: e.industry },
            {
              key: 'tier',
              label: t('风险等级', 'Risk tier'),
              children: (
                <ToneTag tone={e.riskTier === 'high' ? 'error' : e.riskTier === 'medium' ? 'warning' : 'success'}>
                  {t.term(RISK_TIERS, e.riskTier)}
                </ToneTag>
              ),
            },
            { key: 'assessed', label: t('评估日期', 'Assessed on'), children: e.assessedOn },
            { key: 'basis', label: t('评估依据', 'Basis'), children: e.assessmentBasis },
            { key: 'needs', label: t('保护需求', 'Protection needs'), children: e.needs },
            { key: 'contact', label: t('联系人', 'Contact'), children: `${e.contactName} ${e.contactPhone}` },
          ]}
        />
      ) : null}
      <Table<Record>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        pagination={false}
        title={() => t('示范创建历程', 'Demonstration history')}
        dataSource={q.data?.applications}
        columns={[
          {
            title: t('编号', 'Reference'),
            dataIndex: 'reference',
            render: (v: string, r) => <Link to={`/applications/${r.id}`}>{v}</Link>,
          },
          { title: t('认定项目', 'Programme'), dataIndex: 'programmeName' },
          { title: t('类别', 'Kind'), dataIndex: 'unitKind', render: (v: string) => t.term(UNIT_KINDS, v) },
          { title: t('层级', 'Level'), dataIndex: 'level', render: (v: string) => t.term(LEVELS, v) },
          { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <StateTag state={v} /> },
          {
            title: t('认定日期', 'Designated'),
            dataIndex: 'designatedAt',
            render: (v: string | null) => formatDate(v),
          },
          { title: t('有效期至', 'Valid until'), dataIndex: 'validUntil', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
