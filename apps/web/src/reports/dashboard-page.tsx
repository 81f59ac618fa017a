import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictions } from '../common/reference-data';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { APPLICATION_STATES, LEVELS, UNIT_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { percentOf, stepTone } from './report-figures';

type KeyCount = components['schemas']['KeyCountView'];
type NamedCount = components['schemas']['NamedCountView'];
type StepTime = components['schemas']['StepTimeView'];
type Policy = components['schemas']['BudgetPolicyView'];

/** The steps measured, as DOMAIN.md names them. */
const STEP_NAMES: Record<string, [string, string]> = {
  preliminary_review: ['初审', 'Preliminary review'],
  revision_requested: ['退回补正', 'Revision'],
  recheck: ['复核', 'Re-check'],
  acceptance: ['验收', 'Acceptance'],
  notice_closed: ['公示期满待认定', 'Decision after the notice'],
};

/**
 * 工作看板: the dashboard of the user's level (their jurisdiction's subtree, or a jurisdiction inside it): counts by
 * state, programme, jurisdiction, kind and level with bars, budget committed and paid, and the working days spent
 * in each step against its time limit over the last year.
 */
export default function DashboardPage() {
  const t = useT();
  const session = useSession();
  const jurisdictions = useJurisdictions();
  const mine = jurisdictions.data?.find((j) => j.code === session?.user.jurisdictionCode);
  const inside = jurisdictions.data?.filter((j) => mine && j.path.startsWith(mine.path)) ?? [];
  const [code, setCode] = useState<string | undefined>(undefined);
  const query = { jurisdictionCode: code };
  const dashboard = useQuery({
    queryKey: ['dashboard', code],
    queryFn: () => ok(api.GET('/reports/dashboard', { params: { query } })),
  });
  const steps = useQuery({
    queryKey: ['step-times', code],
    queryFn: () => ok(api.GET('/reports/step-times', { params: { query } })),
  });
  const d = dashboard.data;
  const bars = (rows: (KeyCount | NamedCount)[], label: (r: KeyCount | NamedCount) => string) => (
    <Table<KeyCount | NamedCount>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('分类', 'Group'), key: 'label', render: (_, r) => label(r) },
        { title: t('数量', 'Count'), dataIndex: 'count', width: 80 },
        {
          title: t('占比', 'Share'),
          key: 'share',
          width: 180,
          render: (_, r) => <Progress percent={percentOf(r.count, d?.total ?? 0)} size="small" />,
        },
      ]}
    />
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitle
          extra={
            <Space wrap>
              <Select
                allowClear
                style={{ minWidth: 260 }}
                placeholder={t('本级及下级全部', 'My jurisdiction and below')}
                aria-label={t('辖区', 'Jurisdiction')}
                value={code}
                onChange={setCode}
                options={inside.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))}
              />
              <ExportButton
                name={`申请统计-${d?.jurisdiction.name ?? ''}`}
                download={(format) =>
                  ok(api.GET('/reports/dashboard/export', { params: { query: { ...query, format } }, parseAs: 'blob' }))
                }
              />
            </Space>
          }
        >
          {t('工作看板', 'Dashboard')}
          {d ? ` · ${d.jurisdiction.name}` : ''}
        </PageTitle>
        <ErrorAlert error={dashboard.error ?? steps.error} />
        {d ? (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('申请总数', 'All applications')} value={d.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('已认定', 'Designated')}
                value={d.byState.find((s) => s.key === 'designated')?.count ?? 0}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('预算（元）', 'Budget (yuan)')} value={d.budget.budgetYuan} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('已支付（元）', 'Paid (yuan)')} value={d.budget.paidYuan} />
            </Col>
          </Row>
        ) : null}
      </Card>
      {d ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('按状态', 'By state')}>{bars(d.byState, (r) => t.term(APPLICATION_STATES, r.key))}</Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('按认定项目', 'By programme')}>{bars(d.byProgramme, (r) => (r as NamedCount).name)}</Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('按辖区', 'By jurisdiction')}>
              {bars(d.byJurisdiction, (r) => `${(r as NamedCount).name}（${r.key}）`)}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('按类别与层级', 'By kind and level')}>
              {bars(d.byUnitKind, (r) => t.term(UNIT_KINDS, r.key))}
              <div style={{ height: 12 }} />
              {bars(d.byLevel, (r) => t.term(LEVELS, r.key))}
            </Card>
          </Col>
        </Row>
      ) : null}
      {d ? (
        <Card
          title={t('资金使用', 'Budget use')}
          extra={
            <ExportButton
              name={`资金使用-${d.jurisdiction.name}`}
              download={(format) =>
                ok(api.GET('/reports/budget/export', { params: { query: { ...query, format } }, parseAs: 'blob' }))
              }
            />
          }
        >
          <Table<Policy>
            size="small"
            rowKey="policyId"
            pagination={false}
            dataSource={d.budget.policies}
            columns={[
              { title: t('认定项目', 'Programme'), dataIndex: 'programmeName' },
              { title: t('资助政策', 'Policy'), dataIndex: 'name' },
              { title: t('预算（元）', 'Budget'), dataIndex: 'budgetYuan' },
              { title: t('已承诺（元）', 'Committed'), dataIndex: 'committedYuan' },
              { title: t('已支付（元）', 'Paid'), dataIndex: 'paidYuan' },
              {
                title: t('执行进度', 'Progress'),
                key: 'progress',
                width: 200,
                render: (_, p) => (
                  <Progress
                    percent={percentOf(p.committedFen, p.budgetFen)}
                    success={{ percent: percentOf(p.paidFen, p.budgetFen) }}
                    size="small"
                  />
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Card
        title={t('各环节用时（工作日）', 'Working days in each step')}
        extra={
          steps.data ? (
            <Space wrap>
              <Typography.Text type="secondary">
                {steps.data.from} ~ {steps.data.to}
              </Typography.Text>
              <ExportButton
                name={`办理用时-${steps.data.jurisdiction.name}`}
                download={(format) =>
                  ok(
                    api.GET('/reports/step-times/export', { params: { query: { ...query, format } }, parseAs: 'blob' }),
                  )
                }
              />
            </Space>
          ) : null
        }
      >
        <Table<StepTime>
          size="small"
          rowKey="step"
          loading={steps.isLoading}
          pagination={false}
          dataSource={steps.data?.steps}
          columns={[
            {
              title: t('环节', 'Step'),
              dataIndex: 'step',
              render: (v: string) => t(...(STEP_NAMES[v] ?? [v, v])),
            },
            { title: t('已完成', 'Completed'), dataIndex: 'completed' },
            { title: t('进行中', 'Running'), dataIndex: 'running' },
            { title: t('中位数', 'Median'), dataIndex: 'medianWorkingDays', render: (v: number | null) => v ?? '—' },
            { title: t('90分位', 'p90'), dataIndex: 'p90WorkingDays', render: (v: number | null) => v ?? '—' },
            { title: t('时限', 'Limit'), dataIndex: 'limitWorkingDays', render: (v: number | null) => v ?? '—' },
            { title: t('超时', 'Over the limit'), dataIndex: 'overLimit' },
            {
              title: t('评价', 'Verdict'),
              key: 'tone',
              render: (_, s) => {
                const tone = stepTone(s.medianWorkingDays, s.p90WorkingDays, s.limitWorkingDays);
                return (
                  <ToneTag tone={tone}>
                    {tone === 'error'
                      ? t('多数超时', 'Mostly late')
                      : tone === 'warning'
                        ? t('部分超时', 'Some late')
                        : tone === 'success'
                          ? t('时限内', 'Within the limit')
                          : t('无数据', 'No data')}
                  </ToneTag>
                );
              },
            },
          ]}
        />
      </Card>
    </Space>
  );
}
