/**
 * What an uploaded material is, decided by its bytes (the name only tells apart the two old Office formats, which
 * share one container). Accepted: PDF, OFD (the Chinese fixed-layout format, GB/T 33190: a ZIP whose root holds
 * OFD.xml), Word and Excel (the OLE .doc/.xls and the OOXML .docx/.xlsx), JPEG and PNG images.
 */
export type MaterialKind = 'pdf' | 'ofd' | 'doc' | 'xls' | 'docx' | 'xlsx' | 'jpg' | 'png';

export const MATERIAL_MEDIA_TYPES: Record<MaterialKind, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** The container the first bytes show: an accepted one, or what a refusal names (`exe`, `elf`, `zip`, `unknown`...). */
export type Container = 'pdf' | 'png' | 'jpg' | 'ole' | 'zip' | 'exe' | 'elf' | 'gif' | 'gzip' | 'rar' | 'unknown';

const MAGIC: [Container, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpg', [0xff, 0xd8, 0xff]],
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['exe', [0x4d, 0x5a]], // MZ
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21]],
];

/** The container of a file from its first bytes (8 are enough). */
export function containerOf(head: Uint8Array): Container {
  for (const [container, magic] of MAGIC) {
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return container;
  }
  return 'unknown';
}

export type MaterialTypeAnswer = { ok: true; kind: MaterialKind; mediaType: string } | { ok: false; detected: string };

const accept = (kind: MaterialKind): MaterialTypeAnswer => ({ ok: true, kind, mediaType: MATERIAL_MEDIA_TYPES[kind] });

/**
 * The material's type from its container, the names of the entries at a ZIP's root and below (for ZIP containers),
 * and the file name (only for OLE, whose Word and Excel files share the container): accepted, or refused with the
 * type that was detected.
 */
export function materialType(
  container: Container,
  fileName: string,
  zipEntries: readonly string[] = [],
): MaterialTypeAnswer {
  switch (container) {
    case 'pdf':
    case 'png':
    case 'jpg':
      return accept(container);
    case 'ole': {
      const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
      if (ext === 'doc' || ext === 'wps') return accept('doc');
      if (ext === 'xls' || ext === 'et') return accept('xls');
      return { ok: false, detected: 'ole' };
    }
    case 'zip': {
      const entries = new Set(zipEntries);
      if (entries.has('OFD.xml')) return accept('ofd');
      if (entries.has('[Content_Types].xml') && entries.has('word/document.xml')) return accept('docx');
      if (entries.has('[Content_Types].xml') && entries.has('xl/workbook.xml')) return accept('xlsx');
      return { ok: false, detected: 'zip' };
    }
    default:
      return { ok: false, detected: container };
  }
}

/** The accepted kinds, for messages and documentation. */
export const ACCEPTED_MATERIAL_KINDS = Object.keys(MATERIAL_MEDIA_TYPES) as MaterialKind[];
