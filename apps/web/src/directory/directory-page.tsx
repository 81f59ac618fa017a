import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useJurisdictions } from '../common/reference-data';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { REPORT_STATUSES, RISK_TIERS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { reportTone } from '../reports/report-figures';
import { noWrap } from '../common/columns';

type Entry = components['schemas']['DirectoryEntryView'];
type City = components['schemas']['CityDirectoryView'];
type CityReport = components['schemas']['CityReportView'];
type EntryForm = Omit<components['schemas']['DirectoryEntryBody'], 'assessedOn'> & { assessedOn: dayjs.Dayjs };

const FIELDS = [
  'name',
  'creditCode',
  'industry',
  'needs',
  'riskTier',
  'assessedOn',
  'assessmentBasis',
  'contactName',
  'contactPhone',
];

/**
 * 企业名录库: a city keeps its enterprises (add, change the risk tier and assessment) and reports the directory to
 * the province per period; the province sees the sum of its cities by tier and city, every entry, and which cities
 * reported on time, late or not at all.
 */
export default function DirectoryPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const jurisdictions = useJurisdictions();
  const jurisdiction = useJurisdictionName();
  const mine = jurisdictions.data?.find((j) => j.code === session?.user.jurisdictionCode);
  const isCity = session?.user.role === 'regulator' && mine?.level === 'city';
  const [filters, setFilters] = useState<{
    riskTier?: 'high' | 'medium' | 'low';
    q?: string;
    jurisdictionCode?: string;
  }>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [form] = Form.useForm<EntryForm>();
  const summary = useQuery({ queryKey: ['directory-summary'], queryFn: () => ok(api.GET('/directory/summary')) });
  const list = useQuery({
    queryKey: ['directory', filters, page],
    queryFn: () => ok(api.GET('/directory/entries', { params: { query: { ...filters, page, pageSize: 20 } } })),
  });
  const reports = useQuery({
    queryKey: ['directory-reports', period],
    queryFn: () => ok(api.GET('/directory/reports', { params: { query: { period } } })),
  });
  const refresh = () =>
    Promise.all(
      ['directory', 'directory-summary', 'directory-reports'].map((k) => client.invalidateQueries({ queryKey: [k] })),
    );
  const save = useMutation({
    mutationFn: (v: EntryForm) => {
      const body = { ...v, assessedOn: v.assessedOn.format('YYYY-MM-DD') };
      return editing === 'new' || editing === null
        ? ok(api.POST('/directory/entries', { body }))
        : ok(
            api.PUT('/directory/entries/{id}', {
              params: { path: { id: editing.id } },
              body: { ...body, version: editing.version },
            }),
          );
    },
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
    onError: (e) => form.setFields(fieldErrors(e, t.lang, FIELDS)),
  });
  const submit = useMutation({
    mutationFn: (p: string) => ok(api.POST('/directory/reports', { body: { period: p } })),
    onSuccess: refresh,
  });
  const open = (e: Entry | 'new') => {
    setEditing(e);
    form.setFieldsValue(
      e === 'new' ? {} : { ...e, riskTier: e.riskTier as EntryForm['riskTier'], assessedOn: dayjs(e.assessedOn) },
    );
  };
  const s = summary.data;
  const r = reports.data;
  const tier = (v: string) => (
    <ToneTag tone={v === 'high' ? 'error' : v === 'medium' ? 'warning' : 'success'}>{t.term(RISK_TIERS, v)}</ToneTag>
  );

  const entries = (
    <>
      {s ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Statistic title={t('名录企业', 'Enterprises')} value={s.total} />
          </Col>
          {(['high', 'medium', 'low'] as const).map((k) => (
            <Col xs={12} md={6} key={k}>
              <Statistic title={t.term(RISK_TIERS, k)} value={s.byTier[k]} />
            </Col>
          ))}
        </Row>
      ) : null}
      {s && s.byCity.length > 1 ? (
        <Table<City>
          size="small"
          rowKey="jurisdictionCode"
          pagination={false}
          style={{ marginBottom: 16 }}
          dataSource={s.byCity}
          columns={[
            { title: t('地市', 'City'), key: 'city', render: (_, c) => `${c.name}（${c.jurisdictionCode}）` },
            { title: t('企业数', 'Enterprises'), dataIndex: 'total' },
            { title: t('高风险', 'High'), key: 'h', render: (_, c) => c.byTier.high },
            { title: t('中风险', 'Medium'), key: 'm', render: (_, c) => c.byTier.medium },
            { title: t('低风险', 'Low'), key: 'l', render: (_, c) => c.byTier.low },
          ]}
        />
      ) : null}
      <Form
        layout="inline"
        style={{ marginBottom: 12 }}
        onValuesChange={(_, all) => {
          setFilters(all);
          setPage(1);
        }}
      >
        <Form.Item name="q" label={t('名称或代码', 'Name or code')}>
          <Input allowClear maxLength={200} />
        </Form.Item>
        <Form.Item name="riskTier" label={t('风险等级', 'Risk tier')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={Object.keys(RISK_TIERS).map((k) => ({ value: k, label: t.term(RISK_TIERS, k) }))}
          />
        </Form.Item>
        {s && s.byCity.length > 1 ? (
          <Form.Item name="jurisdictionCode" label={t('地市', 'City')}>
            <Select
              allowClear
              style={{ width: 160 }}
              options={s.byCity.map((c) => ({ value: c.jurisdictionCode, label: c.name }))}
            />
          </Form.Item>
        ) : null}
      </Form>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: t('企业名称', 'Enterprise'),
            dataIndex: 'name',
            render: (v: string, e) => <Link to={`/directory/${e.id}`}>{v}</Link>,
          },
          { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode' },
          { title: t('地市', 'City'), dataIndex: 'jurisdictionCode', render: (v: string) => jurisdiction(v) },
          { title: t('行业', 'Industry'), dataIndex: 'industry' },
          { title: t('风险等级', 'Risk tier'), dataIndex: 'riskTier', render: tier },
          { title: t('评估日期', 'Assessed'), dataIndex: 'assessedOn' },
          { title: t('联系人', 'Contact'), key: 'contact', render: (_, e) => `${e.contactName} ${e.contactPhone}` },
          ...(isCity
            ? [
                {
                  title: t('操作', 'Action'),
                  key: 'act',
                  render: (_: unknown, e: Entry) => (
                    <Button size="small" onClick={() => open(e)}>
                      {t('修改', 'Edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );

  const reporting = (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('报送期', 'Period')}</span>
        <Input
          aria-label={t('报送期', 'Period')}
          style={{ width: 120 }}
          placeholder={r?.period}
          maxLength={8}
          onPressEnter={(e) => setPeriod(e.currentTarget.value || undefined)}
        />
        {r ? (
          <span>
            {r.start} ~ {r.end}，{t('截止', 'due')} {r.dueOn}
          </span>
        ) : null}
        {isCity && r ? (
          <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate(r.period)}>
            {t(`报送 ${r.period} 名录`, `Report ${r.period}`)}
          </Button>
        ) : null}
      </Space>
      <ErrorAlert error={submit.error ?? reports.error} />
      <Table<CityReport>
        rowKey="jurisdictionCode"
        size="small"
        pagination={false}
        dataSource={r?.cities}
        columns={[
          { title: t('地市', 'City'), key: 'city', render: (_, c) => `${c.name}（${c.jurisdictionCode}）` },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (v: string) => <ToneTag tone={reportTone(v)}>{t.term(REPORT_STATUSES, v)}</ToneTag>,
          },
          {
            title: t('报送时间', 'Submitted'),
            dataIndex: 'submittedAt',
            ...noWrap,
            render: (v: string | null) => formatTime(v),
          },
          { title: t('报送人', 'By'), dataIndex: 'submittedBy' },
          {
            title: t('报送企业数', 'Entries reported'),
            dataIndex: 'entryCount',
            render: (v: number | null) => v ?? '—',
          },
          { title: t('当前企业数', 'Entries now'), dataIndex: 'currentEntryCount' },
        ]}
      />
    </>
  );

  return (
    <Card>
      <PageTitle
        extra={
          <Space>
            <ExportButton
              name="企业名录库"
              download={(format) =>
                ok(
                  api.GET('/directory/entries/export', {
                    params: { query: { ...filters, format } },
                    parseAs: 'blob',
                  }),
                )
              }
            />
            {isCity ? (
              <Button type="primary" onClick={() => open('new')}>
                {t('新增企业', 'Add an enterprise')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t('企业名录库', 'Enterprise directory')}
        {s ? ` · ${s.jurisdiction.name}` : ''}
      </PageTitle>
      <ErrorAlert error={summary.error ?? list.error} />
      <Tabs
        items={[
          { key: 'entries', label: t('名录', 'Directory'), children: entries },
          { key: 'reports', label: t('定期报送', 'Reports to the province'), children: reporting },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新增企业', 'Add an enterprise') : t('修改企业信息', 'Edit the enterprise')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ loading: save.isPending }}
        destroyOnHidden
      >
        <ErrorAlert error={save.error} />
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item label={t('企业名称', 'Name')} name="name" rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('统一社会信用代码', 'Credit code')}
            name="creditCode"
            rules={[{ required: true, len: 18 }]}
          >
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item label={t('行业', 'Industry')} name="industry" rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={t('保护需求', 'Protection needs')} name="needs" rules={[{ required: true }]}>
            <Input.TextArea maxLength={2000} rows={2} />
          </Form.Item>
          <Form.Item label={t('风险等级', 'Risk tier')} name="riskTier" rules={[{ required: true }]}>
            <Select options={Object.keys(RISK_TIERS).map((k) => ({ value: k, label: t.term(RISK_TIERS, k) }))} />
          </Form.Item>
          <Form.Item label={t('评估日期', 'Assessed on')} name="assessedOn" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            label={t('评估依据', 'Basis of the assessment')}
            name="assessmentBasis"
            rules={[{ required: true }]}
          >
            <Input.TextArea maxLength={2000} rows={2} />
          </Form.Item>
          <Form.Item label={t('联系人', 'Contact')} name="contactName" rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={t('联系电话', 'Phone')} name="contactPhone" rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
