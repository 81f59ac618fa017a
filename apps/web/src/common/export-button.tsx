import { useMutation } from '@tanstack/react-query';
import { Button, Tooltip } from 'antd';
import { ErrorAlert } from '../errors/error-alert';
import { useT } from '../i18n/locale';
import { saveBlob } from '../stats/stats-terms';

/**
 * 导出 Excel: downloads a list's `/export` sibling (the list's filters, format=xlsx) through the typed client and
 * saves it under `fileName`. `download` returns the client's blob (`ok(api.GET(..., { parseAs: 'blob' }))`).
 */
export function ExportButton({ download, fileName }: { download: () => Promise<unknown>; fileName: string }) {
  const t = useT();
  const run = useMutation({
    mutationFn: async () => saveBlob((await download()) as Blob, fileName),
  });
  return (
    <>
      <Tooltip title={t('导出当前筛选条件下的全部记录', 'Export every row matching the current filters')}>
        <Button loading={run.isPending} onClick={() => run.mutate()}>
          {t('导出 Excel', 'Export XLSX')}
        </Button>
      </Tooltip>
      {run.error ? <ErrorAlert error={run.error} /> : null}
    </>
  );
}
