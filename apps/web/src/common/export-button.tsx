import { useMutation } from '@tanstack/react-query';
import { Button, Space, Tooltip } from 'antd';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';
import { saveBlob } from '../stats/stats-terms';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * 导出 Excel / CSV: downloads a list's or a report's export (its `/export` sibling with the page's filters) through
 * the typed client and saves it as `name` plus the format's extension. `download(format)` returns the client's blob
 * (`ok(api.GET(..., { params: { query: { ...filters, format } }, parseAs: 'blob' }))`).
 */
export function ExportButton({
  download,
  name,
}: {
  download: (format: ExportFormat) => Promise<unknown>;
  name: string;
}) {
  const t = useT();
  const run = useMutation({
    mutationFn: async (format: ExportFormat) => saveBlob((await download(format)) as Blob, `${name}.${format}`),
  });
  const busy = run.isPending ? run.variables : null;
  return (
    <>
      <Tooltip title={t('导出当前筛选条件下的全部记录', 'Export every row matching the current filters')}>
        <Space.Compact>
          <Button loading={busy === 'xlsx'} disabled={busy === 'csv'} onClick={() => run.mutate('xlsx')}>
            {t('导出 Excel', 'Export XLSX')}
          </Button>
          <Button loading={busy === 'csv'} disabled={busy === 'xlsx'} onClick={() => run.mutate('csv')}>
            {t('导出 CSV', 'Export CSV')}
          </Button>
        </Space.Compact>
      </Tooltip>
      {run.error ? <ErrorAlert error={run.error} /> : null}
    </>
  );
}
