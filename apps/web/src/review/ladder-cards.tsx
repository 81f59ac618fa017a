import { Card, Descriptions, Empty, Table } from 'antd';
import { Link } from 'react-router';
import type { components } from '../api/client';
import { StateTag } from '../common/tags';
import { LEVELS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

type Detail = components['schemas']['ApplicationDetailView'];
type Station = components['schemas']['BaseStationView'];
type Linked = components['schemas']['LinkedApplicationView'];

/** The recommendation links of an application: recommended by the level below (with its scores), recommended to above. */
export function RecommendationLinksCard({ application }: { application: Detail }) {
  const t = useT();
  const from = application.recommendedFrom;
  const to = application.recommendedTo;
  if (!from && to.length === 0) return null;
  return (
    <Card
      title={t('逐级推荐', 'Recommendation upward')}
      style={{ marginBottom: 16 }}
      data-testid="recommendation-links"
    >
      {from ? (
        <Descriptions
          size="small"
          column={1}
          title={t('推荐来源（下级认定，只读）', 'Recommended by (the lower designation, read-only)')}
          items={[
            {
              key: 'ref',
              label: t('下级认定', 'Lower designation'),
              children: <Link to={`/applications/${from.id}`}>{from.reference}</Link>,
            },
            { key: 'level', label: t('层级', 'Level'), children: t.term(LEVELS, from.level) },
            { key: 'state', label: t('状态', 'State'), children: <StateTag state={from.state} /> },
            { key: 'valid', label: t('有效期至', 'Valid until'), children: from.validUntil ?? '—' },
            {
              key: 'score',
              label: t('下级综合得分', 'Lower aggregate score'),
              children: from.aggregateScore
                ? `${from.aggregateScore}（${t('合格线', 'pass mark')} ${from.passMark}；${t('各专家', 'panel')} ${from.panelScores.join(' / ')}）`
                : '—',
            },
          ]}
        />
      ) : null}
      {to.length > 0 ? (
        <Table<Linked>
          size="small"
          rowKey="id"
          pagination={false}
          title={() => t('已推荐至上级', 'Recommended to')}
          dataSource={to}
          columns={[
            {
              title: t('编号', 'Reference'),
              key: 'ref',
              render: (_, r) => <Link to={`/applications/${r.id}`}>{r.reference}</Link>,
            },
            { title: t('认定项目', 'Programme'), dataIndex: 'programmeCode' },
            { title: t('层级', 'Level'), key: 'level', render: (_, r) => t.term(LEVELS, r.level) },
            { title: t('状态', 'State'), key: 'state', render: (_, r) => <StateTag state={r.state} /> },
          ]}
        />
      ) : null}
    </Card>
  );
}

/** The designated stations a demonstration base is built on, with their state and validity today. */
export function BaseStationsCard({ stations }: { stations: Station[] }) {
  const t = useT();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card title={t('依托的示范站', 'Stations the base is built on')} style={{ marginBottom: 16 }}>
      {stations.length === 0 ? (
        <Empty description={t('未列明示范站', 'No stations')} />
      ) : (
        <Table<Station>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={stations}
          data-testid="base-stations"
          columns={[
            {
              title: t('编号', 'Reference'),
              key: 'ref',
              render: (_, s) => <Link to={`/applications/${s.id}`}>{s.reference}</Link>,
            },
            { title: t('示范站', 'Station'), dataIndex: 'organisationName' },
            { title: t('辖区', 'Jurisdiction'), dataIndex: 'jurisdictionCode' },
            { title: t('状态', 'State'), key: 'state', render: (_, s) => <StateTag state={s.state} /> },
            {
              title: t('有效期至', 'Valid until'),
              key: 'valid',
              render: (_, s) =>
                s.validUntil === null
                  ? t('长期', 'no end')
                  : s.validUntil < today
                    ? `${s.validUntil} ${t('（已过期）', '(expired)')}`
                    : s.validUntil,
            },
          ]}
        />
      )}
    </Card>
  );
}

/** The link a history row carries: "推荐至 …" on the lower application, "由 … 推荐" on the upper one. */
export function RecommendationLine({ payload }: { payload: Record<string, unknown> }) {
  const t = useT();
  const to = payload.recommendedTo as { applicationId: string; reference: string; programmeCode: string } | undefined;
  const by = payload.recommendedBy as { applicationId: string; reference: string; bureauCode: string } | undefined;
  if (to)
    return (
      <div>
        {t('推荐至：', 'Recommended to: ')}
        <Link to={`/applications/${to.applicationId}`}>{to.reference}</Link>（{to.programmeCode}）
      </div>
    );
  if (by)
    return (
      <div>
        {t('推荐来源：', 'Recommended by: ')}
        <Link to={`/applications/${by.applicationId}`}>{by.reference}</Link>（{by.bureauCode}）
      </div>
    );
  return null;
}
