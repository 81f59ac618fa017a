import type { DataSource, ObjectLiteral, QueryRunner } from 'typeorm';

/**
 * Rows fetched per round trip of an export's cursor: 2,000 held the API's RSS 6-8 MB lower than 5,000 at a million
 * rows, no slower (BENCHMARKS.md, the export); the next batch is fetched while one is written.
 */
export const EXPORT_BATCH_SIZE = 2000;

/**
 * The rows of one SQL query, `batchSize` at a time, from a server-side cursor (DECLARE ... NO SCROLL CURSOR, FETCH)
 * inside a read-only REPEATABLE READ transaction on a connection of its own: one consistent snapshot, and never more
 * than two batches in memory. While the consumer writes one batch, the next is already being fetched (the database
 * and the writing overlap). `load` may turn each batch into what the export writes, reading more through the same
 * connection (so in the same snapshot); the next FETCH is sent only after it, so its queries never wait behind one.
 * Stopping the iteration early (a cancelled download) closes the cursor and gives the connection back at once.
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
  /** the FETCH on its way, if any */
  let ahead: Promise<R[]> | null = null;
  const fetch = (): Promise<R[]> => {
    const rows: Promise<R[]> = runner.query(`FETCH FORWARD ${Math.trunc(batchSize)} FROM export_cursor`);
    rows.catch(() => undefined); // awaited below or in `finally`: a failure while the consumer writes is not unhandled
    return rows;
  };
  try {
    await runner.query('START TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await runner.query(`DECLARE export_cursor NO SCROLL CURSOR FOR ${sql}`, [...params]);
    ahead = fetch();
    for (;;) {
      const rows = await ahead;
      ahead = null;
      if (rows.length === 0) break;
      const batch = await load(rows, runner);
      if (rows.length === batchSize) ahead = fetch();
      yield batch;
      if (ahead === null) break;
    }
  } finally {
    try {
      if (ahead !== null) await ahead.catch(() => undefined); // one query at a time on the connection
      if (open) await runner.query('ROLLBACK'); // read-only: nothing to keep; closes the cursor
    } finally {
      await runner.release();
    }
  }
}
