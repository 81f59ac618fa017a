import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { StateTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { formatTime, useT } from '../i18n/locale';
import { moved } from './ranking-order';
import { RankingStatusTag } from './pilot-status';

type Province = components['schemas']['PilotProvinceRankingView'];
type Candidate = components['schemas']['PilotRankedApplicationView'];

/**
 * 初步审核与择优上报: for a national pilot programme, each province's pre-review (applications, forwarded ones) and
 * ranked list (按时 / 逾期 / 逾期未报); a provincial regulator orders its forwarded applications, best first, and submits
 * the list once. The national office sees every province, late and missing lists among them.
 */
export default function PilotRankingPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const programmes = useQuery({ queryKey: ['programmes'], queryFn: () => ok(api.GET('/programmes')) });
  const pilots = (programmes.data ?? []).filter((p) => p.unitKind === 'pilot_region' && p.level === 'national');
  const [programmeId, setProgrammeId] = useState<string | undefined>();
  useEffect(() => {
    if (!programmeId && pilots.length > 0) setProgrammeId(pilots[pilots.length - 1].id);
  }, [programmeId, pilots]);
  const q = useQuery({
    queryKey: ['pilot-rankings', programmeId],
    enabled: Boolean(programmeId),
    queryFn: () => ok(api.GET('/programmes/{id}/pilot-rankings', { params: { path: { id: programmeId! } } })),
  });
  const own = q.data?.provinces.find((p) => p.provinceCode === session?.user.jurisdictionCode);
  const [order, setOrder] = useState<Candidate[]>([]);
  useEffect(() => setOrder(own?.candidates ?? []), [own]);
  const submit = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/programmes/{id}/pilot-rankings', {
          params: { path: { id: programmeId! } },
          body: { applicationIds: order.map((c) => c.applicationId) },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['pilot-rankings', programmeId] }),
  });
  const call = q.data?.call;
  return (
    <Card>
      <PageTitle>{t('试点初审与择优上报', 'Pilot pre-review and ranking')}</PageTitle>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('试点项目', 'Pilot programme')}</Typography.Text>
        <Select
          style={{ width: 360 }}
          value={programmeId}
          onChange={setProgrammeId}
          options={pilots.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))}
        />
      </Space>
      <ErrorAlert error={programmes.error ?? q.error} />
      {call && (
        <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('择优上报截止日', 'Lists due on')}>
            {call.preReviewDueOn ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('拟公布数量', 'Regions to announce')}>
            {call.minDesignations ?? '—'}–{call.maxDesignations ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('已认定', 'Designated')}>{call.designated}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<Province>
        rowKey="provinceCode"
        loading={q.isLoading}
        dataSource={q.data?.provinces}
        pagination={false}
        expandable={{
          rowExpandable: (p) => p.ranked.length > 0,
          expandedRowRender: (p) => (
            <ol>
              {p.ranked.map((r) => (
                <li key={r.applicationId}>
                  {r.organisationName}（{r.reference}） <StateTag state={r.state} />
                </li>
              ))}
            </ol>
          ),
        }}
        columns={[
          { title: t('省份', 'Province'), dataIndex: 'provinceName' },
          { title: t('申报数', 'Applications'), dataIndex: 'applications' },
          { title: t('初审通过（上报）', 'Forwarded'), dataIndex: 'forwarded' },
          { title: t('上报情况', 'List'), dataIndex: 'status', render: (v: string) => <RankingStatusTag status={v} /> },
          {
            title: t('上报时间', 'Submitted at'),
            dataIndex: 'submittedAt',
            render: (v: string | null) => formatTime(v),
          },
        ]}
      />
      {own && own.status !== 'on_time' && own.status !== 'late' && (
        <Card size="small" style={{ marginTop: 16 }} title={t('本省择优排序', "Your province's ranking")}>
          <ErrorAlert error={submit.error} />
          {order.length === 0 ? (
            <Alert
              type="info"
              showIcon
              message={t('尚无通过复核的申报', 'No application has passed your re-check yet')}
            />
          ) : (
            <Table<Candidate>
              rowKey="applicationId"
              pagination={false}
              dataSource={order}
              columns={[
                { title: t('排序', 'Rank'), key: 'rank', render: (_, __, i) => i + 1 },
                { title: t('申报地区', 'Applicant'), dataIndex: 'organisationName' },
                { title: t('申报编号', 'Reference'), dataIndex: 'reference' },
                {
                  title: t('调整', 'Move'),
                  key: 'move',
                  render: (_, __, i) => (
                    <Space>
                      <Button size="small" disabled={i === 0} onClick={() => setOrder(moved(order, i, -1))}>
                        {t('上移', 'Up')}
                      </Button>
                      <Button
                        size="small"
                        disabled={i === order.length - 1}
                        onClick={() => setOrder(moved(order, i, 1))}
                      >
                        {t('下移', 'Down')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={submit.isPending}
            disabled={order.length === 0}
            onClick={() => submit.mutate()}
          >
            {t('提交择优上报名单', 'Submit the ranked list')}
          </Button>
        </Card>
      )}
    </Card>
  );
}
