import { type Principal, Role, isWithin } from '@app/domain';
import { NO_ROWS, type SqlCondition, subtreePattern } from '@app/platform';

/** Finance (and admins) see the money of their own bureau and below; the system sees everything. */
export function canSeeDisbursement(p: Principal, d: { jurisdictionPath: string }): boolean {
  if (p.role === Role.System) return true;
  if (p.role === Role.Finance || p.role === Role.Admin) {
    return p.jurisdictionPath !== null && isWithin(d.jurisdictionPath, p.jurisdictionPath);
  }
  return false;
}

/**
 * The SQL form of canSeeDisbursement, case for case, for the disbursements under `alias`; lists, exports and
 * totals filter with it. test/visibility-agreement.int-spec.ts
 * asserts both agree row for row: change them together.
 */
export function disbursementVisibility(p: Principal, alias = 'd'): SqlCondition {
  if (p.role === Role.System) return { sql: 'true', params: {} };
  if (p.role === Role.Finance || p.role === Role.Admin) {
    return p.jurisdictionPath === null
      ? NO_ROWS
      : { sql: `${alias}.jurisdiction_path LIKE :visPath`, params: { visPath: subtreePattern(p.jurisdictionPath) } };
  }
  return NO_ROWS;
}
