import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input } from 'antd';
import { api, type components, ok } from '../api/client';
import { NO_IF_MATCH } from '../api/pending-openapi';
import { ErrorAlert } from '../errors/error-alert';
import { MATERIALS } from '../i18n/dictionary';
import { useT } from '../i18n/locale';

type Detail = components['schemas']['ApplicationDetailView'];

/** The materials checklist of a draft or returned application: one document reference per required material. */
export function MaterialsEditor({ application, required }: { application: Detail; required: string[] }) {
  const t = useT();
  const client = useQueryClient();
  const initial = Object.fromEntries(application.materials.map((m) => [m.key, m.reference]));
  const save = useMutation({
    mutationFn: (values: Record<string, string | undefined>) =>
      ok(
        api.PUT('/applications/{id}/materials', {
          params: { path: { id: application.id }, header: NO_IF_MATCH },
          body: {
            version: application.version,
            materials: required
              .filter((k) => values[k])
              .map((k) => ({ key: k, title: t.term(MATERIALS, k), reference: values[k]! })),
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['application', application.id] }),
  });
  return (
    <Card title={t('申报材料', 'Materials')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={save.error} />
      <Form layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {required.map((key) => (
          <Form.Item key={key} label={t.term(MATERIALS, key)} name={key}>
            <Input placeholder="docstore://…" maxLength={500} />
          </Form.Item>
        ))}
        <Button htmlType="submit" loading={save.isPending}>
          {t('保存材料', 'Save materials')}
        </Button>
      </Form>
    </Card>
  );
}
