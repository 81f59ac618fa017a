import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName, useJurisdictions, useProgrammes } from '../common/reference-data';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { formatTime, useT } from '../i18n/locale';
import { areasInside, overridesQuotas, programmesInView, setsQuotas, usageTone } from './quota-roles';

type AreaUsage = components['schemas']['AreaQuotaUsageView'];
type Override = components['schemas']['QuotaOverrideView'];
type AreaQuota = components['schemas']['AreaQuotaDto'];
type OverrideInput = components['schemas']['QuotaOverrideDto'];

/**
 * 名额管理: a programme's quotas per area (set by the programme's bureau), their use against the designations with
 * shortfalls and areas below their minimum flagged, and the supervising bureau's overrides (追加名额).
 */
export default function QuotasPage() {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const programmes = useProgrammes();
  const jurisdictions = useJurisdictions();
  const jurisdictionName = useJurisdictionName();
  const places = jurisdictions.data ?? [];
  const mine = session?.user.jurisdictionCode ?? null;
  const visible = programmesInView(places, mine, programmes.data ?? []);
  const [picked, setPicked] = useState<string | null>(null);
  const programme = visible.find((p) => p.id === picked) ?? visible[0];
  const id = programme?.id ?? '';
  const [quotaForm] = Form.useForm<{ areas: AreaQuota[] }>();
  const [overrideForm] = Form.useForm<OverrideInput>();

  const quotas = useQuery({
    queryKey: ['quotas', id],
    enabled: !!id,
    queryFn: () => ok(api.GET('/programmes/{id}/quotas', { params: { path: { id } } })),
  });
  const usage = useQuery({
    queryKey: ['quota-usage', id],
    enabled: !!id,
    queryFn: () => ok(api.GET('/programmes/{id}/quota-usage', { params: { path: { id } } })),
  });
  const overrides = useQuery({
    queryKey: ['quota-overrides', id],
    enabled: !!id,
    queryFn: () => ok(api.GET('/programmes/{id}/quota-overrides', { params: { path: { id } } })),
  });
  const refresh = () =>
    Promise.all(
      ['quotas', 'quota-usage', 'quota-overrides'].map((k) => client.invalidateQueries({ queryKey: [k, id] })),
    );
  const save = useMutation({
    mutationFn: (v: { areas: AreaQuota[] }) =>
      ok(api.PUT('/programmes/{id}/quotas', { params: { path: { id } }, body: { areas: v.areas ?? [] } })),
    onSuccess: refresh,
    onError: (e) =>
      quotaForm.setFields(
        fieldErrors(
          e,
          t.lang,
          (quotaForm.getFieldValue('areas') ?? []).flatMap((_: unknown, i: number) =>
            ['jurisdictionCode', 'min', 'max'].map((f) => `areas.${i}.${f}`),
          ),
        ),
      ),
  });
  const override = useMutation({
    mutationFn: (v: OverrideInput) =>
      ok(api.POST('/programmes/{id}/quota-overrides', { params: { path: { id } }, body: v })),
    onSuccess: async () => {
      overrideForm.resetFields();
      await refresh();
    },
    onError: (e) => overrideForm.setFields(fieldErrors(e, t.lang, ['jurisdictionCode', 'extraPlaces', 'reason'])),
  });

  const bureau = programme ? setsQuotas(mine, programme.jurisdictionCode) : false;
  const supervising = programme ? overridesQuotas(places, mine, programme.jurisdictionCode) : false;
  const areaOptions = programme
    ? areasInside(places, programme.jurisdictionCode).map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))
    : [];
  const overrideTargets = [
    ...(programme && programme.quota !== null
      ? [{ value: programme.jurisdictionCode, label: t('全项目名额', 'Programme-wide quota') }]
      : []),
    ...(quotas.data?.areas ?? []).map((a) => ({
      value: a.jurisdictionCode,
      label: jurisdictionName(a.jurisdictionCode),
    })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageTitle
          extra={
            <Space>
              <label htmlFor="quota-programme">{t('认定项目', 'Programme')}</label>
              <Select
                id="quota-programme"
                style={{ minWidth: 360 }}
                value={programme?.id}
                onChange={(v) => setPicked(v)}
                options={visible.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              />
              {programme ? (
                <ExportButton
                  name={`名额使用-${programme.code}`}
                  download={(format) =>
                    ok(
                      api.GET('/programmes/{id}/quota-usage/export', {
                        params: { path: { id: programme.id }, query: { format } },
                        parseAs: 'blob',
                      }),
                    )
                  }
                />
              ) : null}
            </Space>
          }
        >
          {t('名额使用情况', 'Quota usage')}
        </PageTitle>
        <ErrorAlert error={usage.error ?? programmes.error} />
        {usage.data?.programme ? (
          <p>
            {t('全项目名额：', 'Programme-wide: ')}
            {usage.data.programme.designated} / {usage.data.programme.allowed}
            {usage.data.programme.extraPlaces > 0
              ? t(`（含追加 ${usage.data.programme.extraPlaces} 个）`, ` (${usage.data.programme.extraPlaces} added)`)
              : ''}
          </p>
        ) : null}
        <Table<AreaUsage>
          size="small"
          rowKey="jurisdictionCode"
          loading={usage.isLoading}
          dataSource={usage.data?.areas}
          pagination={false}
          locale={{ emptyText: t('本项目未按片区设置名额', 'No area quotas in this programme') }}
          columns={[
            { title: t('片区', 'Area'), dataIndex: 'jurisdictionName' },
            { title: t('最少', 'Min'), dataIndex: 'min' },
            { title: t('最多', 'Max'), dataIndex: 'max' },
            { title: t('追加', 'Added'), dataIndex: 'extraPlaces' },
            { title: t('已认定', 'Designated'), dataIndex: 'designated' },
            { title: t('剩余名额', 'Places left'), dataIndex: 'remaining' },
            { title: t('待认定', 'Awaiting decision'), dataIndex: 'awaitingDesignation' },
            {
              title: t('状态', 'Status'),
              render: (_: unknown, a) => (
                <ToneTag tone={usageTone(a)}>
                  {a.belowMinimum
                    ? t(`低于最少名额，差 ${a.shortfall} 家`, `Below minimum by ${a.shortfall}`)
                    : a.shortfall > 0
                      ? t(`尚差 ${a.shortfall} 家`, `${a.shortfall} short`)
                      : a.remaining === 0
                        ? t('名额已满', 'Full')
                        : t('正常', 'OK')}
                </ToneTag>
              ),
            },
          ]}
        />
      </Card>

      {programme && bureau ? (
        <Card title={t('设置片区名额', 'Area quotas')}>
          <Form
            form={quotaForm}
            layout="inline"
            key={`${id}-${quotas.dataUpdatedAt}`}
            initialValues={{
              areas: quotas.data?.areas.map(({ jurisdictionCode, min, max }) => ({ jurisdictionCode, min, max })),
            }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.List name="areas">
              {(fields, { add, remove }) => (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item
                        name={[f.name, 'jurisdictionCode']}
                        label={t('片区', 'Area')}
                        rules={[{ required: true, message: t('请选择片区', 'Pick an area') }]}
                      >
                        <Select style={{ minWidth: 320 }} options={areaOptions} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'min']} label={t('最少', 'Min')} rules={[{ required: true }]}>
                        <InputNumber min={0} precision={0} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'max']} label={t('最多', 'Max')} rules={[{ required: true }]}>
                        <InputNumber min={1} precision={0} />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>{t('删除', 'Remove')}</Button>
                    </Space>
                  ))}
                  <Space>
                    <Button onClick={() => add({ min: 1, max: 2 })}>{t('添加片区', 'Add area')}</Button>
                    <Button type="primary" htmlType="submit" loading={save.isPending}>
                      {t('保存名额', 'Save quotas')}
                    </Button>
                  </Space>
                </Space>
              )}
            </Form.List>
          </Form>
          <ErrorAlert error={save.error} />
        </Card>
      ) : null}

      {programme && supervising ? (
        <Card title={t('追加名额（上级监管部门）', 'Add places (supervising bureau)')}>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(
              '追加名额将永久记录（片区、名额、理由、登记人、时间），使用追加名额的认定在其流程记录中注明。',
              'An override is kept for good (area, places, reason, who, when); a designation using it names it in its history.',
            )}
          />
          <Form form={overrideForm} layout="vertical" onFinish={(v) => override.mutate(v)} style={{ maxWidth: 560 }}>
            <Form.Item
              name="jurisdictionCode"
              label={t('片区', 'Area')}
              rules={[{ required: true, message: t('请选择片区', 'Pick an area') }]}
            >
              <Select options={overrideTargets} />
            </Form.Item>
            <Form.Item
              name="extraPlaces"
              label={t('追加名额数', 'Extra places')}
              rules={[{ required: true, message: t('请填写名额数', 'Give the places') }]}
            >
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('理由', 'Reason')}
              rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give the reason') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={override.isPending}>
              {t('登记追加名额', 'Record the override')}
            </Button>
          </Form>
          <ErrorAlert error={override.error} />
        </Card>
      ) : null}

      {programme ? (
        <Card title={t('追加名额记录', 'Overrides')}>
          <ErrorAlert error={overrides.error} />
          <Table<Override>
            size="small"
            rowKey="id"
            loading={overrides.isLoading}
            dataSource={overrides.data}
            pagination={false}
            columns={[
              { title: t('片区', 'Area'), dataIndex: 'jurisdictionName' },
              { title: t('追加名额', 'Places'), dataIndex: 'extraPlaces' },
              { title: t('理由', 'Reason'), dataIndex: 'reason' },
              { title: t('登记人', 'By'), dataIndex: 'createdByName' },
              {
                title: t('时间', 'When'),
                dataIndex: 'createdAt',
                render: (v: string) => formatTime(v),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
