import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageLoading } from '../common/page-loading';
import { PageTitle } from '../common/page-title';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { LEVELS, ORGANISATION_KINDS, UNIT_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { ProgrammeRuleFields } from './rule-fields';
import { CALL_STATUS_LABELS, callStatus, chinaTime, fromChinaTime, ruleValueText } from './call-window';

type Version = components['schemas']['ProgrammeVersionView'];
type Detail = components['schemas']['ProgrammeDetailView'];
type RulesChange = components['schemas']['ChangeProgrammeRulesDto'];

/** What a rule is called on this page. */
const RULE_LABELS: Record<string, [string, string]> = {
  rubric: ['评分标准', 'Rubric'],
  panelSize: ['评审组人数', 'Panel size'],
  requiredMaterials: ['申报材料', 'Materials'],
  noticeWorkingDays: ['公示期（工作日）', 'Notice (working days)'],
  timeLimits: ['各环节办理时限', 'Time limits'],
  validityYears: ['有效期（年）', 'Validity (years)'],
  recheckBySecondRegulator: ['复核须由另一人办理', 'Re-check by a second regulator'],
  revisionWorkingDays: ['补正期限（工作日）', 'Revision deadline (working days)'],
  revocationBarMonths: ['撤销后限制申报（月）', 'Bar after revocation (months)'],
  opensAt: ['申报开始', 'Call opens'],
  closesAt: ['申报截止', 'Call closes'],
  eligibleOrganisationKinds: ['可申报单位类型', 'Eligible organisations'],
};

/**
 * One programme as its regulator sees it: the call window and where it stands, who may apply, the rules, and the
 * versions of the rules (who changed what, when and why). A regulator of its bureau changes the rules with the form
 * below: a new version, which new applications take; running ones keep theirs.
 */
export default function ProgrammePage() {
  const t = useT();
  const { id = '' } = useParams();
  const session = useSession();
  const q = useQuery({
    queryKey: ['programme', id],
    queryFn: () => ok(api.GET('/programmes/{id}', { params: { path: { id } } })),
  });
  if (q.isLoading) return <PageLoading />;
  const p = q.data;
  if (!p) return <ErrorAlert error={q.error} />;
  const status = callStatus(p.opensAt, p.closesAt, new Date());
  return (
    <Card>
      <PageTitle>{`${p.name}（${p.code}）`}</PageTitle>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('申报类别', 'Unit kind')}>{t.term(UNIT_KINDS, p.unitKind)}</Descriptions.Item>
        <Descriptions.Item label={t('层级', 'Level')}>{t.term(LEVELS, p.level)}</Descriptions.Item>
        <Descriptions.Item label={t('所属辖区', 'Jurisdiction')}>{p.jurisdictionCode}</Descriptions.Item>
        <Descriptions.Item label={t('年度', 'Year')}>{p.year}</Descriptions.Item>
        <Descriptions.Item label={t('申报期（北京时间）', 'Call (China time)')}>
          {`${chinaTime(p.opensAt)} — ${chinaTime(p.closesAt)}`}{' '}
          <ToneTag tone={status === 'open' ? 'success' : status === 'closed' ? 'error' : 'default'}>
            {t(...CALL_STATUS_LABELS[status])}
          </ToneTag>
        </Descriptions.Item>
        <Descriptions.Item label={t('可申报单位类型', 'Eligible organisations')}>
          {p.eligibleOrganisationKinds.map((k) => t.term(ORGANISATION_KINDS, k)).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('合格分数线', 'Pass mark')}>{p.rubric.passMark as number}</Descriptions.Item>
        <Descriptions.Item label={t('评审组人数', 'Panel size')}>{p.panelSize}</Descriptions.Item>
        <Descriptions.Item label={t('公示期（工作日）', 'Notice (working days)')}>
          {p.noticeWorkingDays}
        </Descriptions.Item>
        <Descriptions.Item label={t('有效期（年）', 'Validity (years)')}>{p.validityYears ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('规则版本', 'Rules version')}>{p.rulesVersion}</Descriptions.Item>
        <Descriptions.Item label={t('流程版本', 'Machine version')}>{p.machineVersion}</Descriptions.Item>
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('规则版本记录', 'Versions of the rules')}
      </Typography.Title>
      <Table<Version>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={[...p.versions].reverse()}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('版本', 'Version'), dataIndex: 'version' },
          {
            title: t('时间（北京时间）', 'When (China time)'),
            dataIndex: 'createdAt',
            render: (v: string) => chinaTime(v),
          },
          { title: t('理由', 'Reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
          {
            title: t('变更内容', 'Changes'),
            key: 'changes',
            render: (_, v) =>
              v.changes.length === 0 ? (
                t('初始版本', 'First version')
              ) : (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {v.changes.map((c) => (
                    <li key={c.field}>
                      {`${RULE_LABELS[c.field] ? t(...RULE_LABELS[c.field]) : c.field}：${ruleValueText(c.field, c.before)} → ${ruleValueText(c.field, c.after)}`}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
      {session?.user.role === 'regulator' ? <ChangeRulesForm programme={p} /> : null}
    </Card>
  );
}

interface RulesValues {
  noticeWorkingDays: number;
  panelSize: number;
  passMark: number;
  opensAt: string;
  closesAt: string;
  eligibleOrganisationKinds: RulesChange['eligibleOrganisationKinds'];
  reason?: string;
}

const RULE_FIELDS = ['noticeWorkingDays', 'panelSize', 'rubric', 'opensAt', 'closesAt', 'eligibleOrganisationKinds'];

/** 修改规则: what the regulator changes becomes a new version; nothing changed writes none. */
function ChangeRulesForm({ programme }: { programme: Detail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RulesValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: RulesValues) => {
    setBusy(true);
    setError(null);
    try {
      const body: RulesChange = {
        noticeWorkingDays: v.noticeWorkingDays,
        panelSize: v.panelSize,
        opensAt: fromChinaTime(v.opensAt),
        closesAt: fromChinaTime(v.closesAt),
        eligibleOrganisationKinds: v.eligibleOrganisationKinds,
        reason: v.reason || undefined,
      };
      if (v.passMark !== programme.rubric.passMark)
        body.rubric = { ...(programme.rubric as unknown as NonNullable<RulesChange['rubric']>), passMark: v.passMark };
      const changed = await ok(api.PUT('/programmes/{id}/rules', { params: { path: { id: programme.id } }, body }));
      queryClient.setQueryData(['programme', programme.id], changed);
      await queryClient.invalidateQueries({ queryKey: ['programmes'] });
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, RULE_FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card type="inner" title={t('修改规则（生成新版本）', 'Change the rules (a new version)')}>
      <Typography.Paragraph type="secondary">
        {t(
          '已受理的申请继续适用其创建时的规则版本；申报期和可申报单位类型自保存起生效。',
          'Running applications keep the version they were created under; the call window and eligibility apply from now.',
        )}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form<RulesValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          noticeWorkingDays: programme.noticeWorkingDays,
          panelSize: programme.panelSize,
          passMark: programme.rubric.passMark as number,
          opensAt: chinaTime(programme.opensAt),
          closesAt: chinaTime(programme.closesAt),
          eligibleOrganisationKinds: programme.eligibleOrganisationKinds,
        }}
        onFinish={(v) => void onFinish(v)}
      >
        <ProgrammeRuleFields />
        <Form.Item label={t('修改理由', 'Reason')} name="reason">
          <Input.TextArea maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('保存为新版本', 'Save as a new version')}
        </Button>
      </Form>
    </Card>
  );
}
