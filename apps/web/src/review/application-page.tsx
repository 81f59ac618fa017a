import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Table, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useProgrammes } from '../common/reference-data';
import { StateTag, ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { APPLICATION_EVENTS, APPLICATION_STATES, LEVELS, ROLES, UNIT_KINDS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { rulesOf } from '../common/rules';
import { MaterialsChecklist } from '../applicant/materials-editor';
import { ScoreForm } from '../evaluator/score-form';
import { EventActions } from './event-actions';
import { DownloadsCard } from './downloads-card';
import { ExpertDrawPanel } from './expert-draw-panel';
import { type KnownFile, materialChange, stateChange } from './history-detail';
import { ObjectionsPanel } from './objections-panel';
import { BaseStationsCard, RecommendationLine, RecommendationLinksCard } from './ladder-cards';
import { ReinspectionsCard } from './reinspections-card';
import { overridesUsed } from '../quotas/quota-roles';
import { formatDue } from '../common/due';

type History = components['schemas']['HistoryView'];
type Member = components['schemas']['PanelMemberView'];

/** One application: its facts, the steps allowed now, the materials, the panel, objections and the timeline. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const t = useT();
  const session = useSession();
  const role = session?.user.role;
  const programmes = useProgrammes();
  const jurisdiction = useJurisdictionName();
  const detail = useQuery({
    queryKey: ['application', id],
    queryFn: () => ok(api.GET('/applications/{id}', { params: { path: { id } } })),
  });
  const history = useQuery({
    queryKey: ['application', id, 'history', detail.data?.version],
    enabled: Boolean(detail.data),
    queryFn: () => ok(api.GET('/applications/{id}/history', { params: { path: { id } } })),
  });
  const panel = useQuery({
    queryKey: ['application', id, 'panel', detail.data?.version],
    enabled: Boolean(detail.data) && (role === 'regulator' || role === 'evaluator' || role === 'admin'),
    queryFn: () => ok(api.GET('/applications/{id}/evaluators', { params: { path: { id } } })),
  });
  // the files' names for the timeline's material steps (the same query as the materials checklist's)
  const files = useQuery({
    queryKey: ['files', id],
    enabled: Boolean(detail.data) && role !== 'admin',
    queryFn: () => ok(api.GET('/applications/{id}/files', { params: { path: { id } } })),
  });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const a = detail.data;
  if (!a) return <Card loading />;
  const rules = rulesOf(a.rules);
  const programme = programmes.data?.find((p) => p.id === a.programmeId);
  const myMember = panel.data?.find((m) => m.evaluatorId === session?.user.id && m.status === 'active');
  const aggregate = a.aggregateScore;
  const passed = a.passed;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <PageTitle extra={<StateTag state={a.state} />}>{a.title}</PageTitle>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'ref', label: t('编号', 'Reference'), children: a.reference },
            { key: 'prog', label: t('认定项目', 'Programme'), children: programme?.name ?? a.programmeId },
            { key: 'kind', label: t('类别', 'Kind'), children: t.term(UNIT_KINDS, a.unitKind) },
            { key: 'level', label: t('层级', 'Level'), children: t.term(LEVELS, a.level) },
            { key: 'jur', label: t('辖区', 'Jurisdiction'), children: jurisdiction(a.jurisdictionCode) },
            { key: 'sub', label: t('提交时间', 'Submitted'), children: formatTime(a.submittedAt) || '—' },
            ...(a.revisionDueAt && a.state === 'revision_requested'
              ? [
                  {
                    key: 'revisionDue',
                    label: t('补正截止', 'Revision due'),
                    children: (
                      <span data-testid="revision-due">
                        {formatDue(a.revisionDueAt, t.lang)}
                        {t('（逾期未重新提交即失效）', ' (lapses unless resubmitted)')}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(a.validUntil ? [{ key: 'valid', label: t('有效期至', 'Valid until'), children: a.validUntil }] : []),
            ...(a.noticeEndsAt
              ? [{ key: 'notice', label: t('公示截止', 'Notice ends'), children: formatDue(a.noticeEndsAt, t.lang) }]
              : []),
            ...(aggregate
              ? [
                  {
                    key: 'score',
                    label: t('综合得分', 'Aggregate score'),
                    children: (
                      <span>
                        {aggregate}{' '}
                        {passed !== null ? (
                          <ToneTag tone={passed ? 'success' : 'error'}>
                            {passed ? t('达到合格线', 'passes') : t('未达合格线', 'below pass mark')}
                          </ToneTag>
                        ) : null}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(a.lastReason ? [{ key: 'reason', label: t('最近理由', 'Last reason'), children: a.lastReason }] : []),
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <EventActions application={a} />
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <MaterialsChecklist
            application={a}
            required={rules?.requiredMaterials.length ? rules.requiredMaterials : a.materials.map((m) => m.key)}
            canUpload={role === 'applicant' && (a.state === 'draft' || a.state === 'revision_requested')}
            canDossier={role !== 'applicant'}
          />
          {role === 'evaluator' && myMember && a.allowedEvents.includes('SUBMIT_SCORE') && rules ? (
            <ScoreForm application={a} rubric={rules.rubric} member={myMember} />
          ) : null}
          {role === 'regulator' && (a.state === 'acceptance' || a.allowedEvents.includes('ASSIGN_EVALUATOR')) ? (
            <ExpertDrawPanel
              applicationId={a.id}
              programmeId={a.programmeId}
              canDraw={a.allowedEvents.includes('ASSIGN_EVALUATOR')}
            />
          ) : null}
          <RecommendationLinksCard application={a} />
          {a.unitKind === 'base' ? <BaseStationsCard stations={a.stations} /> : null}
          {(role === 'regulator' || role === 'admin') && (a.state === 'designated' || a.state === 'revoked') ? (
            <ReinspectionsCard application={a} />
          ) : null}
          {panel.data ? (
            <PanelCard members={panel.data} panelSize={rules?.panelSize} programmeId={a.programmeId} />
          ) : null}
          {role === 'regulator' || role === 'applicant' || role === 'admin' ? (
            <ObjectionsPanel application={a} />
          ) : null}
          {role === 'regulator' ? (
            <DownloadsCard applicationId={a.id} titles={new Map(a.materials.map((m) => [m.key, m.title]))} />
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('办理过程', 'Timeline')}>
            <ErrorAlert error={history.error} />
            {history.data ? (
              <HistoryTimeline
                rows={history.data}
                me={session?.user.id}
                files={new Map((files.data ?? []).map((f) => [f.id, f]))}
                titles={new Map(a.materials.map((m) => [m.key, m.title]))}
              />
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function PanelCard({
  members,
  panelSize,
  programmeId,
}: {
  members: Member[];
  panelSize?: number;
  programmeId: string;
}) {
  const t = useT();
  const session = useSession();
  const me = session?.user.id;
  // the programme's expert pool names the experts for its regulators; others see no names
  const experts = useQuery({
    queryKey: ['experts', programmeId],
    enabled: session?.user.role === 'regulator',
    queryFn: () => ok(api.GET('/programmes/{id}/experts', { params: { path: { id: programmeId } } })),
  });
  const names = experts.data ? new Map(experts.data.map((x) => [x.id, x.displayName])) : undefined;
  return (
    <Card
      title={
        t('评审专家组', 'Evaluator panel') + (panelSize ? t(`（需 ${panelSize} 人）`, ` (${panelSize} needed)`) : '')
      }
      style={{ marginBottom: 16 }}
    >
      {members.length === 0 ? (
        <Empty description={t('尚未指派评审专家', 'No evaluator assigned yet')} />
      ) : (
        <Table<Member>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={members}
          columns={[
            {
              title: t('专家', 'Evaluator'),
              dataIndex: 'evaluatorId',
              render: (v: string) =>
                names?.get(v) ?? (v === me ? t('本人', 'you') : t('专家 ', 'expert ') + v.slice(0, 8)),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (v: string, m) =>
                v === 'excused' ? (
                  <ToneTag>{t('已回避', 'Excused') + (m.conflictReason ? `：${m.conflictReason}` : '')}</ToneTag>
                ) : m.scoredAt ? (
                  <ToneTag tone="success">{t('已评分', 'Scored')}</ToneTag>
                ) : (
                  <ToneTag tone="processing">{t('待评分', 'To score')}</ToneTag>
                ),
            },
            {
              title: t('加权得分', 'Weighted score'),
              dataIndex: 'weightedScore',
              // hundredths of a point: 8260 → 82.60
              render: (v: unknown) => (v === null ? '—' : (Number(v) / 100).toFixed(2)),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Every step with who (role, and "you"), when, from which state to which, and why (as the API lets the reader see). */
export function HistoryTimeline({
  rows,
  me,
  files = new Map(),
  titles,
}: {
  rows: History[];
  me?: string;
  files?: ReadonlyMap<string, KnownFile>;
  titles?: ReadonlyMap<string, string>;
}) {
  const t = useT();
  return (
    <Timeline
      items={rows.map((h) => {
        const actor = h.actorId;
        const reason = h.reason;
        const material = materialChange(h, t.lang, files, titles);
        return {
          key: h.version,
          color:
            h.toState === 'rejected' || h.toState === 'revoked' ? 'red' : h.toState === 'designated' ? 'green' : 'blue',
          children: (
            <div>
              <Typography.Text strong>{t.term(APPLICATION_EVENTS, h.event)}</Typography.Text>
              {material ? <div data-testid="history-material">{material}</div> : null}
              <div>{stateChange(h, (s) => t.term(APPLICATION_STATES, s), t.lang)}</div>
              <div style={{ color: '#595959' }}>
                {formatTime(h.at)} · {t.term(ROLES, h.actorRole)}
                {actor && actor === me ? t('（本人）', ' (you)') : ''}
              </div>
              {reason ? <div>{t('理由：', 'Reason: ') + reason}</div> : null}
              {overridesUsed(h.payload).map((o) => (
                <div key={o.jurisdictionCode}>
                  {t(
                    `使用上级追加名额（${o.jurisdictionCode}，${o.extraPlaces} 个）：${o.reason}`,
                    `Took a place added by override (${o.jurisdictionCode}, ${o.extraPlaces}): ${o.reason}`,
                  )}
                </div>
              ))}
              <RecommendationLine payload={h.payload} />
              {h.withheld?.length ? (
                <div style={{ color: '#595959' }}>
                  {t('部分信息依规不予显示', 'Some details are withheld from you')}
                </div>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
