import { useQuery } from '@tanstack/react-query';
import { Button, Card, Modal, Table, Tabs } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { api, type components, ok } from '../api/client';
import { StateTag } from '../common/tags';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { LEVELS, UNIT_KINDS } from '../i18n/dictionary';
import { formatDate, useT } from '../i18n/locale';
import { formatDue } from '../common/due';

type Entry = components['schemas']['RegisterEntryView'];
// the form (and its Form and Input) loads when someone objects, not with the register
const ObjectionForm = lazy(() => import('./objection-form'));
type RegisterState = 'public_notice' | 'designated' | 'revoked';

function RegisterTable({ state }: { state: RegisterState }) {
  const t = useT();
  const jurisdiction = useJurisdictionName();
  const [page, setPage] = useState(1);
  const [objecting, setObjecting] = useState<Entry | null>(null);
  const q = useQuery({
    queryKey: ['public-register', state, page],
    queryFn: () => ok(api.GET('/public/register', { params: { query: { state, page, pageSize: 20 } } })),
  });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table<Entry>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage }}
        columns={[
          { title: t('编号', 'Reference'), dataIndex: 'reference' },
          { title: t('名称', 'Title'), dataIndex: 'title' },
          { title: t('类别', 'Kind'), dataIndex: 'unitKind', render: (v: string) => t.term(UNIT_KINDS, v) },
          { title: t('层级', 'Level'), dataIndex: 'level', render: (v: string) => t.term(LEVELS, v) },
          { title: t('辖区', 'Jurisdiction'), dataIndex: 'jurisdictionCode', render: (v: string) => jurisdiction(v) },
          { title: t('状态', 'State'), dataIndex: 'state', render: (v: string) => <StateTag state={v} /> },
          state === 'public_notice'
            ? {
                title: t('公示截止', 'Notice ends'),
                key: 'ends',
                render: (_: unknown, r: Entry) => formatDue(r.noticeEndsAt, t.lang),
              }
            : {
                title: t('认定日期 / 有效期至', 'Designated / valid until'),
                key: 'dates',
                render: (_: unknown, r: Entry) =>
                  `${formatDate(r.designatedAt)}${r.validUntil ? ' / ' + r.validUntil : ''}`,
              },
          ...(state === 'public_notice'
            ? [
                {
                  title: t('操作', 'Action'),
                  key: 'object',
                  render: (_: unknown, r: Entry) => (
                    <Button onClick={() => setObjecting(r)}>{t('提出异议', 'Object')}</Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={Boolean(objecting)}
        title={t('对公示提出异议：', 'Object to: ') + (objecting?.title ?? '')}
        footer={null}
        destroyOnHidden
        onCancel={() => setObjecting(null)}
      >
        {objecting ? (
          <Suspense fallback={null}>
            <ObjectionForm applicationId={objecting.id} onDone={() => setObjecting(null)} />
          </Suspense>
        ) : null}
      </Modal>
    </>
  );
}

/** The public register (no sign-in): open notices with the objection form, designations, revocations. */
export default function PublicRegisterPage() {
  const t = useT();
  return (
    <Card>
      <PageTitle>{t('公示与认定名录', 'Public notices and register')}</PageTitle>
      <Tabs
        items={[
          { key: 'notice', label: t('正在公示', 'Open notices'), children: <RegisterTable state="public_notice" /> },
          { key: 'designated', label: t('认定名录', 'Designations'), children: <RegisterTable state="designated" /> },
          { key: 'revoked', label: t('已撤销', 'Revoked'), children: <RegisterTable state="revoked" /> },
        ]}
      />
    </Card>
  );
}
