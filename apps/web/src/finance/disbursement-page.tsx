import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, type components, ok } from '../api/client';
import { useSession } from '../auth/session';
import { PageTitle } from '../common/page-title';
import { useProgrammes } from '../common/reference-data';
import { DisbursementTag, ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { DISBURSEMENT_EVENTS, DISBURSEMENT_STATES, ROLES } from '../i18n/dictionary';
import { formatTime, formatYuan, useT } from '../i18n/locale';

type Payee = components['schemas']['MaskedBankAccountView'];
const RECONCILIATION: Record<string, [string, string]> = {
  confirmed: ['已对账', 'Confirmed'],
  mismatched: ['对账不符', 'Mismatched'],
  unconfirmed: ['已付未对账', 'Paid, unconfirmed'],
};

const payeeText = (p: Payee) => `${p.accountName} · ${p.bankName} · ${p.maskedAccount}`;

/**
 * One disbursement: amount, state, the payee checked at 经办 and fixed at 审批, attempts, the bank's answer, and its
 * whole history (every step: from → to, who in which role, when, why, the payee or error the step recorded).
 */
export default function DisbursementPage() {
  const { id = '' } = useParams();
  const t = useT();
  const me = useSession()?.user.id;
  const programmes = useProgrammes();
  const q = useQuery({
    queryKey: ['disbursement', id],
    queryFn: () => ok(api.GET('/finance/disbursements/{id}', { params: { path: { id } } })),
  });
  if (q.error) return <ErrorAlert error={q.error} />;
  const d = q.data;
  if (!d) return <Card loading />;
  // the officer by name, marked when it is the reader
  const officer = (userId: string | null, name: string | null) =>
    userId ? `${name ?? '—'}${userId === me ? t('（本人）', ' (you)') : ''}` : '—';
  return (
    <Row gutter={16}>
      <Col xs={24} xl={13}>
        <Card style={{ marginBottom: 16 }}>
          <PageTitle extra={<DisbursementTag state={d.state} />}>
            {t('资助发放 ', 'Disbursement ') + d.reference}
          </PageTitle>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'amount', label: t('金额（元）', 'Amount (yuan)'), children: formatYuan(d.amountFen) },
              {
                key: 'programme',
                label: t('认定项目', 'Programme'),
                children: programmes.data?.find((p) => p.id === d.programmeId)?.name ?? d.programmeId,
              },
              {
                key: 'application',
                label: t('认定申请', 'Application'),
                children: <Link to={`/applications/${d.applicationId}`}>{t('查看申请', 'Open the application')}</Link>,
              },
              {
                key: 'payee',
                label: t('收款账户（审批时锁定）', 'Payee (fixed at approval)'),
                children: d.payee ? (
                  <span data-testid="payee">{payeeText(d.payee)}</span>
                ) : (
                  t('经办时核对并记录', 'checked and recorded at verification')
                ),
              },
              {
                key: 'verified',
                label: t('经办', 'Verified'),
                children: d.verifiedAt
                  ? `${formatTime(d.verifiedAt)} · ${officer(d.verifiedBy, d.verifiedByName)}`
                  : '—',
              },
              {
                key: 'approved',
                label: t('审批', 'Approved'),
                children: d.approvedAt
                  ? `${formatTime(d.approvedAt)} · ${officer(d.approvedBy, d.approvedByName)}`
                  : '—',
              },
              {
                key: 'attempts',
                label: t('支付尝试次数', 'Payment attempts'),
                children: (
                  <span data-testid="attempts">
                    {d.attempts}
                    {d.state === 'failed'
                      ? d.autoRetry
                        ? t('（系统将自动重试）', ' (the queue retries by itself)')
                        : t('（已停止自动重试，待财务处理）', ' (no more automatic retries: finance decides)')
                      : ''}
                  </span>
                ),
              },
              ...(d.lastError ? [{ key: 'error', label: t('最近一次错误', 'Last error'), children: d.lastError }] : []),
              { key: 'paid', label: t('支付时间', 'Paid'), children: formatTime(d.paidAt) || '—' },
              { key: 'bankRef', label: t('银行流水号', 'Bank reference'), children: d.bankReference ?? '—' },
              {
                key: 'reconciliation',
                label: t('对账', 'Reconciliation'),
                children: d.reconciliation ? t(...RECONCILIATION[d.reconciliation]) : '—',
              },
              { key: 'created', label: t('生成时间', 'Created'), children: formatTime(d.createdAt) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card title={t('办理记录', 'History')}>
          <Timeline
            items={d.history.map((h) => {
              const payee = (h.payload as { payee?: Payee }).payee;
              const error = (h.payload as { error?: unknown }).error;
              return {
                key: h.id,
                color:
                  h.toState === 'failed' || h.toState === 'cancelled' ? 'red' : h.toState === 'paid' ? 'green' : 'blue',
                children: (
                  <div data-testid="disbursement-history-row">
                    <Typography.Text strong>{t.term(DISBURSEMENT_EVENTS, h.event)}</Typography.Text>
                    <div>
                      {h.fromState ? `${t.term(DISBURSEMENT_STATES, h.fromState)} → ` : ''}
                      {t.term(DISBURSEMENT_STATES, h.toState)}
                    </div>
                    <div style={{ color: '#595959' }}>
                      {formatTime(h.at)} · {t.term(ROLES, h.actorRole)}
                      {h.actorId ? ` ${officer(h.actorId, h.actorName)}` : ''}
                    </div>
                    {payee ? <div>{t('收款账户：', 'Payee: ') + payeeText(payee)}</div> : null}
                    {typeof error === 'string' ? <ToneTag tone="error">{error}</ToneTag> : null}
                    {h.reason ? <div>{t('理由：', 'Reason: ') + h.reason}</div> : null}
                  </div>
                ),
              };
            })}
          />
        </Card>
      </Col>
    </Row>
  );
}
