import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Timeline } from 'antd';
import { useState } from 'react';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { ExportButton } from '../common/export-button';
import { PageTitle } from '../common/page-title';
import { useProgrammes } from '../common/reference-data';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { POLICY_EVENTS, POLICY_STATUSES, ROLES } from '../i18n/dictionary';
import { formatTime, formatYuan, useT } from '../i18n/locale';
import { yuanToFen } from './money';
import { noWrap } from '../common/columns';

type Policy = components['schemas']['PolicyBudgetView'];
type Terms = components['schemas']['PolicyTermsView'];
/** What the officer types: amounts in yuan (sent as fen). */
interface TermsForm {
  programmeId?: string;
  name: string;
  amountYuan: string;
  budgetYuan: string;
  purpose: string;
}
type Editing = { kind: 'new' } | { kind: 'change'; policy: Policy; terms: Terms | null };

const yuanRule = (t: ReturnType<typeof useT>) => ({
  validator: (_: unknown, v: string) =>
    yuanToFen(v) === null
      ? Promise.reject(new Error(t('请输入金额（元），最多两位小数', 'An amount in yuan, at most two decimals')))
      : Promise.resolve(),
});

/**
 * Subsidy policies of the officer's bureau under four eyes: one finance officer proposes a policy or a change of its
 * terms (amount per designation, budget), another approves or rejects it; the terms in force apply until then.
 */
