import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Space, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useProgrammes } from '../common/reference-data';
import { DisbursementTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { DISBURSEMENT_STATES } from '../i18n/dictionary';
import { formatTime, formatYuan, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Disbursement = components['schemas']['DisbursementView'];

interface Filters {
  state?: Disbursement['state'];
  programmeId?: string;
  reconciliation?: 'paid_unconfirmed' | 'confirmed' | 'mismatched';
  period?: [Dayjs, Dayjs];
}

/**
 * Disbursements of the officer's bureau: filters, budget use, 经办 (verify) and 审批 (approve) one by one or for the
 * selected rows, each at the version read; the API refuses the officer who verified from approving (four eyes).
 */
export default function DisbursementsPage() {
  const t = useT();
  const me = useSession()?.user.id;
  const client = useQueryClient();
  const programmes = useProgrammes();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Disbursement[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const query = {
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.programmeId ? { programmeId: filters.programmeId } : {}),
    ...(filters.reconciliation ? { reconciliation: filters.reconciliation } : {}),
    ...(filters.period
      ? { from: filters.period[0].format('YYYY-MM-DD'), to: filters.period[1].format('YYYY-MM-DD') }
      : {}),
  };
  const list = useQuery({
    queryKey: ['disbursements', query, page],
    queryFn: () => ok(api.GET('/finance/disbursements', { params: { query: { ...query, page, pageSize: 20 } } })),
  });
  const summary = useQuery({
    queryKey: ['finance-summary'],
    queryFn: () => ok(api.GET('/finance/summary')),
  });
  const done = async () => {
    setSelected([]);
    await client.invalidateQueries({ queryKey: ['disbursements'] });
    await client.invalidateQueries({ queryKey: ['finance-summary'] });
  };
  const one = useMutation({
    mutationFn: (v: { d: Disbursement; step: 'verify' | 'approve' }) => {
      const args = { params: { path: { id: v.d.id } }, body: { version: v.d.version } };
      return ok(
        v.step === 'verify'
          ? api.POST('/finance/disbursements/{id}/verify', args)
          : api.POST('/finance/disbursements/{id}/approve', args),
      );
    },
    onSuccess: done,
  });
  const bulk = useMutation({
    mutationFn: async (step: 'verify' | 'approve') => {
      const body = { items: selected.map((d) => ({ id: d.id, version: d.version })) };
      return step === 'verify'
        ? await ok(api.POST('/finance/disbursements/verify', { body }))
        : await ok(api.POST('/finance/disbursements/approve', { body }));
    },
    onSuccess: async (r) => {
      const okCount = r.results.filter((x) => x.ok).length;
      setOutcome(
        t(`成功 ${okCount} 笔，未通过 ${r.refused} 笔`, `${okCount} done, ${r.refused} refused`) +
          (r.refused
            ? t(
                '（经办人不能审批同一笔；状态或版本已变化的请刷新）',
                ' (the verifier may not approve; reload changed ones)',
              )
            : ''),
      );
      await done();
    },
  });
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <PageTitle
          extra={
            <ExportButton
              name="资助拨付列表"
              download={(format) =>
                ok(
                  api.GET('/finance/disbursements/export', {
                    params: { query: { ...query, format } },
                    parseAs: 'blob',
                  }),
                )
              }
            />
          }
        >
          {t('资助发放', 'Disbursements')}
        </PageTitle>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {summary.data?.budgets.map((b) => (
            <Col key={b.policyId} xs={24} md={12}>
              <Card size="small" title={b.name}>
                <Space size="large">
                  <Statistic title={t('预算（元）', 'Budget (yuan)')} value={b.budgetYuan} />
                  <Statistic title={t('已使用（元）', 'Used (yuan)')} value={b.usedYuan} />
                  <Statistic title={t('剩余（元）', 'Remaining (yuan)')} value={b.remainingYuan} />
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
        <Form
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          onValuesChange={(_, all: Filters) => {
            setPage(1);
            setFilters(all);
          }}
        >
          <Form.Item label={t('状态', 'State')} name="state">
            <Select
              allowClear
              style={{ width: 140 }}
              options={Object.keys(DISBURSEMENT_STATES).map((s) => ({
                value: s,
                label: t.term(DISBURSEMENT_STATES, s),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('认定项目', 'Programme')} name="programmeId">
            <Select
              allowClear
              style={{ width: 240 }}
              options={programmes.data?.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item label={t('对账', 'Reconciliation')} name="reconciliation">
            <Select
              allowClear
              style={{ width: 140 }}
              options={[
                { value: 'paid_unconfirmed', label: t('已付未对账', 'Paid, unconfirmed') },
                { value: 'confirmed', label: t('已对账', 'Confirmed') },
                { value: 'mismatched', label: t('对账不符', 'Mismatched') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('生成日期', 'Created')} name="period">
            <DatePicker.RangePicker />
          </Form.Item>
        </Form>
        <Space style={{ marginBottom: 12 }}>
          <Button
            disabled={!selected.length}
            loading={bulk.isPending && bulk.variables === 'verify'}
            onClick={() => bulk.mutate('verify')}
          >
            {t(`批量经办（${selected.length}）`, `Verify selected (${selected.length})`)}
          </Button>
          <Button
            type="primary"
            disabled={!selected.length}
            loading={bulk.isPending && bulk.variables === 'approve'}
            onClick={() => bulk.mutate('approve')}
          >
            {t(`批量审批（${selected.length}）`, `Approve selected (${selected.length})`)}
          </Button>
        </Space>
        {outcome ? (
          <Alert
            type="info"
            showIcon
            closable={{ onClose: () => setOutcome(null) }}
            style={{ marginBottom: 12 }}
            title={outcome}
          />
        ) : null}
        <ErrorAlert error={list.error ?? one.error ?? bulk.error} />
        <Table<Disbursement>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          rowSelection={{ selectedRowKeys: selected.map((d) => d.id), onChange: (_, rows) => setSelected(rows) }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
          columns={[
            {
              title: t('编号', 'Reference'),
              dataIndex: 'reference',
              render: (v: string, d) => <Link to={`/finance/disbursements/${d.id}`}>{v}</Link>,
            },
            {
              title: t('金额（元）', 'Amount (yuan)'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number) => formatYuan(v),
            },
            { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <DisbursementTag state={v} /> },
            {
              title: t('收款账户', 'Payee'),
              key: 'payee',
              render: (_, d) => (d.payee ? `${d.payee.accountName} ${d.payee.maskedAccount}` : '—'),
            },
            {
              title: t('生成时间', 'Created'),
              dataIndex: 'createdAt',
              ...noWrap,
              render: (v: string) => formatTime(v),
            },
            {
              title: t('操作', 'Action'),
              key: 'act',
              render: (_, d) =>
                d.state === 'pending_approval' ? (
                  <Button size="small" onClick={() => one.mutate({ d, step: 'verify' })}>
                    {t('经办', 'Verify')}
                  </Button>
                ) : d.state === 'verified' ? (
                  <Button
                    size="small"
                    type="primary"
                    disabled={String(d.verifiedBy) === me}
                    title={
                      String(d.verifiedBy) === me
                        ? t('您已经办此笔，须由另一人审批', 'You verified it: another officer approves')
                        : undefined
                    }
                    onClick={() => one.mutate({ d, step: 'approve' })}
                  >
                    {t('审批', 'Approve')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
