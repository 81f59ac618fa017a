import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Table } from 'antd';
import { api, type components, ok } from '../api/client';
import { ErrorAlert } from '../errors/error-alert';
import { MATERIALS, ROLES } from '../i18n/dictionary';
import { formatTime, useT } from '../i18n/locale';
import { noWrap } from '../common/columns';

type Download = components['schemas']['MaterialDownloadView'];

/** Who downloaded which version of which file, and when (the reviewing regulators; newest first). */
export function DownloadsCard({
  applicationId,
  titles,
}: {
  applicationId: string;
  titles: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const log = useQuery({
    queryKey: ['downloads', applicationId],
    queryFn: () => ok(api.GET('/applications/{id}/files/downloads', { params: { path: { id: applicationId } } })),
  });
  const files = useQuery({
    queryKey: ['files', applicationId],
    queryFn: () => ok(api.GET('/applications/{id}/files', { params: { path: { id: applicationId } } })),
  });
  const fileName = new Map((files.data ?? []).map((f) => [f.id, f.fileName]));
  return (
    <Card title={t('材料下载记录', 'File download log')} style={{ marginBottom: 16 }} data-testid="download-log">
      <ErrorAlert error={log.error} />
      <Table<Download>
        size="small"
        rowKey="id"
        loading={log.isLoading}
        dataSource={log.data}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('尚无下载记录', 'No download yet')} /> }}
        columns={[
          { title: t('时间', 'When'), dataIndex: 'downloadedAt', ...noWrap, render: (v: string) => formatTime(v) },
          {
            title: t('下载人', 'Who'),
            key: 'who',
            render: (_, d) =>
              `${d.displayName ?? d.userId.slice(0, 8)}${d.username ? `（${d.username}）` : ''} · ${t.term(ROLES, d.role)}`,
          },
          {
            title: t('材料', 'Material'),
            key: 'what',
            render: (_, d) =>
              `${titles.get(d.materialCode) ?? t.term(MATERIALS, d.materialCode)}：${fileName.get(d.fileId) ?? ''}` +
              t(`（第 ${d.version} 版）`, ` (version ${d.version})`),
          },
          {
            title: t('方式', 'How'),
            dataIndex: 'via',
            render: (v: string) => (v === 'dossier' ? t('打包下载', 'in the dossier ZIP') : t('单个文件', 'the file')),
          },
        ]}
      />
    </Card>
  );
}
