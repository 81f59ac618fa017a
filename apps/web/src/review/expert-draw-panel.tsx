import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { api, type components, ok } from '../api/client';
import { ToneTag, type Tone } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { AVOIDANCE_RULES } from '../errors/error-messages';
import { EXPERT_FIELDS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { formatDue } from '../common/due';

type Invitation = components['schemas']['ExpertInvitationView'];
type Draw = components['schemas']['ExpertDrawView'];
type Field = components['schemas']['DrawSeatDto']['field'];
const ANY = 'any';
const FIELDS: NonNullable<Field>[] = [
  'medicine',
  'machinery',
  'computing',
  'design',
  'biotechnology',
  'new_materials',
  'chemicals',
  'electronics',
  'law',
  'intellectual_property',
  'finance_audit',
  'management',
];

const INVITATION_STATUS: Record<Invitation['status'], [string, string, Tone]> = {
  invited: ['待答复', 'awaiting answer', 'processing'],
  accepted: ['已接受', 'accepted', 'success'],
  declined: ['已拒绝', 'declined', 'error'],
  expired: ['已过期', 'expired', 'warning'],
};

/**
 * The regulator's panel card: draw experts from the programme's pool by seats (a field and a count), the
 * invitations with their answers, replacing a declined or expired one, and the record of each draw with whom the
 * avoidance rules excluded and why.
 */
export function ExpertDrawPanel({
  applicationId,
  programmeId,
  canDraw,
}: {
  applicationId: string;
  programmeId: string;
  canDraw: boolean;
}) {
  const t = useT();
  const client = useQueryClient();
  const [form] = Form.useForm<{ seats: { field: string; count: number }[] }>();
  const invitations = useQuery({
    queryKey: ['invitations', applicationId],
    queryFn: () => ok(api.GET('/applications/{id}/invitations', { params: { path: { id: applicationId } } })),
  });
  const experts = useQuery({
    queryKey: ['experts', programmeId],
    queryFn: () => ok(api.GET('/programmes/{id}/experts', { params: { path: { id: programmeId } } })),
  });
  const names = new Map((experts.data ?? []).map((x) => [x.id, x.displayName]));
  const changed = async () => {
    await client.invalidateQueries({ queryKey: ['invitations', applicationId] });
    await client.invalidateQueries({ queryKey: ['application', applicationId] });
    await client.invalidateQueries({ queryKey: ['panel', applicationId] });
  };
  const draw = useMutation({
    mutationFn: (seats: { field: Field; count: number }[]) =>
      ok(api.POST('/applications/{id}/expert-draws', { params: { path: { id: applicationId } }, body: { seats } })),
    onSuccess: changed,
  });
  const replace = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/evaluator-invitations/{id}/replacement', { params: { path: { id } }, body: {} })),
    onSuccess: changed,
  });
  const [pickForm] = Form.useForm<{ evaluatorId: string }>();
  const pick = useMutation({
    mutationFn: (evaluatorId: string) =>
      ok(
        api.POST('/applications/{id}/invitations', {
          params: { path: { id: applicationId } },
          body: { evaluatorId },
        }),
      ),
    onSuccess: async () => {
      pickForm.resetFields();
      await changed();
    },
  });
  const fieldOf = (f: string): Field => FIELDS.find((k) => k === f) ?? null;
  const fieldName = (f: string | null) => (f ? t.term(EXPERT_FIELDS, f) : t('不限领域', 'any field'));
  return (
    <Card title={t('专家抽取与邀请', 'Expert draw and invitations')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={invitations.error ?? draw.error ?? replace.error} />
      {canDraw ? (
        <Form
          form={form}
          layout="inline"
          initialValues={{ seats: [{ field: ANY, count: 3 }] }}
          onFinish={(v) => draw.mutate(v.seats.map((s) => ({ field: fieldOf(s.field), count: s.count })))}
          style={{ marginBottom: 16 }}
        >
          <Form.List name="seats">
            {(rows, { add, remove }) => (
              <Space orientation="vertical">
                {rows.map((row, i) => (
                  <Space key={row.key} wrap>
                    <Form.Item name={[row.name, 'field']} label={t(`席位 ${i + 1} 领域`, `Seat ${i + 1} field`)}>
                      <Select
                        style={{ width: 160 }}
                        options={[
                          { value: ANY, label: t('不限领域', 'any field') },
                          ...FIELDS.map((k) => ({ value: k, label: t.term(EXPERT_FIELDS, k) })),
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'count']} label={t('人数', 'Count')}>
                      <InputNumber min={1} max={9} />
                    </Form.Item>
                    {rows.length > 1 ? <Button onClick={() => remove(row.name)}>{t('删除', 'Remove')}</Button> : null}
                  </Space>
                ))}
                <Space>
                  <Button onClick={() => add({ field: ANY, count: 1 })}>{t('增加席位', 'Add a seat')}</Button>
                  <Button type="primary" htmlType="submit" loading={draw.isPending}>
                    {t('随机抽取专家', 'Draw experts')}
                  </Button>
                </Space>
              </Space>
            )}
          </Form.List>
        </Form>
      ) : null}
      {canDraw ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('手动指定专家', 'Pick an expert by hand')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t(
              '在随机抽取之外，可从本项目专家库中指定专家；回避规则同样适用。',
              "Besides the random draw, pick an expert of the programme's pool; the avoidance rules apply alike.",
            )}
          </Typography.Paragraph>
          <div data-testid="pick-expert">
            <ErrorAlert error={pick.error} />
            <Form
              form={pickForm}
              layout="inline"
              style={{ marginBottom: 16 }}
              onFinish={(v) => pick.mutate(v.evaluatorId)}
            >
              <Form.Item label={t('指定专家', 'Expert')} name="evaluatorId" rules={[{ required: true }]}>
                <Select
                  style={{ width: 240 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(experts.data ?? []).map((x) => ({
                    value: x.id,
                    label: `${x.displayName}（${x.username}）`,
                  }))}
                />
              </Form.Item>
              <Button htmlType="submit" loading={pick.isPending}>
                {t('邀请该专家', 'Invite this expert')}
              </Button>
            </Form>
          </div>
        </>
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('邀请', 'Invitations')}
      </Typography.Title>
      <Table<Invitation>
        size="small"
        rowKey="id"
        pagination={false}
        loading={invitations.isLoading}
        dataSource={invitations.data?.invitations}
        locale={{ emptyText: <Empty description={t('尚未邀请专家', 'No invitation yet')} /> }}
        columns={[
          { title: t('专家', 'Expert'), dataIndex: 'evaluatorName' },
          { title: t('领域', 'Field'), dataIndex: 'field', render: (f: string | null) => fieldName(f) },
          {
            title: t('状态', 'Status'),
            key: 'status',
            render: (_, i) => {
              const [zh, en, tone] = INVITATION_STATUS[i.status];
              return (
                <Space orientation="vertical" size={0}>
                  <ToneTag tone={tone}>{t(zh, en) + (i.conflict ? t('（利益冲突）', ' (conflict)') : '')}</ToneTag>
                  {i.reason ? <Typography.Text type="secondary">{i.reason}</Typography.Text> : null}
                </Space>
              );
            },
          },
          { title: t('答复期限', 'Answer by'), dataIndex: 'respondBy', render: (v: string) => formatDue(v, t.lang) },
          {
            title: t('操作', 'Action'),
            key: 'action',
            render: (_, i) =>
              canDraw && (i.status === 'declined' || i.status === 'expired') ? (
                <Button size="small" onClick={() => replace.mutate(i.id)} loading={replace.isPending}>
                  {t('替换（同领域抽取一名）', 'Replace (draw one of the field)')}
                </Button>
              ) : null,
          },
        ]}
      />
      {invitations.data?.draws.length ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('抽取记录', 'Draw record')}
          </Typography.Title>
          {invitations.data.draws.map((d) => (
            <DrawRecord key={d.id} draw={d} names={names} fieldName={fieldName} />
          ))}
        </>
      ) : null}
    </Card>
  );
}

