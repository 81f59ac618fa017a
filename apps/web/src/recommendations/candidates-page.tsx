import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useProgrammes } from '../common/reference-data';
import { StateTag, ToneTag, type Tone } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { LEVELS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { candidateCountHint, mayAddCandidate } from './candidate-counts';

type CandidateList = components['schemas']['CandidateListView'];
type Candidate = components['schemas']['CandidateView'];

const STATUS: Record<string, [string, string, Tone]> = {
  listed: ['拟推荐', 'listed', 'processing'],
  withdrawn: ['已撤回', 'withdrawn', 'default'],
  recommended: ['已推荐', 'recommended', 'success'],
};

/**
 * 推荐名单: the regulator's candidate list for a programme of the level above (recommend, withdraw, submit as a
 * whole) and, for the programme's own regulators, the candidates received from every bureau below.
 */
export default function CandidatesPage() {
  const t = useT();
  const programmes = useProgrammes();
  const recommending = (programmes.data ?? []).filter((p) => p.intake === 'recommendation');
  const [programmeId, setProgrammeId] = useState<string | undefined>();
  const programme = recommending.find((p) => p.id === programmeId);
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <PageTitle>{t('推荐名单', 'Candidate lists')}</PageTitle>
        <ErrorAlert error={programmes.error} />
        <Space wrap>
          <span>{t('上级认定项目', 'Programme of the level above')}</span>
          <Select
            style={{ minWidth: 360 }}
            aria-label={t('上级认定项目', 'Programme of the level above')}
            placeholder={t('选择接受推荐的认定项目', 'Choose a programme taking recommendations')}
            value={programmeId}
            onChange={setProgrammeId}
            loading={programmes.isLoading}
            options={recommending.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))}
          />
        </Space>
      </Card>
      {programme ? (
        <>
          <MyListCard programmeId={programme.id} programmeLevel={programme.level} unitKind={programme.unitKind} />
          <ReceivedCard programmeId={programme.id} />
        </>
      ) : null}
    </>
  );
}

