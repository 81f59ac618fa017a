import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';
import { useEditions } from './service-month-page';
import { ACTIVITY_KINDS, label, MEDIA_LEVELS } from './stats-terms';

type Activity = components['schemas']['ActivityView'];
type Fields = Omit<components['schemas']['UpdateActivityDto'], 'version'>;
type Count = 'enterprises' | 'participants' | 'materials' | 'quantity';

const COUNTS: [Count, string, string][] = [
  ['enterprises', '参与企业(家)', 'Enterprises'],
  ['participants', '参与人数(人次)', 'Participants'],
  ['materials', '发放材料/问卷(份)', 'Materials'],
  ['quantity', '数量(条/件/篇)', 'Items'],
];

/** 活动台账: the service activities of the caller's jurisdiction, recorded, corrected and deleted until submitted. */
export default function ActivitiesPage() {
  const t = useT();
  const client = useQueryClient();
  const editions = useEditions();
  const [edition, setEdition] = useState<string>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [form] = Form.useForm<Fields>();
  const code = edition ?? editions.data?.[0]?.code;
  const list = useQuery({
    queryKey: ['activities', code, page],
    enabled: !!code,
    queryFn: () => ok(api.GET('/reports/activities', { params: { query: { edition: code, page, pageSize: 20 } } })),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['activities'] });
  const save = useMutation({
    mutationFn: async (fields: Fields) => {
      if (editing === 'new') return ok(api.POST('/reports/activities', { body: { ...fields, edition: code! } }));
      const a = editing as Activity;
      return ok(
        api.PUT('/reports/activities/{id}', {
          params: { path: { id: a.id } },
          body: { ...fields, version: a.version },
        }),
      );
    },
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (a: Activity) =>
      ok(api.DELETE('/reports/activities/{id}', { params: { path: { id: a.id }, query: { version: a.version } } })),
    onSuccess: refresh,
  });
  const open = (a: Activity | 'new') => {
    setEditing(a);
    save.reset();
    form.resetFields();
    if (a !== 'new') form.setFieldsValue({ ...a, mediaLevel: a.mediaLevel ?? undefined, note: a.note ?? undefined });
  };
  return (
    <Card>
      <PageTitle
        extra={
          <Space>
            <ExportButton
              name={`活动台账-${code}`}
              download={(format) =>
                ok(
                  api.GET('/reports/activities/export', {
                    params: { query: { edition: code, format } },
                    parseAs: 'blob',
                  }),
                )
              }
            />
            <Button type="primary" onClick={() => open('new')}>
              {t('登记活动', 'Record an activity')}
            </Button>
          </Space>
        }
      >
        {t('活动台账', 'Activities ledger')}
      </PageTitle>
      <Select
        aria-label={t('届次', 'Edition')}
        style={{ width: 240, marginBottom: 16 }}
        value={code}
        onChange={(v) => {
          setEdition(v);
          setPage(1);
        }}
        options={(editions.data ?? []).map((e) => ({ value: e.code, label: e.name }))}
      />
      <ErrorAlert error={list.error ?? remove.error} />
      <Table<Activity>
        size="small"
        rowKey="id"
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        columns={[
          { title: t('日期', 'Date'), dataIndex: 'heldOn' },
          { title: t('类别', 'Kind'), dataIndex: 'kind', render: (k: string) => label(ACTIVITY_KINDS, k, t.lang) },
          { title: t('活动名称', 'Activity'), dataIndex: 'title' },
          { title: t('辖区', 'Jurisdiction'), dataIndex: 'jurisdictionCode' },
          ...COUNTS.map(([key, zh, en]) => ({ title: t(zh, en), dataIndex: key })),
          {
            title: t('媒体', 'Media'),
            dataIndex: 'mediaLevel',
            render: (m: string | null) => label(MEDIA_LEVELS, m, t.lang),
          },
          {
            title: t('操作', 'Actions'),
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => open(a)}>
                  {t('修改', 'Edit')}
                </Button>
                <Popconfirm title={t('删除该活动？', 'Delete this activity?')} onConfirm={() => remove.mutate(a)}>
                  <Button size="small" danger>
                    {t('删除', 'Delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('登记活动', 'Record an activity') : t('修改活动', 'Edit activity')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={save.error} />
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('类别', 'Kind')} rules={[{ required: true }]}>
            <Select
              options={Object.keys(ACTIVITY_KINDS).map((k) => ({ value: k, label: label(ACTIVITY_KINDS, k, t.lang) }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('活动名称', 'Title')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="heldOn" label={t('日期 (YYYY-MM-DD)', 'Date (YYYY-MM-DD)')} rules={[{ required: true }]}>
            <Input placeholder="2023-06-15" />
          </Form.Item>
          <Form.Item name="jurisdictionCode" label={t('辖区代码', 'Jurisdiction code')} rules={[{ required: true }]}>
            <Input placeholder="370200" />
          </Form.Item>
          <Space wrap>
            {COUNTS.map(([key, zh, en]) => (
              <Form.Item key={key} name={key} label={t(zh, en)} rules={[{ type: 'integer', min: 0 }]}>
                <InputNumber min={0} precision={0} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="mediaLevel" label={t('媒体级别', 'Media level')}>
            <Select
              allowClear
              options={Object.keys(MEDIA_LEVELS).map((m) => ({ value: m, label: label(MEDIA_LEVELS, m, t.lang) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('备注', 'Note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
