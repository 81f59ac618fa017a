import { api, type components, ok } from './client';

export type MaterialFile = components['schemas']['MaterialFileView'];

/** Uploads one file as the next version of a material (multipart, the token in the header as for every call). */
export function uploadMaterial(applicationId: string, materialCode: string, file: File): Promise<MaterialFile> {
  return ok(
    api.POST('/applications/{id}/materials/{materialCode}/files', {
      params: { path: { id: applicationId, materialCode } },
      body: { file: file.name },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

/** Shows a blob in a new tab through an object URL: the token stays in the header, never in a URL. */
function show(blob: Blob, name: string, download: boolean): void {
  const url = URL.createObjectURL(blob);
  if (download) {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
  } else {
    window.open(url, '_blank', 'noopener');
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens one version of a material in the browser (PDF and images show; other kinds download). */
export async function openMaterialFile(f: MaterialFile): Promise<void> {
  const blob = await ok(
    api.GET('/applications/{id}/materials/{materialCode}/files/{fileId}', {
      params: { path: { id: f.applicationId, materialCode: f.materialCode, fileId: f.id } },
      parseAs: 'blob',
    }),
  );
  show(blob, f.fileName, !(f.kind === 'pdf' || f.kind === 'jpg' || f.kind === 'png'));
}

/** Downloads the dossier: the current version of every material in one ZIP with its manifest. */
export async function downloadDossier(applicationId: string, reference: string): Promise<void> {
  const blob = await ok(
    api.GET('/applications/{id}/dossier.zip', { params: { path: { id: applicationId } }, parseAs: 'blob' }),
  );
  show(blob, `${reference}-dossier.zip`, true);
}

/** 1234567 → "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Downloads the pilot progress compilation of a half-year as an XLSX workbook. */
export async function downloadPilotCompilation(halfYear: string, jurisdictionCode?: string): Promise<void> {
  const blob = await ok(
    api.GET('/pilot-reports/compilation.xlsx', {
      params: { query: { halfYear, jurisdictionCode } },
      parseAs: 'blob',
    }),
  );
  show(blob, `pilot-progress-${jurisdictionCode ?? ''}-${halfYear}.xlsx`, true);
}
