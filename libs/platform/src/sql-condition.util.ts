/** A SQL condition with its named parameters (`:name`, `:...names`), for a query builder's `where`/`andWhere`. */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** Matches no row. */
export const NO_ROWS: SqlCondition = { sql: 'false', params: {} };

/** `LIKE` pattern for the materialised paths that start with `prefix` (a subtree); `%`, `_` and `\` taken literally. */
export function subtreePattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
}
