import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Table, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, type components, ok } from '../api/client';
import { rulesOf, scalar } from '../api/pending-openapi';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useProgrammes } from '../common/reference-data';
import { StateTag, ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { APPLICATION_EVENTS, APPLICATION_STATES, LEVELS, MATERIALS, ROLES, UNIT_KINDS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { MaterialsEditor } from '../applicant/materials-editor';
import { ScoreForm } from '../evaluator/score-form';
import { EventActions } from './event-actions';
import { ObjectionsPanel } from './objections-panel';

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
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const a = detail.data;
  if (!a) return <Card loading />;
  const rules = rulesOf(a.rules);
  const programme = programmes.data?.find((p) => p.id === a.programmeId);
  const myMember = panel.data?.find((m) => m.evaluatorId === session?.user.id && m.status === 'active');
  const aggregate = scalar(a.aggregateScore);
  const passed = scalar(a.passed);
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
            { key: 'sub', label: t('提交时间', 'Submitted'), children: formatTime(scalar(a.submittedAt)) || '—' },
            ...(scalar(a.noticeEndsAt)
              ? [{ key: 'notice', label: t('公示截止', 'Notice ends'), children: formatTime(scalar(a.noticeEndsAt)) }]
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
                          <ToneTag tone={passed === 'true' ? 'success' : 'error'}>
                            {passed === 'true' ? t('达到合格线', 'passes') : t('未达合格线', 'below pass mark')}
                          </ToneTag>
                        ) : null}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(scalar(a.lastReason)
              ? [{ key: 'reason', label: t('最近理由', 'Last reason'), children: scalar(a.lastReason) }]
              : []),
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <EventActions application={a} />
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {role === 'applicant' && (a.state === 'draft' || a.state === 'revision_requested') && rules ? (
            <MaterialsEditor application={a} required={rules.requiredMaterials} />
          ) : (
            <Card title={t('申报材料', 'Materials')} style={{ marginBottom: 16 }}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={a.materials}
                columns={[
                  { title: t('材料', 'Material'), dataIndex: 'key', render: (k: string) => t.term(MATERIALS, k) },
                  { title: t('标题', 'Title'), dataIndex: 'title' },
                  { title: t('存档位置', 'Reference'), dataIndex: 'reference' },
                ]}
              />
            </Card>
          )}
          {role === 'evaluator' && myMember && a.allowedEvents.includes('SUBMIT_SCORE') && rules ? (
            <ScoreForm application={a} rubric={rules.rubric} member={myMember} />
          ) : null}
          {panel.data ? (
            <PanelCard members={panel.data} panelSize={rules?.panelSize} programmeId={a.programmeId} />
          ) : null}
          {role === 'regulator' || role === 'applicant' || role === 'admin' ? (
            <ObjectionsPanel application={a} />
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('办理过程', 'Timeline')}>
            <ErrorAlert error={history.error} />
            {history.data ? <HistoryTimeline rows={history.data} me={session?.user.id} /> : null}
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
                  <ToneTag>
                    {t('已回避', 'Excused') + (scalar(m.conflictReason) ? `：${scalar(m.conflictReason)}` : '')}
                  </ToneTag>
                ) : scalar(m.scoredAt) ? (
                  <ToneTag tone="success">{t('已评分', 'Scored')}</ToneTag>
                ) : (
                  <ToneTag tone="processing">{t('待评分', 'To score')}</ToneTag>
                ),
            },
            {
              title: t('加权得分', 'Weighted score'),
              dataIndex: 'weightedScore',
              // hundredths of a point: 8260 → 82.60
              render: (v: unknown) => (scalar(v) === null ? '—' : (Number(scalar(v)) / 100).toFixed(2)),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Every step with who (role, and "you"), when, from which state to which, and why (as the API lets the reader see). */
export function HistoryTimeline({ rows, me }: { rows: History[]; me?: string }) {
  const t = useT();
  return (
    <Timeline
      items={rows.map((h) => {
        const actor = scalar(h.actorId);
        const reason = scalar(h.reason);
        const from = scalar(h.fromState);
        return {
          key: h.version,
          color:
            h.toState === 'rejected' || h.toState === 'revoked' ? 'red' : h.toState === 'designated' ? 'green' : 'blue',
          children: (
            <div>
              <Typography.Text strong>{t.term(APPLICATION_EVENTS, h.event)}</Typography.Text>
              <div>
                {from ? `${t.term(APPLICATION_STATES, from)} → ` : ''}
                {t.term(APPLICATION_STATES, h.toState)}
              </div>
              <div style={{ color: '#595959' }}>
                {formatTime(h.at)} · {t.term(ROLES, h.actorRole)}
                {actor && actor === me ? t('（本人）', ' (you)') : ''}
              </div>
              {reason ? <div>{t('理由：', 'Reason: ') + reason}</div> : null}
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
