import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table } from 'antd';
import { api, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useProgrammes } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { APPLICATION_STATES, LEVELS, UNIT_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

/** Applications of the user's jurisdiction by state, and by programme, kind and level. */
export default function ReportsPage() {
  const t = useT();
  const programmes = useProgrammes();
  const q = useQuery({
    queryKey: ['counts'],
    queryFn: () => ok(api.GET('/reports/counts')),
  });
  const c = q.data;
  return (
    <Card>
      <PageTitle
        extra={
          <ExportButton
            name="申请统计"
            download={(format) =>
              ok(api.GET('/reports/dashboard/export', { params: { query: { format } }, parseAs: 'blob' }))
            }
          />
        }
      >
        {t('统计报表', 'Counts by state')}
      </PageTitle>
      <ErrorAlert error={q.error} />
      {c ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
            <Col xs={12} md={6} xl={4}>
              <Statistic title={t('申请总数', 'All applications')} value={c.total} />
            </Col>
            {Object.keys(APPLICATION_STATES).map((s) => (
              <Col xs={12} md={6} xl={4} key={s}>
                <Statistic title={t.term(APPLICATION_STATES, s)} value={c.byState[s] ?? 0} />
              </Col>
            ))}
          </Row>
          <Table
            size="small"
            rowKey={(r) => `${r.programmeId}-${r.unitKind}-${r.level}-${r.state}`}
            dataSource={c.rows}
            pagination={false}
            columns={[
              {
                title: t('认定项目', 'Programme'),
                dataIndex: 'programmeId',
                render: (v: string) => programmes.data?.find((p) => p.id === v)?.name ?? v,
              },
              { title: t('类别', 'Kind'), dataIndex: 'unitKind', render: (v: string) => t.term(UNIT_KINDS, v) },
              { title: t('层级', 'Level'), dataIndex: 'level', render: (v: string) => t.term(LEVELS, v) },
              { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => t.term(APPLICATION_STATES, v) },
              { title: t('数量', 'Count'), dataIndex: 'count' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
