import { Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { PageTitle } from '../common/page-title';
import { useProgrammes } from '../common/reference-data';
import { ErrorAlert } from '../errors/error-alert';
import { fieldErrors } from '../errors/error-messages';
import { LEVELS, MATERIALS, UNIT_KINDS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

interface Values {
  unitKind?: string;
  programmeId: string;
  title: string;
}

/**
 * A draft application: the unit kind, the programme and the title, with the programme's materials checklist shown;
 * the files are uploaded on the application page once the draft exists.
 */
export default function NewApplicationPage() {
  const t = useT();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const [form] = Form.useForm<Values>();
  const unitKind = Form.useWatch('unitKind', form);
  const programmeId = Form.useWatch('programmeId', form);
  const programme = programmes.data?.find((p) => p.id === programmeId);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await ok(
        api.POST('/applications', { body: { programmeId: v.programmeId, title: v.title, materials: [] } }),
      );
      void navigate(`/applications/${created.id}`);
    } catch (e) {
      setError(e);
      form.setFields(fieldErrors(e, t.lang, ['title', 'programmeId']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <PageTitle>{t('新建申请', 'New application')}</PageTitle>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} style={{ maxWidth: 720 }}>
        <Form.Item label={t('申报类别', 'Unit kind')} name="unitKind">
          <Select
            allowClear
            options={Object.keys(UNIT_KINDS).map((k) => ({ value: k, label: t.term(UNIT_KINDS, k) }))}
          />
        </Form.Item>
        <Form.Item label={t('认定项目', 'Programme')} name="programmeId" rules={[{ required: true }]}>
          <Select
            loading={programmes.isLoading}
            options={programmes.data
              ?.filter((p) => !unitKind || p.unitKind === unitKind)
              .map((p) => ({
                value: p.id,
                label: `${p.name}（${t.term(UNIT_KINDS, p.unitKind)}，${t.term(LEVELS, p.level)}）`,
              }))}
          />
        </Form.Item>
        <Form.Item label={t('申请名称', 'Title')} name="title" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        {programme ? (
          <>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('申报材料清单', 'Materials checklist')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t(
                '保存草稿后，在申请页逐项上传以下材料（PDF、OFD、Word、Excel、JPEG、PNG）；提交前须齐全。',
                'After saving the draft, upload each of these on the application page (PDF, OFD, Word, Excel, JPEG, PNG); all are needed to submit.',
              )}
            </Typography.Paragraph>
            <ul>
              {programme.requiredMaterials.map((key) => (
                <li key={key}>{t.term(MATERIALS, key)}</li>
              ))}
            </ul>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('保存草稿', 'Save draft')}
        </Button>
      </Form>
    </Card>
  );
}