export default function PoliciesPage() {
  const t = useT();
  const client = useQueryClient();
  const programmes = useProgrammes();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [rejecting, setRejecting] = useState<Policy | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [form] = Form.useForm<TermsForm>();
  const list = useQuery({ queryKey: ['policies'], queryFn: () => ok(api.GET('/finance/policies')) });
  const changed = async () => {
    await client.invalidateQueries({ queryKey: ['policies'] });
    await client.invalidateQueries({ queryKey: ['policy'] });
    await client.invalidateQueries({ queryKey: ['finance-summary'] });
  };
  const propose = useMutation({
    mutationFn: (v: TermsForm) => {
      const terms = {
        name: v.name,
        amountFen: yuanToFen(v.amountYuan) ?? 0,
        budgetFen: yuanToFen(v.budgetYuan) ?? 0,
        purpose: v.purpose,
      };
      if (editing?.kind === 'change') {
        const { policy } = editing;
        return ok(
          api.POST('/finance/policies/{id}/proposals', {
            params: { path: { id: policy.policyId } },
            body: { ...terms, version: policy.version },
          }),
        );
      }
      return ok(api.POST('/finance/policies', { body: { ...terms, programmeId: v.programmeId ?? '' } }));
    },
    onSuccess: async () => {
      setEditing(null);
      await changed();
    },
    onError: (e) =>
      form.setFields(
        fieldErrors(e, t.lang, ['programmeId', 'name', 'purpose']).concat(
          fieldErrors(e, t.lang, ['amountFen', 'budgetFen']).map((f) => ({
            ...f,
            name: (String(f.name) === 'amountFen' ? 'amountYuan' : 'budgetYuan') as never,
          })),
        ),
      ),
  });
  const approve = useMutation({
    mutationFn: (p: Policy) =>
      ok(
        api.POST('/finance/policies/{id}/approve', {
          params: { path: { id: p.policyId } },
          body: { version: p.version },
        }),
      ),
    onSuccess: changed,
  });
  const reject = useMutation({
    mutationFn: (v: { policy: Policy; reason: string }) =>
      ok(
        api.POST('/finance/policies/{id}/reject', {
          params: { path: { id: v.policy.policyId } },
          body: { version: v.policy.version, reason: v.reason },
        }),
      ),
    onSuccess: async () => {
      setRejecting(null);
      await changed();
    },
  });
  const programmeName = (code: string) => programmes.data?.find((p) => p.code === code)?.name ?? code;
  // a change starts from the terms awaiting approval, or else from the terms in force (the policy's detail)
  const startChange = async (p: Policy) => {
    const detail = await client.fetchQuery({
      queryKey: ['policy', p.policyId],
      queryFn: () => ok(api.GET('/finance/policies/{id}', { params: { path: { id: p.policyId } } })),
    });
    const terms = p.pendingTerms ?? detail;
    form.resetFields();
    form.setFieldsValue({
      name: terms.name,
      amountYuan: formatYuan(terms.amountFen),
      budgetYuan: formatYuan(terms.budgetFen),
      purpose: terms.purpose,
    });
    setEditing({ kind: 'change', policy: { ...p, version: detail.version }, terms: p.pendingTerms });
  };
  return (
    <Card>
      <PageTitle
        extra={
          <Space wrap>
            <ExportButton
              name="资助政策"
              download={(format) =>
                ok(api.GET('/finance/policies/export', { params: { query: { format } }, parseAs: 'blob' }))
              }
            />
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setEditing({ kind: 'new' });
              }}
            >
              {t('新增资助政策', 'New policy')}
            </Button>
          </Space>
        }
      >
        {t('资助政策', 'Subsidy policies')}
      </PageTitle>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t(
          '政策及其变更须由另一名财务人员审批后生效（双人复核）；审批前仍按现行条款执行。',
          'A policy or a change of its terms applies once another finance officer approves it (four eyes); until then the terms in force apply.',
        )}
      />
      <ErrorAlert error={list.error ?? approve.error} />
      <Table<Policy>
        rowKey="policyId"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        columns={[
          { title: t('政策名称', 'Policy'), dataIndex: 'name' },
          { title: t('认定项目', 'Programme'), dataIndex: 'programmeCode', render: (v: string) => programmeName(v) },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (v: string) => (
              <ToneTag tone={v === 'active' ? 'success' : v === 'pending' ? 'warning' : 'error'}>
                {t.term(POLICY_STATUSES, v)}
              </ToneTag>
            ),
          },
          {
            title: t('预算（元）', 'Budget (yuan)'),
            dataIndex: 'budgetFen',
            align: 'right',
            ...noWrap,
            render: (v: number) => formatYuan(v),
          },
          {
            title: t('已使用（元）', 'Used (yuan)'),
            dataIndex: 'usedFen',
            align: 'right',
            ...noWrap,
            render: (v: number) => formatYuan(v),
          },
          {
            title: t('待审批的变更', 'Proposal awaiting approval'),
            key: 'pending',
            render: (_, p) =>
              p.pendingTerms ? (
                <span data-testid="pending-terms">
                  {t(
                    `${p.pendingTerms.name}：每项 ${formatYuan(p.pendingTerms.amountFen)} 元，预算 ${formatYuan(p.pendingTerms.budgetFen)} 元`,
                    `${p.pendingTerms.name}: ${formatYuan(p.pendingTerms.amountFen)} yuan each, budget ${formatYuan(p.pendingTerms.budgetFen)} yuan`,
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('操作', 'Action'),
            key: 'act',
            render: (_, p) => (
              <Space wrap>
                {p.pendingTerms ? (
                  <>
                    <Button size="small" type="primary" loading={approve.isPending} onClick={() => approve.mutate(p)}>
                      {t('审批', 'Approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setRejecting(p)}>
                      {t('驳回', 'Reject')}
                    </Button>
                  </>
                ) : null}
                <Button size="small" onClick={() => void startChange(p)}>
                  {t('提出变更', 'Propose a change')}
                </Button>
                <Button size="small" onClick={() => setOpened(p.policyId)}>
                  {t('详情与记录', 'Details and history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.kind === 'change' ? t('提出政策变更', 'Propose a change') : t('新增资助政策', 'New policy')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('提交审批', 'Submit for approval')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ loading: propose.isPending }}
        forceRender
      >
        <ErrorAlert error={propose.error} />
        <Form form={form} layout="vertical" onFinish={(v) => propose.mutate(v)}>
          {editing?.kind === 'new' ? (
            <Form.Item label={t('认定项目', 'Programme')} name="programmeId" rules={[{ required: true }]}>
              <Select options={programmes.data?.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          ) : null}
          <Form.Item label={t('政策名称', 'Policy name')} name="name" rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('每项认定资助金额（元）', 'Amount per designation (yuan)')}
            name="amountYuan"
            rules={[{ required: true }, yuanRule(t)]}
          >
            <Input inputMode="decimal" placeholder="50000.00" />
          </Form.Item>
          <Form.Item
            label={t('年度预算（元）', 'Budget of the year (yuan)')}
            name="budgetYuan"
            rules={[{ required: true }, yuanRule(t)]}
          >
            <Input inputMode="decimal" placeholder="500000.00" />
          </Form.Item>
          <Form.Item label={t('资金用途', 'Purpose')} name="purpose" rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={rejecting !== null}
        title={t('驳回政策变更', 'Reject the proposal')}
        onCancel={() => setRejecting(null)}
        footer={null}
        destroyOnHidden
      >
        <ErrorAlert error={reject.error} />
        <Form
          layout="vertical"
          onFinish={(v: { reason: string }) => rejecting && reject.mutate({ policy: rejecting, reason: v.reason })}
        >
          <Form.Item label={t('理由', 'Reason')} name="reason" rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" danger htmlType="submit" loading={reject.isPending}>
            {t('确认驳回', 'Reject')}
          </Button>
        </Form>
      </Modal>
      <Drawer
        open={opened !== null}
        size="large"
        title={t('政策详情与审批记录', 'Policy and its history')}
        onClose={() => setOpened(null)}
        destroyOnHidden
      >
        {opened ? <PolicyDetail id={opened} /> : null}
      </Drawer>
    </Card>
  );
}

function PolicyDetail({ id }: { id: string }) {
  const t = useT();
  const me = useSession()?.user.id;
  const q = useQuery({
    queryKey: ['policy', id],
    queryFn: () => ok(api.GET('/finance/policies/{id}', { params: { path: { id } } })),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const p = q.data;
  if (!p) return <Card loading />;
  // the role and the person by name, marked when it is the reader
  const who = (actorId: string | null | undefined, name: string | null, role: string) =>
    [t.term(ROLES, role), actorId ? `${name ?? ''}${actorId === me ? t('（本人）', ' (you)') : ''}` : '']
      .filter(Boolean)
      .join(' ');
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: t('政策名称', 'Policy'), children: p.name },
          { key: 'status', label: t('状态', 'Status'), children: t.term(POLICY_STATUSES, p.status) },
          { key: 'amount', label: t('每项金额（元）', 'Per designation (yuan)'), children: formatYuan(p.amountFen) },
          { key: 'budget', label: t('预算（元）', 'Budget (yuan)'), children: formatYuan(p.budgetFen) },
          { key: 'committed', label: t('已承诺（元）', 'Committed (yuan)'), children: formatYuan(p.committedFen) },
          { key: 'purpose', label: t('资金用途', 'Purpose'), children: p.purpose },
          { key: 'payer', label: t('付款单位', 'Paying bureau'), children: p.payingJurisdictionCode },
          {
            key: 'proposed',
            label: t('提出', 'Proposed'),
            children: p.proposedAt
              ? `${formatTime(p.proposedAt)} · ${who(p.proposedBy, p.proposedByName, 'finance')}`
              : '—',
          },
          {
            key: 'approved',
            label: t('审批通过', 'Approved'),
            children: p.approvedAt
              ? `${formatTime(p.approvedAt)} · ${who(p.approvedBy, p.approvedByName, 'finance')}`
              : '—',
          },
        ]}
      />
      <Timeline
        items={p.history.map((h) => {
          const terms = (h.payload as { terms?: Partial<Terms> }).terms;
          return {
            key: h.id,
            color: h.event === 'REJECT' ? 'red' : h.event === 'APPROVE' ? 'green' : 'blue',
            children: (
              <div>
                <strong>{t.term(POLICY_EVENTS, h.event)}</strong>
                <div style={{ color: '#595959' }}>
                  {formatTime(h.at)} · {who(h.actorId, h.actorName, h.actorRole)}
                </div>
                {terms ? (
                  <div>
                    {[
                      terms.name,
                      terms.amountFen !== undefined
                        ? t(`每项 ${formatYuan(terms.amountFen)} 元`, `${formatYuan(terms.amountFen)} yuan each`)
                        : null,
                      terms.budgetFen !== undefined
                        ? t(`预算 ${formatYuan(terms.budgetFen)} 元`, `budget ${formatYuan(terms.budgetFen)} yuan`)
                        : null,
                    ]
                      .filter(Boolean)
                      .join(t('，', ', '))}
                  </div>
                ) : null}
                {h.reason ? <div>{t('理由：', 'Reason: ') + h.reason}</div> : null}
              </div>
            ),
          };
        })}
      />
    </>
  );
}
