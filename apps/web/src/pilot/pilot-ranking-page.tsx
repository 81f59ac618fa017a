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
type Listed = Candidate & { provinceName: string };

/**
 * 初步审核与择优上报: for a national pilot programme, each province's pre-review (applications, forwarded ones) and
 * ranked list (按时 / 逾期 / 逾期未报); a provincial regulator orders its forwarded applications, best first, and submits
 * the list once. The national office sees every province, late and missing lists among them, and announces its list
 * of pilot regions (公示试点地区名单): the ranked applications it evaluated, chosen together, their count held between
 * the fewest regions and the quota.
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
  const national = session?.user.jurisdictionCode === 'CN';
  // what the national office may put on notice: the provinces' ranked applications still in acceptance
  const rankedInAcceptance: Listed[] = (q.data?.provinces ?? []).flatMap((p) =>
    p.ranked.filter((r) => r.state === 'acceptance').map((r) => ({ ...r, provinceName: p.provinceName })),
  );
  const [chosen, setChosen] = useState<string[]>([]);
  const announce = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/programmes/{id}/pilot-notice', {
          params: { path: { id: programmeId! } },
          body: { applicationIds: chosen },
        }),
      ),
    onSuccess: () => {
      setChosen([]);
      return client.invalidateQueries({ queryKey: ['pilot-rankings', programmeId] });
    },
  });
  const low = call?.minDesignations ?? 1;
  const high = call?.maxDesignations ?? null;
  const count = (call?.announced ?? 0) + chosen.length;
  const fits = chosen.length > 0 && count >= low && (high === null || count <= high);
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
          <Descriptions.Item label={t('已公示', 'Announced')}>{call.announced}</Descriptions.Item>
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
      {national && call && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={t('公示试点地区名单', 'Announce the list of pilot regions')}
        >
          <Typography.Paragraph type="secondary">
            {t(
              '仅列入省级择优上报名单、专家评估通过的申报可一并公示；未列入名单的申报不进入国家级评估，只能不予认定（理由：未列入省级择优上报名单）。',
              'Only applications ranked by their province and passed by the experts go on notice together; one left off its list can only be rejected.',
            )}
          </Typography.Paragraph>
          <ErrorAlert error={announce.error} />
          <Alert
            type={fits ? 'success' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            message={t(
              `已公示 ${call.announced} 个，本次选择 ${chosen.length} 个，合计 ${count} 个；须在 ${low}–${high ?? '不限'} 个之间`,
              `${call.announced} announced, ${chosen.length} chosen, ${count} in all; must be between ${low} and ${high ?? 'any'}`,
            )}
          />
          <Table<Listed>
            rowKey="applicationId"
            pagination={false}
            dataSource={rankedInAcceptance}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]) }}
            locale={{ emptyText: t('暂无可公示的申报', 'Nothing to announce') }}
            columns={[
              { title: t('省份', 'Province'), dataIndex: 'provinceName' },
              { title: t('省内排序', 'Rank'), dataIndex: 'rank' },
              { title: t('申报地区', 'Applicant'), dataIndex: 'organisationName' },
              { title: t('申报编号', 'Reference'), dataIndex: 'reference' },
              { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <StateTag state={v} /> },
            ]}
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={announce.isPending}
            disabled={!fits}
            onClick={() => announce.mutate()}
          >
            {t('一并公示', 'Put the list on notice')}
          </Button>
        </Card>
      )}
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