/** The caller's own bureau's list: add designations of the subtree, withdraw them, submit the list as a whole. */
function MyListCard({
  programmeId,
  programmeLevel,
  unitKind,
}: {
  programmeId: string;
  programmeLevel: string;
  unitKind: string;
}) {
  const t = useT();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const mine = useQuery({
    queryKey: ['candidates', programmeId, 'mine'],
    queryFn: () => ok(api.GET('/programmes/{id}/candidates/mine', { params: { path: { id: programmeId } } })),
  });
  const designated = useQuery({
    queryKey: ['applications', 'designated', unitKind],
    queryFn: () =>
      ok(
        api.GET('/applications', {
          params: { query: { state: 'designated', unitKind: unitKind as never, pageSize: 100 } },
        }),
      ),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['candidates', programmeId] });
  const add = useMutation({
    mutationFn: (applicationId: string) =>
      ok(api.POST('/programmes/{id}/candidates', { params: { path: { id: programmeId } }, body: { applicationId } })),
    onSuccess: async () => {
      setChosen(undefined);
      await refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (candidateId: string) =>
      ok(
        api.POST('/programmes/{id}/candidates/{candidateId}/withdraw', {
          params: { path: { id: programmeId, candidateId } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: async () => {
      setReason('');
      await refresh();
    },
  });
  const submit = useMutation({
    mutationFn: () => ok(api.POST('/programmes/{id}/candidates/submit', { params: { path: { id: programmeId } } })),
    onSuccess: refresh,
  });
  const list = mine.data;
  const listed = list?.candidates.filter((c) => c.status === 'listed').length ?? 0;
  const onList = new Set(list?.candidates.filter((c) => c.status !== 'withdrawn').map((c) => c.applicationId));
  const below = (designated.data?.items ?? []).filter(
    (a) => LEVEL_RANK[a.level] < LEVEL_RANK[programmeLevel] && !onList.has(a.id),
  );
  const draft = list?.state === 'draft';
  return (
    <Card
      title={t('本单位推荐名单', "Your bureau's list")}
      style={{ marginBottom: 16 }}
      extra={
        list ? (
          <ToneTag tone={draft ? 'processing' : 'success'}>
            {draft ? t('草稿', 'draft') : t('已报送', 'submitted')}
          </ToneTag>
        ) : null
      }
    >
      <ErrorAlert error={mine.error ?? add.error ?? withdraw.error ?? submit.error ?? designated.error} />
      {list ? (
        <Typography.Paragraph>
          {candidateCountHint(listed, list.minCandidates, list.maxCandidates, t.lang)}
        </Typography.Paragraph>
      ) : null}
      {draft ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            style={{ minWidth: 360 }}
            aria-label={t('选择本辖区已认定单位', 'Choose a designation of your jurisdiction')}
            placeholder={t('选择本辖区已认定单位', 'Choose a designation of your jurisdiction')}
            value={chosen}
            onChange={setChosen}
            loading={designated.isLoading}
            options={below.map((a) => ({ value: a.id, label: `${a.reference} ${a.title}` }))}
          />
          <Button
            type="primary"
            disabled={!chosen || !mayAddCandidate(listed, list?.maxCandidates ?? null)}
            loading={add.isPending}
            onClick={() => chosen && add.mutate(chosen)}
          >
            {t('加入推荐名单', 'Recommend')}
          </Button>
          <Popconfirm
            title={t(
              '名单将整体报送上级，报送后不能再修改。确定报送？',
              'The list goes up as a whole and cannot change afterwards. Submit?',
            )}
            onConfirm={() => submit.mutate()}
          >
            <Button loading={submit.isPending} disabled={listed === 0}>
              {t('报送名单', 'Submit the list')}
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      <CandidatesTable
        candidates={list?.candidates ?? []}
        loading={mine.isLoading}
        action={(c) =>
          draft && c.status === 'listed' ? (
            <Popconfirm
              title={
                <Form layout="vertical">
                  <Form.Item label={t('撤回理由（可选）', 'Reason (optional)')} style={{ marginBottom: 0 }}>
                    <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
                  </Form.Item>
                </Form>
              }
              onConfirm={() => withdraw.mutate(c.id)}
            >
              <Button size="small">{t('撤回', 'Withdraw')}</Button>
            </Popconfirm>
          ) : null
        }
      />
    </Card>
  );
}

/** Every list the caller may read: for the programme's regulators, the candidates received from the bureaus below. */
function ReceivedCard({ programmeId }: { programmeId: string }) {
  const t = useT();
  const jurisdiction = useJurisdictionName();
  const lists = useQuery({
    queryKey: ['candidates', programmeId, 'all'],
    queryFn: () => ok(api.GET('/programmes/{id}/candidates', { params: { path: { id: programmeId } } })),
  });
  return (
    <Card title={t('收到的推荐', 'Candidates received')}>
      <ErrorAlert error={lists.error} />
      {lists.data?.length === 0 ? <Empty description={t('暂无推荐名单', 'No lists yet')} /> : null}
      {(lists.data ?? []).map((l: CandidateList) => (
        <div key={l.id ?? l.bureauCode} style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {jurisdiction(l.bureauCode)}{' '}
            <ToneTag tone={l.state === 'submitted' ? 'success' : 'processing'}>
              {l.state === 'submitted' ? t('已报送', 'submitted') : t('草稿', 'draft')}
            </ToneTag>{' '}
            {l.submittedAt ? formatTime(l.submittedAt) : ''}
          </Typography.Title>
          <CandidatesTable candidates={l.candidates} loading={false} />
        </div>
      ))}
    </Card>
  );
}

function CandidatesTable({
  candidates,
  loading,
  action,
}: {
  candidates: Candidate[];
  loading: boolean;
  action?: (c: Candidate) => React.ReactNode;
}) {
  const t = useT();
  return (
    <Table<Candidate>
      size="small"
      rowKey="id"
      pagination={false}
      loading={loading}
      dataSource={candidates}
      columns={[
        {
          title: t('下级认定', 'Designation'),
          key: 'ref',
          render: (_, c) => <Link to={`/applications/${c.applicationId}`}>{c.reference}</Link>,
        },
        { title: t('单位', 'Organisation'), dataIndex: 'organisationName' },
        { title: t('层级', 'Level'), key: 'level', render: (_, c) => t.term(LEVELS, c.level) },
        { title: t('认定状态', 'State'), key: 'state', render: (_, c) => <StateTag state={c.state} /> },
        { title: t('有效期至', 'Valid until'), key: 'valid', render: (_, c) => c.validUntil ?? '—' },
        {
          title: t('推荐状态', 'Status'),
          key: 'status',
          render: (_, c) => (
            <ToneTag tone={STATUS[c.status]?.[2] ?? 'default'}>
              {t(STATUS[c.status]?.[0] ?? c.status, STATUS[c.status]?.[1] ?? c.status)}
            </ToneTag>
          ),
        },
        {
          title: t('上级申请', 'Upper application'),
          key: 'upper',
          render: (_, c) =>
            c.upperApplicationId ? <Link to={`/applications/${c.upperApplicationId}`}>{c.upperReference}</Link> : '—',
        },
        ...(action
          ? [{ title: t('操作', 'Action'), key: 'action', render: (_: unknown, c: Candidate) => action(c) }]
          : []),
      ]}
    />
  );
}

const LEVEL_RANK: Record<string, number> = { district: 0, city: 1, province: 2, national: 3 };
