import { DomainError, DomainErrorCode } from '@app/domain';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** how many match, counted up to COUNT_CAP */
  total: number;
  /** false when more than COUNT_CAP match: total is then COUNT_CAP */
  totalIsExact: boolean;
}

/**
 * Lists count their matches up to this many: the cost of a page then stays flat however large the table grows
 * (exact numbers per state are the dashboard counts' job).
 */
export const COUNT_CAP = 1000;

/** The highest page a list serves (the API's DTOs say so; pageOf refuses beyond it too, never reaching SQL). */
export const MAX_PAGE = 1_000_000;

/** The largest page size any list serves. */
const MAX_PAGE_SIZE = 10_000;

/**
 * One page of a query, and its total counted up to COUNT_CAP (no count query at all when this is the last page).
 * The page's ids are found first, from an index where one covers the filters and the order, and only those rows
 * are read: skipping earlier pages then costs index entries, not table rows. The entity's key must be `id`.
 */
export async function pageOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: number,
  pageSize: number,
): Promise<Page<T>> {
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    throw new DomainError(DomainErrorCode.ValidationFailed, `page must be a whole number from 1 to ${MAX_PAGE}`, {
      fields: ['page'],
    });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
    throw new DomainError(
      DomainErrorCode.ValidationFailed,
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
      {
        fields: ['pageSize'],
      },
    );
  const offset = (page - 1) * pageSize;
  const alias = qb.alias;
  const ids: string[] = (
    await qb.clone().select(`${alias}.id`, 'id').offset(offset).limit(pageSize).getRawMany<{ id: string }>()
  ).map((r) => r.id);
  const rows = ids.length ? await qb.clone().andWhere(`${alias}.id IN (:...pageIds)`, { pageIds: ids }).getMany() : [];
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const items = ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
  if (items.length < pageSize && (items.length > 0 || offset === 0))
    return { items, page, pageSize, total: offset + items.length, totalIsExact: true };
  const [sql, params] = qb
    .clone()
    .select('1')
    .orderBy()
    .limit(COUNT_CAP + 1)
    .getQueryAndParameters();
  const [{ n }]: { n: number }[] = await qb.connection.query(`SELECT count(*)::int AS n FROM (${sql}) matches`, params);
  return { items, page, pageSize, total: Math.min(n, COUNT_CAP), totalIsExact: n <= COUNT_CAP };
}
