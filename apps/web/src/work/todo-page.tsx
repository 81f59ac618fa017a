import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { StateTag, ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { APPLICATION_EVENTS, TODO_STEPS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { formatDue } from '../common/due';
import { noWrap } from '../common/columns';

type Todo = components['schemas']['TodoItemView'];
type Done = components['schemas']['DoneItemView'];

/** Where a to-do or done item's subject opens in the console. */
export const subjectPath = (kind: string, id: string) =>
  kind === 'application' ? `/applications/${id}` : kind === 'disbursement' ? `/finance/disbursements/${id}` : '/';

/** 待办 and 已办: what waits for the user (overdue first, in red) and what they did, each linked to its subject. */
export default function TodoPage() {
  const t = useT();
  const [tab, setTab] = useState('todo');
  const [page, setPage] = useState(1);
  const [donePage, setDonePage] = useState(1);
  const todo = useQuery({
    queryKey: ['todo', page],
    queryFn: () => ok(api.GET('/me/todo', { params: { query: { page, pageSize: 20 } } })),
  });
  const done = useQuery({
    queryKey: ['done', donePage],
    enabled: tab === 'done',
    queryFn: () => ok(api.GET('/me/done', { params: { query: { page: donePage, pageSize: 20 } } })),
  });
  const todoTable = (
    <Table<Todo>
      rowKey="id"
      loading={todo.isLoading}
      dataSource={todo.data?.items}
      pagination={{ current: page, pageSize: 20, total: todo.data?.total, onChange: setPage }}
      locale={{ emptyText: <Empty description={t('暂无待办事项', 'Nothing waits for you')} /> }}
      columns={[
        {
          title: t('期限', 'Due'),
          key: 'due',
          render: (_, r) =>
            r.dueAt ? (
              <Space orientation="vertical" size={0}>
                <span style={r.overdue ? { color: '#a8071a', fontWeight: 600 } : undefined}>
                  {formatDue(r.dueAt, t.lang)}
                </span>
                {r.overdue ? (
                  <ToneTag tone="error">
                    {t(
                      `已逾期 ${-(r.workingDaysLeft ?? 0)} 个工作日`,
                      `overdue by ${-(r.workingDaysLeft ?? 0)} working days`,
                    )}
                  </ToneTag>
                ) : (
                  <ToneTag tone={(r.workingDaysLeft ?? 99) <= 2 ? 'warning' : 'default'}>
                    {t(`剩余 ${r.workingDaysLeft} 个工作日`, `${r.workingDaysLeft} working days left`)}
                  </ToneTag>
                )}
              </Space>
            ) : (
              t('无期限', 'No time limit')
            ),
        },
        {
          title: t('事项', 'Subject'),
          key: 'subject',
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <Link to={subjectPath(r.subjectKind, r.subjectId)}>{r.reference}</Link>
              <Typography.Text>{r.title}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('待办环节', 'Step'),
          key: 'step',
          render: (_, r) => <ToneTag tone="processing">{t.term(TODO_STEPS, r.step)}</ToneTag>,
        },
        {
          title: t('可执行操作', 'Next steps'),
          key: 'next',
          render: (_, r) =>
            r.nextSteps.length ? r.nextSteps.map((e) => t.term(APPLICATION_EVENTS, e)).join('、') : '—',
        },
        { title: t('进入环节', 'Since'), dataIndex: 'enteredAt', ...noWrap, render: (v: string) => formatTime(v) },
      ]}
    />
  );
  const doneTable = (
    <Table<Done>
      rowKey={(r) => `${r.subjectId}-${r.at}-${r.event}`}
      loading={done.isLoading}
      dataSource={done.data?.items}
      pagination={{ current: donePage, pageSize: 20, total: done.data?.total, onChange: setDonePage }}
      locale={{ emptyText: <Empty description={t('暂无已办事项', 'Nothing done yet')} /> }}
      columns={[
        { title: t('办理时间', 'When'), dataIndex: 'at', ...noWrap, render: (v: string) => formatTime(v) },
        {
          title: t('事项', 'Subject'),
          key: 'subject',
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              <Link to={subjectPath(r.subjectKind, r.subjectId)}>{r.reference}</Link>
              <Typography.Text>{r.title}</Typography.Text>
            </Space>
          ),
        },
        { title: t('操作', 'Action'), dataIndex: 'event', render: (v: string) => t.term(APPLICATION_EVENTS, v) },
        {
          title: t('办理后状态', 'Now'),
          dataIndex: 'toState',
          render: (v: string, r) => (r.subjectKind === 'application' ? <StateTag state={v} /> : v),
        },
      ]}
    />
  );
  return (
    <Card>
      <PageTitle
        extra={
          // beside the title, not in the tab bar: a tablist holds tabs only (axe: aria-required-children)
          <ExportButton
            key={tab}
            name={tab === 'done' ? '已办事项' : '待办事项'}
            download={(format) =>
              tab === 'done'
                ? ok(api.GET('/me/done/export', { params: { query: { format } }, parseAs: 'blob' }))
                : ok(api.GET('/me/todo/export', { params: { query: { format } }, parseAs: 'blob' }))
            }
          />
        }
      >
        {t('待办事项', 'To do')}
      </PageTitle>
      <ErrorAlert error={todo.error ?? done.error} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'todo',
            label: t(`待办（${todo.data?.total ?? 0}）`, `To do (${todo.data?.total ?? 0})`),
            children: todoTable,
          },
          { key: 'done', label: t('已办', 'Done'), children: doneTable },
        ]}
      />
    </Card>
  );
}
