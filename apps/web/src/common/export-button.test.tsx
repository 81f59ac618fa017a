import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n/locale';
import { ExportButton } from './export-button';

const { createObjectURL, revokeObjectURL } = URL;

afterEach(() => {
  vi.restoreAllMocks();
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

const wrap = (node: React.ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
      <LocaleProvider>{node}</LocaleProvider>
    </QueryClientProvider>,
  );

describe('ExportButton', () => {
  it('downloads the file in the format clicked and saves it under the given name', async () => {
    const blob = new Blob(['x'], { type: 'text/csv' });
    const download = vi.fn(async (_format: string) => blob);
    const created = vi.fn((_: Blob) => 'blob:export');
    URL.createObjectURL = created as unknown as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    wrap(<ExportButton name="企业名录库" download={download} />);
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: '导出 CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
    expect(download.mock.calls).toEqual([['xlsx'], ['csv']]);
    expect(created).toHaveBeenCalledWith(blob);
    expect(names).toEqual(['企业名录库.xlsx', '企业名录库.csv']);
  });

  it('shows the error when the download is refused, saving nothing', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const download = vi.fn(async () => {
      throw Object.assign(new Error('forbidden'), { status: 403, body: { error: 'FORBIDDEN', message: 'no' } });
    });
    wrap(<ExportButton name="x" download={download} />);
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    expect(click).not.toHaveBeenCalled();
  });
});
