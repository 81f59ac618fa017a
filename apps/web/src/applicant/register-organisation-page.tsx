import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type components, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { useJurisdictions } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { ORGANISATION_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';
import { creditCodeProblem } from './credit-code';

type Registration = components['schemas']['RegistrationDto'];
const FIELDS = [
  'name',
  'creditCode',
  'kind',
  'jurisdictionCode',
  'contact.name',
  'contact.phone',
  'contact.email',
  'user.username',
  'user.displayName',
  'user.password',
];

/** An organisation registers itself and its first user; it applies once a regulator has verified it (实名认证). */
export default function RegisterOrganisationPage() {
  const t = useT();
  const [form] = Form.useForm<Registration>();
  const jurisdictions = useJurisdictions();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: Registration) => {
    setBusy(true);
    setError(null);
    try {
      const contact = { ...v.contact, ...(v.contact.email ? {} : { email: undefined }) };
      await ok(api.POST('/organisations/registrations', { body: { ...v, contact } }));
      setDone(true);
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  if (done) {
    return (
      <Card>
        <Alert
          type="success"
          showIcon
          title={t('注册成功，等待监管部门实名认证', 'Registered: waiting for verification by the regulator')}
        />
        <p style={{ marginTop: 16 }}>
          <Link to="/sign-in">{t('现在即可登录查看认证状态', 'You may sign in now to follow it')}</Link>
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <PageTitle>{t('单位注册', 'Register your organisation')}</PageTitle>
      <Typography.Paragraph type="secondary">
        {t(
          '企业、园区或行业协会注册后，由所属辖区的市场监管部门进行实名认证，认证通过后方可提交申请。',
          'Enterprises, parks and associations register here; the market-regulation bureau of their jurisdiction verifies them before they can apply.',
        )}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} initialValues={{ kind: 'enterprise' }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('单位名称', 'Name')} name="name" rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('统一社会信用代码', 'Unified social credit code')}
              name="creditCode"
              validateTrigger="onChange"
              hasFeedback
              required
              rules={[
                {
                  validator: async (_, value: string | undefined) => {
                    const problem = creditCodeProblem(value ?? '', t.lang);
                    if (problem) throw new Error(problem);
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('单位类型', 'Kind')} name="kind" rules={[{ required: true }]}>
              <Select
                options={Object.keys(ORGANISATION_KINDS).map((k) => ({
                  value: k,
                  label: t.term(ORGANISATION_KINDS, k),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('所属辖区', 'Jurisdiction')} name="jurisdictionCode" rules={[{ required: true }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={jurisdictions.isLoading}
                options={jurisdictions.data?.map((j) => ({ value: j.code, label: `${j.name}（${j.code}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('联系人', 'Contact name')} name={['contact', 'name']} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('联系电话', 'Contact phone')} name={['contact', 'phone']} rules={[{ required: true }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('电子邮箱', 'E-mail')} name={['contact', 'email']}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('登录用户名', 'Username')} name={['user', 'username']} rules={[{ required: true }]}>
              <Input maxLength={64} autoComplete="username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('姓名', 'Your name')} name={['user', 'displayName']} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('密码', 'Password')}
              name={['user', 'password']}
              extra={t('至少 10 个字符，不含用户名', 'At least 10 characters, not the username')}
              rules={[{ required: true }, { min: 10, message: t('至少 10 个字符', 'At least 10 characters') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('提交注册', 'Register')}
        </Button>
      </Form>
    </Card>
  );
}
