/**
 * Jurisdictions form a tree (national → province → city → district / free-trade-zone area). Each one stores its
 * materialised path of codes, e.g. `/CN/370000/370200/370211/`; a subtree check is a prefix check.
 */
export enum JurisdictionLevel {
  National = 'national',
  Province = 'province',
  City = 'city',
  District = 'district',
}

export const LEVEL_ORDER: readonly JurisdictionLevel[] = [
  JurisdictionLevel.District,
  JurisdictionLevel.City,
  JurisdictionLevel.Province,
  JurisdictionLevel.National,
];

export function childPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

/** true when `path` is the jurisdiction at `rootPath` or lies below it */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
