import { DomainError, DomainErrorCode, type Principal } from '@app/domain';
import { subtreePattern } from '@app/platform';
import { DataSource } from 'typeorm';

/** A jurisdiction a report covers: the caller's own, or one inside it. */
export interface ReportScope {
  code: string;
  name: string;
  level: string;
  path: string;
  /** the LIKE pattern of its subtree */
  pattern: string;
}

/**
 * The subtree a report reads: the caller's jurisdiction, or `jurisdictionCode` when it lies inside it (a 400 naming
 * the field when it is unknown or outside). Callers without a jurisdiction see nothing (403).
 */
export async function reportScope(db: DataSource, p: Principal, jurisdictionCode?: string): Promise<ReportScope> {
  if (p.jurisdictionPath === null || p.jurisdictionCode === null)
    throw new DomainError(DomainErrorCode.Forbidden, 'reports are read by a bureau: your account has no jurisdiction');
  const code = jurisdictionCode ?? p.jurisdictionCode;
  const [j]: { code: string; name: string; level: string; path: string }[] = await db.query(
    `SELECT code, name, level, path FROM jurisdictions WHERE code = $1`,
    [code],
  );
  if (!j || !j.path.startsWith(p.jurisdictionPath))
    throw new DomainError(
      DomainErrorCode.ValidationFailed,
      `jurisdictionCode ${code} is not your jurisdiction nor one inside it`,
      { fields: ['jurisdictionCode'] },
    );
  return { ...j, pattern: subtreePattern(j.path) };
}
