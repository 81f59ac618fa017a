import type { DataSource, ObjectLiteral, QueryRunner } from 'typeorm';

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
