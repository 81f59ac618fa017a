import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Table } from 'antd';
import { ToneTag } from '../common/tags';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { useJurisdictionName } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { ORGANISATION_KINDS, VERIFICATION_STATUSES } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type BankAccount = components['schemas']['BankAccountDto'];
type Change = components['schemas']['BankAccountChangeView'];

/** The applicant's organisation: verification status, and the bank account the subsidy is paid to (with its changes). */
export default function OrganisationPage() {
  const t = useT();
  const client = useQueryClient();
  const jurisdiction = useJurisdictionName();
  const [form] = Form.useForm<BankAccount>();
  const me = useQuery({ queryKey: ['organisation'], queryFn: () => ok(api.GET('/organisations/me')) });
  const changes = useQuery({
    queryKey: ['organisation', 'bank-history'],
    queryFn: () => ok(api.GET('/organisations/me/bank-account/history')),
  });
  const save = useMutation({
    mutationFn: (v: BankAccount) =>
      ok(api.PUT('/organisations/me/bank-account', { body: { ...v, branchCode: v.branchCode || undefined } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['organisation'] }),
    onError: (e) => form.setFields(fieldErrors(e, t.lang, ['accountName', 'accountNumber', 'bankName', 'branchCode'])),
  });
  const o = me.data;
  return (
    <>
      <Card style={{ marginBottom: 16 }} loading={me.isLoading}>
        <PageTitle>{t('单位信息', 'Organisation')}</PageTitle>
        <ErrorAlert error={me.error} />
        {o ? (
          <>
            {o.verificationStatus !== 'verified' ? (
              <Alert
                type={o.verificationStatus === 'refused' ? 'error' : 'info'}
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  o.verificationStatus === 'refused'
                    ? t('实名认证未通过，请联系所属监管部门', 'Verification was refused: contact your bureau')
                    : t('等待监管部门实名认证，认证通过后方可申报', 'Waiting for verification before you can apply')
                }
              />
            ) : null}
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: t('单位名称', 'Name'), children: o.name },
                { key: 'code', label: t('统一社会信用代码', 'Credit code'), children: o.creditCode },
                { key: 'kind', label: t('单位类型', 'Kind'), children: t.term(ORGANISATION_KINDS, o.kind) },
                { key: 'jur', label: t('所属辖区', 'Jurisdiction'), children: jurisdiction(o.jurisdictionCode) },
                {
                  key: 'status',
                  label: t('实名认证', 'Verification'),
                  children: (
                    <ToneTag tone={o.verificationStatus === 'verified' ? 'success' : 'warning'}>
                      {t.term(VERIFICATION_STATUSES, o.verificationStatus)}
                    </ToneTag>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Card>
      <Card title={t('收款银行账户', 'Bank account for the subsidy')} style={{ marginBottom: 16 }}>
        {o?.bankAccount ? (
          <Descriptions
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              { key: 'holder', label: t('户名', 'Holder'), children: o.bankAccount.accountName },
              { key: 'bank', label: t('开户银行', 'Bank'), children: o.bankAccount.bankName },
              { key: 'number', label: t('账号', 'Account'), children: o.bankAccount.accountNumber },
            ]}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('尚未登记银行账户，资助无法发放', 'No bank account yet: the subsidy cannot be paid')}
          />
        )}
        <ErrorAlert error={save.error} />
        {save.isSuccess ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('已保存', 'Saved')} />
        ) : null}
        <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => save.mutate(v)}>
          <Form.Item label={t('户名', 'Account holder')} name="accountName" rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('开户银行', 'Bank')} name="bankName" rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('账号', 'Account number')} name="accountNumber" rules={[{ required: true }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item label={t('联行号（12 位，可选）', 'Branch code (12 digits, optional)')} name="branchCode">
            <Input maxLength={12} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('保存银行账户', 'Save bank account')}
          </Button>
        </Form>
      </Card>
      <Card title={t('账户变更记录', 'Account changes')}>
        <ErrorAlert error={changes.error} />
        <Table<Change>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={changes.data}
          columns={[
            { title: t('时间', 'When'), dataIndex: 'changedAt', ...noWrap, render: (v: string) => formatTime(v) },
            {
              title: t('原账户', 'From'),
              key: 'from',
              render: (_, c) => (c.from ? `${c.from.bankName} ${c.from.maskedAccount}` : '—'),
            },
            { title: t('新账户', 'To'), key: 'to', render: (_, c) => `${c.to.bankName} ${c.to.maskedAccount}` },
            { title: t('联行号', 'Branch'), key: 'b', render: (_, c) => c.to.branchCode ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
