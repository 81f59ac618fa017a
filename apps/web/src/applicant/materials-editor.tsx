import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { downloadDossier, formatBytes, type MaterialFile, openMaterialFile, uploadMaterial } from '../api/files';
import { noWrap } from '../common/columns';
import { ToneTag } from '../common/tags';
import { ErrorAlert } from '../errors/error-alert';
import { describeError } from '../errors/error-messages';
import { MATERIALS } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';

/** File kinds the API accepts (decided on content there; this only narrows the file picker). */
const ACCEPT = '.pdf,.ofd,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png';

/**
 * The materials checklist: each required material with its uploaded versions (SHA-256, size, when), the newest
 * marked current; every version opens in the browser. With `canUpload` (the applicant, draft or returned) each
 * material takes a new version, and the API's type or size refusal shows in Chinese next to it.
 */
export function MaterialsChecklist({
  application,
  required,
  canUpload,
  canDossier,
}: {
  application: { id: string; reference: string };
  required: string[];
  canUpload: boolean;
  canDossier: boolean;
}) {
  const t = useT();
  const client = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const files = useQuery({
    queryKey: ['files', application.id],
    queryFn: () => ok(api.GET('/applications/{id}/files', { params: { path: { id: application.id } } })),
  });
  const byMaterial = (key: string) =>
    (files.data ?? []).filter((f) => f.materialCode === key).sort((a, b) => b.version - a.version);
  const open = (f: MaterialFile) => {
    setOpenError(null);
    openMaterialFile(f).catch(setOpenError);
  };
  const upload = async (key: string, file: File) => {
    setBusy(key);
    setErrors((e) => ({ ...e, [key]: null }));
    try {
      await uploadMaterial(application.id, key, file);
      await client.invalidateQueries({ queryKey: ['files', application.id] });
      await client.invalidateQueries({ queryKey: ['application', application.id] });
    } catch (e) {
      const d = describeError(e, t.lang);
      setErrors((x) => ({ ...x, [key]: d.detail ? `${d.title}：${d.detail}` : d.title }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card
      title={t('申报材料', 'Materials')}
      style={{ marginBottom: 16 }}
      extra={
        canDossier ? (
          <Button onClick={() => void downloadDossier(application.id, application.reference).catch(setOpenError)}>
            {t('下载全部材料（ZIP）', 'Dossier (ZIP)')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={files.error ?? openError} />
      {required.map((key) => {
        const versions = byMaterial(key);
        return (
          <div key={key} style={{ marginBottom: 20 }} data-testid={`material-${key}`}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>{t.term(MATERIALS, key)}</Typography.Text>
              {versions.length ? (
                <ToneTag tone="success">{t(`已上传 ${versions.length} 版`, `${versions.length} version(s)`)}</ToneTag>
              ) : (
                <ToneTag tone="warning">{t('未上传', 'missing')}</ToneTag>
              )}
              {canUpload ? (
                <Upload
                  accept={ACCEPT}
                  showUploadList={false}
                  customRequest={({ file }) => {
                    if (file instanceof File) void upload(key, file);
                  }}
                >
                  <Button loading={busy === key} aria-label={t(`上传${t.term(MATERIALS, key)}`, `Upload ${key}`)}>
                    {versions.length ? t('上传新版本', 'Upload a new version') : t('上传文件', 'Upload')}
                  </Button>
                </Upload>
              ) : null}
            </Space>
            {errors[key] ? (
              <Alert type="error" showIcon title={errors[key]} style={{ marginBottom: 8 }} role="alert" />
            ) : null}
            {versions.length ? (
              <Table<MaterialFile>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={versions}
                columns={[
                  {
                    title: t('版本', 'Version'),
                    key: 'v',
                    ...noWrap,
                    render: (_, f) => (
                      <Space>
                        {`v${f.version}`}
                        {f.current ? <ToneTag tone="processing">{t('当前', 'current')}</ToneTag> : null}
                        {f.carriedFromId ? (
                          <ToneTag tone="default">{t('随推荐带入', 'carried from the lower level')}</ToneTag>
                        ) : null}
                      </Space>
                    ),
                  },
                  {
                    title: t('文件', 'File'),
                    key: 'name',
                    render: (_, f) => (
                      <Button type="link" style={{ padding: 0 }} onClick={() => open(f)}>
                        {f.fileName}
                      </Button>
                    ),
                  },
                  {
                    title: t('大小', 'Size'),
                    dataIndex: 'sizeBytes',
                    align: 'right',
                    ...noWrap,
                    render: (n: number) => formatBytes(n),
                  },
                  {
                    title: 'SHA-256',
                    dataIndex: 'sha256',
                    render: (h: string) => (
                      <Typography.Text
                        code
                        copyable={{ text: h }}
                        data-testid="sha256"
                        style={{ fontSize: 12, wordBreak: 'break-all' }}
                      >
                        {h}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('上传时间', 'Uploaded'),
                    dataIndex: 'uploadedAt',
                    ...noWrap,
                    render: (v: string) => formatTime(v),
                  },
                ]}
              />
            ) : null}
          </div>
        );
      })}
    </Card>
  );
}
