import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { noWrap } from '../common/columns';
import { PageTitle } from '../common/page-title';
import { useJurisdictions } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { useT } from '../i18n/locale';
import {
  chinaMinutes,
  editionBody,
  isNationalOffice,
  nextEditionDefaults,
  type NextEditionValues,
} from './next-edition';
import { useEditions } from './service-month-page';

type Edition = components['schemas']['EditionView'];
const FIELDS = ['code', 'name', 'title', 'periodFrom', 'periodTo', 'deadline', 'copyFrom'];

/**
 * 服务月届次: the editions of the service month with their statistics table's template (rows, sub-rows, units) and
 * the provinces' deadline; the national office opens the next one, its template copied from an earlier edition.
 */
export default function EditionsPage() {
  const t = useT();
  const session = useSession();
  const editions = useEditions();
  const jurisdictions = useJurisdictions();
  const [opening, setOpening] = useState(false);
  const national = isNationalOffice(jurisdictions.data, session?.user.jurisdictionCode);
  return (
    <Card>
      <PageTitle
        extra={
          national ? (
            <Button type="primary" onClick={() => setOpening(!opening)} disabled={!editions.data}>
              {t('开启下一届', 'Open the next edition')}
            </Button>
          ) : null
        }
      >
        {t('服务月届次', 'Service-month editions')}
      </PageTitle>
      <ErrorAlert error={editions.error} />
      {opening && editions.data ? <NextEditionForm editions={editions.data} onDone={() => setOpening(false)} /> : null}
      <Table<Edition>
        size="small"
        rowKey="id"
        loading={editions.isLoading}
        pagination={false}
        dataSource={editions.data}
        expandable={{ expandedRowRender: (e) => <TemplateRows edition={e} /> }}
        columns={[
          { title: t('编号', 'Code'), dataIndex: 'code', ...noWrap },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          {
            title: t('统计期', 'Period'),
            key: 'period',
            ...noWrap,
            render: (_, e) => `${e.periodFrom} ${t('至', 'to')} ${e.periodTo}`,
          },
          {
            title: t('报送截止（北京时间）', 'Due (China time)'),
            dataIndex: 'deadline',
            ...noWrap,
            render: (v: string) => chinaMinutes(v),
          },
          {
            title: t('统计表', 'Table'),
            key: 'rows',
            ...noWrap,
            render: (_, e) => t(`${e.rows.length} 项`, `${e.rows.length} rows`),
          },
        ]}
      />
    </Card>
  );
}

/** An edition's template as printed: each numbered row, its sub-rows and their units. */
function TemplateRows({ edition }: { edition: Edition }) {
  const t = useT();
  return (
    <div>
      <Typography.Text strong>{edition.title}</Typography.Text>
      <ol style={{ margin: '8px 0 0' }}>
        {edition.rows.map((r) => (
          <li key={r.number}>{r.cells.map((c) => `${c.label}（${c.unit}）`).join(t('；', '; '))}</li>
        ))}
      </ol>
    </div>
  );
}

/** 开启下一届: the latest edition a year on as a proposal; the template of the edition chosen is copied. */
function NextEditionForm({ editions, onDone }: { editions: Edition[]; onDone: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<NextEditionValues & { copyFrom?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async ({ copyFrom, ...v }: NextEditionValues & { copyFrom?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/reports/stats/editions', { body: editionBody(v, copyFrom) }));
      await client.invalidateQueries({ queryKey: ['stats-editions'] });
      onDone();
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card type="inner" title={t('开启下一届', 'Open the next edition')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <Form<NextEditionValues & { copyFrom?: string }>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ ...nextEditionDefaults(editions[0]), copyFrom: editions[0]?.code }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item label={t('届次编号', 'Code')} name="code" rules={[{ required: true }]}>
          <Input placeholder="SM-2027" maxLength={32} />
        </Form.Item>
        <Form.Item label={t('届次名称', 'Name')} name="name" rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t('统计表标题', 'Table title')} name="title" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          label={t('统计期起（YYYY-MM-DD）', 'Period from (YYYY-MM-DD)')}
          name="periodFrom"
          rules={[{ required: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label={t('统计期止（YYYY-MM-DD）', 'Period to (YYYY-MM-DD)')}
          name="periodTo"
          rules={[{ required: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label={t('报送截止时间（北京时间，YYYY-MM-DD HH:mm）', 'Deadline (China time, YYYY-MM-DD HH:mm)')}
          name="deadline"
          rules={[{ required: true }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label={t('沿用模板的届次', 'Template copied from')} name="copyFrom">
          <Select options={editions.map((e) => ({ value: e.code, label: `${e.name}（${e.code}）` }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('开启', 'Open')}
        </Button>
      </Form>
    </Card>
  );
}
