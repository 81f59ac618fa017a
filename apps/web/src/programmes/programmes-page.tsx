import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { useProgrammes } from '../common/reference-data';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { LEVELS, UNIT_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { ProgrammeRuleFields } from './rule-fields';
import { CALL_STATUS_LABELS, callStatus, chinaTime, fromChinaTime } from './call-window';

type Programme = components['schemas']['ProgrammeView'];

const STATUS_TONE = { not_open: 'default', open: 'success', closed: 'error' } as const;

interface NewProgramme {
  code: string;
  name: string;
  jurisdictionCode: string;
  unitKind: Programme['unitKind'];
  level: Programme['level'];
  year: number;
  opensAt: string;
  closesAt: string;
  eligibleOrganisationKinds?: components['schemas']['CreateProgrammeDto']['eligibleOrganisationKinds'];
  intake: components['schemas']['CreateProgrammeDto']['intake'];
  minCandidates?: number | null;
  maxCandidates?: number | null;
  minStations?: number | null;
  passMark: number;
  panelSize: number;
  noticeWorkingDays: number;
}

/** The regulator's programmes: each with its call window (申报期) and where it stands; a form to open a new one. */
export default function ProgrammesPage() {
  const t = useT();
  const programmes = useProgrammes();
  const [creating, setCreating] = useState(false);
  const now = new Date();
  return (
    <Card>
      <PageTitle
        extra={
          <Button type="primary" onClick={() => setCreating(!creating)}>
            {t('新建认定项目', 'New programme')}
          </Button>
        }
      >
        {t('认定项目', 'Programmes')}
      </PageTitle>
      <ErrorAlert error={programmes.error} />
      {creating ? <NewProgrammeForm onDone={() => setCreating(false)} /> : null}
      <Table<Programme>
        size="small"
        rowKey="id"
        loading={programmes.isLoading}
        dataSource={programmes.data}
        columns={[
          {
            title: t('项目编号', 'Code'),
            dataIndex: 'code',
            render: (code: string, p) => <Link to={`/programmes/${p.id}`}>{code}</Link>,
          },
          { title: t('项目名称', 'Name'), dataIndex: 'name' },
          { title: t('申报类别', 'Unit kind'), dataIndex: 'unitKind', render: (v: string) => t.term(UNIT_KINDS, v) },
          { title: t('层级', 'Level'), dataIndex: 'level', render: (v: string) => t.term(LEVELS, v) },
          { title: t('年度', 'Year'), dataIndex: 'year' },
          {
            title: t('申报期（北京时间）', 'Call (China time)'),
            key: 'window',
            render: (_, p) => `${chinaTime(p.opensAt)} — ${chinaTime(p.closesAt)}`,
          },
          {
            title: t('申报状态', 'Call'),
            key: 'status',
            render: (_, p) => {
              const s = callStatus(p.opensAt, p.closesAt, now);
              return <ToneTag tone={STATUS_TONE[s]}>{t(...CALL_STATUS_LABELS[s])}</ToneTag>;
            },
          },
          { title: t('规则版本', 'Rules version'), dataIndex: 'rulesVersion' },
        ]}
      />
    </Card>
  );
}

const FIELDS = [
  'code',
  'name',
  'jurisdictionCode',
  'year',
  'opensAt',
  'closesAt',
  'eligibleOrganisationKinds',
  'intake',
  'minCandidates',
  'maxCandidates',
  'minStations',
];

/** A new programme in the regulator's jurisdiction: the QDFTZ rubric's three dimensions with the pass mark given. */
function NewProgrammeForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewProgramme>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const year = new Date().getFullYear();
  const onFinish = async (v: NewProgramme) => {
    setBusy(true);
    setError(null);
    try {
      const created = await ok(
        api.POST('/programmes', {
          body: {
            code: v.code,
            name: v.name,
            jurisdictionCode: v.jurisdictionCode,
            unitKind: v.unitKind,
            level: v.level,
            year: v.year,
            opensAt: fromChinaTime(v.opensAt),
            closesAt: fromChinaTime(v.closesAt),
            eligibleOrganisationKinds: v.eligibleOrganisationKinds?.length ? v.eligibleOrganisationKinds : undefined,
            intake: v.intake,
            ...(v.intake === 'recommendation'
              ? { minCandidates: v.minCandidates ?? null, maxCandidates: v.maxCandidates ?? null }
              : {}),
            ...(v.unitKind === 'base' ? { minStations: v.minStations ?? null } : {}),
            rubric: {
              passMark: v.passMark,
              dimensions: [
                { key: 'system_completeness', name: '制度完善', weight: 40, maxScore: 100 },
                { key: 'staff_awareness', name: '人员认知', weight: 30, maxScore: 100 },
                { key: 'results', name: '创建效果', weight: 30, maxScore: 100 },
              ],
            },
            panelSize: v.panelSize,
            requiredMaterials: ['application_form', 'protection_system', 'training_records', 'self_assessment'],
            noticeWorkingDays: v.noticeWorkingDays,
            recheckBySecondRegulator: true,
            revisionWorkingDays: 15,
            revocationBarMonths: 36,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
      onDone();
      void navigate(`/programmes/${created.id}`);
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card type="inner" title={t('新建认定项目', 'New programme')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <Form<NewProgramme>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          jurisdictionCode: session?.user.jurisdictionCode ?? '',
          year: year + 1,
          opensAt: `${year + 1}-03-01 00:00`,
          closesAt: `${year + 1}-07-01 00:00`,
          passMark: 70,
          panelSize: 3,
          noticeWorkingDays: 5,
          intake: 'open',
        }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item label={t('项目编号', 'Code')} name="code" rules={[{ required: true }]}>
          <Input placeholder="QDFTZ-2027" maxLength={32} />
        </Form.Item>
        <Form.Item label={t('项目名称', 'Name')} name="name" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('所属辖区', 'Jurisdiction')} name="jurisdictionCode" rules={[{ required: true }]}>
          <Input maxLength={16} />
        </Form.Item>
        <Form.Item label={t('申报类别', 'Unit kind')} name="unitKind" rules={[{ required: true }]}>
          <Select options={Object.keys(UNIT_KINDS).map((k) => ({ value: k, label: t.term(UNIT_KINDS, k) }))} />
        </Form.Item>
        <Form.Item label={t('层级', 'Level')} name="level" rules={[{ required: true }]}>
          <Select options={Object.keys(LEVELS).map((k) => ({ value: k, label: t.term(LEVELS, k) }))} />
        </Form.Item>
        <Form.Item label={t('申报方式', 'Intake')} name="intake" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'open', label: t('单位自行申报', 'Applicants apply') },
              { value: 'recommendation', label: t('下级监管部门推荐', 'Recommended by the level below') },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.intake !== b.intake || a.unitKind !== b.unitKind}>
          {({ getFieldValue }) => (
            <>
              {getFieldValue('intake') === 'recommendation' && (
                <>
                  <Form.Item label={t('每个推荐单位最少推荐数', 'Fewest candidates per bureau')} name="minCandidates">
                    <InputNumber min={1} max={100} />
                  </Form.Item>
                  <Form.Item label={t('每个推荐单位最多推荐数', 'Most candidates per bureau')} name="maxCandidates">
                    <InputNumber min={1} max={100} />
                  </Form.Item>
                </>
              )}
              {getFieldValue('unitKind') === 'base' && (
                <Form.Item label={t('最少依托示范站数', 'Fewest stations')} name="minStations">
                  <InputNumber min={1} max={50} />
                </Form.Item>
              )}
            </>
          )}
        </Form.Item>
        <Form.Item label={t('年度', 'Year')} name="year" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <ProgrammeRuleFields eligibleMayBeEmpty />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('创建', 'Create')}
        </Button>
      </Form>
    </Card>
  );
}