function DrawRecord({
  draw,
  names,
  fieldName,
}: {
  draw: Draw;
  names: Map<string, string>;
  fieldName: (f: string | null) => string;
}) {
  const t = useT();
  const name = (id: string) => names.get(id) ?? t('专家 ', 'expert ') + id.slice(0, 8);
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'at', label: t('抽取时间', 'Drawn at'), children: formatTime(draw.drawnAt) },
        {
          key: 'seats',
          label: t('席位', 'Seats'),
          children: draw.request.seats.map((s) => `${fieldName(s.field)} × ${s.count}`).join('；'),
        },
        { key: 'eligible', label: t('符合条件的候选人', 'Eligible'), children: draw.eligible.length },
        {
          key: 'drawn',
          label: t('抽中', 'Drawn'),
          children: draw.drawn.map((x) => `${name(x.evaluatorId)}（${fieldName(x.field)}）`).join('、') || '—',
        },
        {
          key: 'excluded',
          label: t('回避排除', 'Excluded'),
          children: draw.excluded.length
            ? draw.excluded
                .map(
                  (x) =>
                    `${name(x.evaluatorId)}：${x.rules.map((r) => t(...(AVOIDANCE_RULES[r] ?? [r, r]))).join('、')}`,
                )
                .join('；')
            : t('无', 'none'),
        },
        ...(draw.shortfall.length
          ? [
              {
                key: 'short',
                label: t('缺额', 'Shortfall'),
                children: draw.shortfall
                  .map((s) =>
                    t(
                      `${fieldName(s.field)}：需 ${s.wanted} 人，抽中 ${s.drawn} 人`,
                      `${fieldName(s.field)}: ${s.drawn} of ${s.wanted}`,
                    ),
                  )
                  .join('；'),
              },
            ]
          : []),
        { key: 'seed', label: t('随机种子', 'Seed'), children: <Typography.Text code>{draw.seed}</Typography.Text> },
      ]}
    />
  );
}
