import type { DataSource, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';

/** Rows fetched per round trip of an export's cursor. */
export const EXPORT_BATCH_SIZE = 1000;

/**
 * The rows of one SQL query, `batchSize` at a time, from a server-side cursor (DECLARE ... NO SCROLL CURSOR, FETCH)
 * inside a read-only REPEATABLE READ transaction on a connection of its own: one consistent snapshot, and never more
 * than a batch in memory. `load` may turn each batch into what the export writes, reading more through the same
 * connection (so in the same snapshot). Stopping the iteration early (a cancelled download) closes the cursor and
 * gives the connection back at once.
 */
export async function* cursorBatches<R extends ObjectLiteral, T = R>(
  db: DataSource,
  sql: string,
  params: readonly unknown[],
  load: (rows: R[], runner: QueryRunner) => Promise<readonly T[]> = async (rows) => rows as unknown as T[],
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<readonly T[]> {
  const runner = db.createQueryRunner();
  await runner.connect();
  let open = false;
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await runner.query(`DECLARE export_cursor NO SCROLL CURSOR FOR ${sql}`, [...params]);
    for (;;) {
      const rows: R[] = await runner.query(`FETCH FORWARD ${Math.trunc(batchSize)} FROM export_cursor`);
      if (rows.length === 0) break;
      yield await load(rows, runner);
      if (rows.length < batchSize) break;
    }
  } finally {
    try {
      if (open) await runner.query('ROLLBACK'); // read-only: nothing to keep; closes the cursor
    } finally {
      await runner.release();
    }
  }
}

/**
 * The entities a query builder selects, in its order, a batch at a time: a cursor over their ids, then each batch's
 * rows read by id in the same snapshot (the builder's joins and relations apply). The entity's key must be `id`.
 */
export function entityBatches<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  batchSize = EXPORT_BATCH_SIZE,
): AsyncGenerator<readonly T[]> {
  const alias = qb.alias;
  const [sql, params] = qb.clone().select(`${alias}.id`, 'id').getQueryAndParameters();
  return cursorBatches<{ id: string }, T>(
    qb.connection,
    sql,
    params,
    async (rows, runner) => {
      const ids = rows.map((r) => r.id);
      const found = await qb
        .clone()
        .setQueryRunner(runner)
        .andWhere(`${alias}.id IN (:...exportIds)`, { exportIds: ids })
        .getMany();
      const byId = new Map(found.map((e) => [e.id as string, e]));
      return ids.map((id) => byId.get(id)).filter((e): e is T => e !== undefined);
    },
    batchSize,
  );
}
