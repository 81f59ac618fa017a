import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { formatTime, useT } from '../i18n/locale';
import { formatDue } from '../common/due';

interface Values {
  reason: string;
  filerName?: string;
  filerOrganisation?: string;
  filerContact: string;
}

/** Anyone may object while a notice is open: the reason, a name or an organisation, a phone or e-mail. */
export default function ObjectionForm({ applicationId, onDone }: { applicationId: string; onDone?: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<{ id: string; receivedAt: string; noticeEndsAt: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  if (receipt) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('异议已收到', 'Objection received')}
        description={
          t('回执编号：', 'Receipt: ') +
          receipt.id +
          t('，收到时间：', ', received ') +
          formatTime(receipt.receivedAt) +
          (receipt.noticeEndsAt ? t('，公示截止：', ', notice ends ') + formatDue(receipt.noticeEndsAt, t.lang) : '')
        }
        action={onDone ? <Button onClick={onDone}>{t('关闭', 'Close')}</Button> : undefined}
      />
    );
  }
  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await ok(
        api.POST('/applications/{id}/objections', {
          params: { path: { id: applicationId } },
          body: {
            reason: v.reason,
            filerContact: v.filerContact,
            ...(v.filerName ? { filerName: v.filerName } : {}),
            ...(v.filerOrganisation ? { filerOrganisation: v.filerOrganisation } : {}),
          },
        }),
      );
      setReceipt({ id: r.id, receivedAt: r.receivedAt, noticeEndsAt: r.noticeEndsAt });
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, ['reason', 'filerContact', 'filerName', 'filerOrganisation']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
      <ErrorAlert error={error} />
      <Form.Item
        label={t('异议内容', 'Objection')}
        name="reason"
        rules={[{ required: true, message: t('请填写异议内容', 'Say what you object to') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t('姓名', 'Name')} name="filerName">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('单位', 'Organisation')} name="filerOrganisation">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label={t('联系方式（电话或电子邮箱）', 'Contact (phone or e-mail)')}
        name="filerContact"
        rules={[{ required: true, message: t('请填写联系电话或电子邮箱', 'A phone number or e-mail address') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('提交异议', 'File objection')}
      </Button>
    </Form>
  );
}
