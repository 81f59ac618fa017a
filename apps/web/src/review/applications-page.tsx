import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok, type operations } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useJurisdictions, useProgrammes } from '../common/reference-data';
import { StateTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { APPLICATION_STATES, LEVELS, UNIT_KINDS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { formatDue } from '../common/due';

type Application = components['schemas']['ApplicationView'];
type Filters = NonNullable<operations['ApplicationsController_list']['parameters']['query']>;

/**
 * The applications the user may see: an applicant's own, a regulator's review queue (their jurisdiction's subtree,
 * with filters), an evaluator's assigned ones. The API decides what is visible; the page only filters.
 */
export default function ApplicationsPage() {
  const t = useT();
  const session = useSession();
  const role = session?.user.role;
  const programmes = useProgrammes();
  const jurisdictions = useJurisdictions();
  const jurisdiction = useJurisdictionName();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['applications', filters, page],
    queryFn: () => ok(api.GET('/applications', { params: { query: { ...filters, page, pageSize: 20 } } })),
  });
  const title =
    role === 'applicant'
      ? t('我的申请', 'My applications')
      : role === 'evaluator'
        ? t('评审任务', 'Assigned applications')
        : t('审核队列', 'Review queue');
  const programmeName = (id: string) => programmes.data?.find((p) => p.id === id)?.name ?? id;
  return (
    <Card>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton
              name={title}
              download={(format) =>
                ok(api.GET('/applications/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }))
              }
            />
            {role === 'applicant' ? (
              <Link to="/applications/new">
                <Button type="primary">{t('新建申请', 'New application')}</Button>
              </Link>
            ) : null}
          </Space>
        }
      >
        {title}
      </PageTitle>
      {role !== 'applicant' ? (
        <Form
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onValuesChange={(_, all: Filters) => {
            setPage(1);
            setFilters(Object.fromEntries(Object.entries(all ?? {}).filter(([, v]) => v)) as Filters);
          }}
        >
          <Form.Item label={t('状态', 'State')} name="state">
            <Select
              allowClear
              style={{ width: 140 }}
              options={Object.keys(APPLICATION_STATES).map((s) => ({ value: s, label: t.term(APPLICATION_STATES, s) }))}
            />
          </Form.Item>
          <Form.Item label={t('认定项目', 'Programme')} name="programmeId">
            <Select
              allowClear
              style={{ width: 260 }}
              options={programmes.data?.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item label={t('辖区', 'Jurisdiction')} name="jurisdictionCode">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200 }}
              options={jurisdictions.data?.map((j) => ({ value: j.code, label: j.name }))}
            />
          </Form.Item>
          <Form.Item label={t('类别', 'Kind')} name="unitKind">
            <Select
              allowClear
              style={{ width: 140 }}
              options={Object.keys(UNIT_KINDS).map((k) => ({ value: k, label: t.term(UNIT_KINDS, k) }))}
            />
          </Form.Item>
          <Form.Item label={t('层级', 'Level')} name="level">
            <Select
              allowClear
              style={{ width: 120 }}
              options={Object.keys(LEVELS).map((k) => ({ value: k, label: t.term(LEVELS, k) }))}
            />
          </Form.Item>
        </Form>
      ) : null}
      <ErrorAlert error={q.error} />
      <Table<Application>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total,
          onChange: setPage,
          showTotal: (n) =>
            q.data?.totalIsExact === false ? t(`超过 ${n} 条`, `over ${n}`) : t(`共 ${n} 条`, `${n} in all`),
        }}
        columns={[
          {
            title: t('编号', 'Reference'),
            dataIndex: 'reference',
            render: (v: string, r) => <Link to={`/applications/${r.id}`}>{v}</Link>,
          },
          { title: t('名称', 'Title'), dataIndex: 'title' },
          { title: t('认定项目', 'Programme'), dataIndex: 'programmeId', render: (v: string) => programmeName(v) },
          { title: t('类别', 'Kind'), dataIndex: 'unitKind', render: (v: string) => t.term(UNIT_KINDS, v) },
          { title: t('辖区', 'Jurisdiction'), dataIndex: 'jurisdictionCode', render: (v: string) => jurisdiction(v) },
          { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <StateTag state={v} /> },
          {
            title: t('提交时间 / 公示截止', 'Submitted / notice ends'),
            key: 'when',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{formatTime(r.submittedAt)}</span>
                {r.noticeEndsAt ? <span>{t('公示至 ', 'until ') + formatDue(r.noticeEndsAt, t.lang)}</span> : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
