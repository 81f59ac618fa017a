import { type Lang, MATERIALS, term } from '../i18n/dictionary';

/** What the timeline knows of an uploaded file: its name, material and version (GET /applications/:id/files). */
export interface KnownFile {
  fileName: string;
  materialCode: string;
  version: number;
}

interface Row {
  event: string;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
}

/**
 * The material an UPDATE_MATERIALS step changed, as people read it: the material's name, the file's name and its
 * version ("自评报告：自评报告（2026）.pdf（第 2 版）"). An upload's history row names its file
 * (`payload.file`: id, materialCode, version); the name comes from the files list, and from the material's title
 * when the file is not in it. A change of the materials list without a file names the materials listed. Null for
 * other steps, or when the reader may not see the payload.
 */
export function materialChange(
  row: Row,
  lang: Lang,
  files: ReadonlyMap<string, KnownFile>,
  titles: ReadonlyMap<string, string> = new Map(),
): string | null {
  if (row.event !== 'UPDATE_MATERIALS') return null;
  const zh = lang === 'zh';
  const name = (code: string) => titles.get(code) ?? term(MATERIALS, code, lang);
  const file = row.payload.file as { id?: unknown; materialCode?: unknown; version?: unknown } | undefined;
  if (file && typeof file.materialCode === 'string') {
    const known = typeof file.id === 'string' ? files.get(file.id) : undefined;
    const version = typeof file.version === 'number' ? file.version : known?.version;
    const v = version ? (zh ? `（第 ${version} 版）` : ` (version ${version})`) : '';
    return `${name(file.materialCode)}${zh ? '：' : ': '}${known ? known.fileName : zh ? '新文件' : 'a new file'}${v}`;
  }
  const listed = row.payload.materials;
  if (Array.isArray(listed) && listed.length) {
    const codes = listed.map((m) => (typeof m === 'string' ? m : String((m as { key?: unknown }).key ?? '')));
    return (zh ? '材料清单：' : 'Materials listed: ') + codes.map(name).join(zh ? '、' : ', ');
  }
  return null;
}

/** "初审 → 复核", or, for a step that keeps the state, "草稿（状态不变）". */
export function stateChange(row: Row, label: (state: string) => string, lang: Lang): string {
  if (row.fromState && row.fromState !== row.toState) return `${label(row.fromState)} → ${label(row.toState)}`;
  if (row.fromState) return label(row.toState) + (lang === 'zh' ? '（状态不变）' : ' (state unchanged)');
  return label(row.toState);
}
