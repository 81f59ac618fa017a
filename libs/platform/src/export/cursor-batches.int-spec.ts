import { TEST_DATABASE_URL } from '@app/testing/test-env';
import { DataSource, type Logger } from 'typeorm';
import { cursorBatches } from './cursor-batches';

/** What the connection was sent, in order, with the consumer's own steps between: 'DECLARE', 'FETCH', 'got 1-3'... */
const events: string[] = [];

const logger: Logger = {
  logQuery: (query) => void events.push(query.split(/\s/)[0]),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

describe('cursorBatches', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL, logging: ['query'], logger }).initialize();
  });
  afterAll(() => db.destroy());
  beforeEach(() => (events.length = 0));

  const pool = () => (db.driver as unknown as { master: { totalCount: number; idleCount: number } }).master;
  const numbers = (n: number) => `SELECT i FROM generate_series(1, ${n}) i ORDER BY i`;

  it('yields every row in order, a batch at a time, the next FETCH sent before the consumer asks for it', async () => {
    const seen: number[][] = [];
    for await (const batch of cursorBatches<{ i: number }>(db, numbers(10), [], undefined, 3)) {
      seen.push(batch.map((r) => r.i));
      events.push(`got ${batch.map((r) => r.i).join(',')}`);
    }
    expect(seen).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]);
    expect(events).toEqual([
      'START',
      'DECLARE',
      'FETCH',
      'FETCH', // rows 4-6 are on their way while rows 1-3 are written
      'got 1,2,3',
      'FETCH',
      'got 4,5,6',
      'FETCH',
      'got 7,8,9',
      'got 10', // a short batch is the last: no FETCH after it
      'ROLLBACK',
    ]);
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it('ends on an empty FETCH when the rows fill the last batch exactly', async () => {
    const seen: number[] = [];
    for await (const batch of cursorBatches<{ i: number }>(db, numbers(6), [], undefined, 3))
      seen.push(...batch.map((r) => r.i));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.filter((e) => e === 'FETCH')).toHaveLength(3);
  });

  it("runs `load` before the next FETCH, on the same connection, in the cursor's snapshot", async () => {
    const loaded: string[] = [];
    const batches = cursorBatches<{ i: number }, string>(
      db,
      numbers(4),
      [],
      async (rows, runner) => {
        events.push('load');
        const [{ snapshot }] = await runner.query(`SELECT pg_current_snapshot()::text AS snapshot`);
        return rows.map((r) => `${r.i}@${snapshot}`);
      },
      2,
    );
    for await (const batch of batches) loaded.push(...batch);
    expect(new Set(loaded.map((l) => l.split('@')[1])).size).toBe(1); // REPEATABLE READ: one snapshot throughout
    expect(events).toEqual([
      'START',
      'DECLARE',
      'FETCH',
      'load',
      'SELECT',
      'FETCH',
      'load',
      'SELECT',
      'FETCH',
      'ROLLBACK',
    ]);
  });

  it('when the consumer stops early, waits for the FETCH on its way, rolls back and gives the connection back', async () => {
    for await (const batch of cursorBatches<{ i: number }>(db, numbers(1000), [], undefined, 10)) {
      expect(batch).toHaveLength(10);
      break;
    }
    expect(events).toEqual(['START', 'DECLARE', 'FETCH', 'FETCH', 'ROLLBACK']);
    expect(pool().idleCount).toBe(pool().totalCount);
  });

  it('a FETCH failing while the consumer writes fails the next step, and the connection is given back', async () => {
    const seen: number[] = [];
    const failing = `SELECT i, 10 / (5 - i) AS q FROM generate_series(1, 8) i`; // row 5 divides by zero, when it is fetched
    await expect(
      (async () => {
        for await (const batch of cursorBatches<{ i: number }>(db, failing, [], undefined, 2)) {
          seen.push(...batch.map((r) => r.i));
          await new Promise((resolve) => setTimeout(resolve, 20)); // the failing FETCH settles meanwhile
        }
      })(),
    ).rejects.toThrow(/division by zero/);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(pool().idleCount).toBe(pool().totalCount);
    expect(await db.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]); // the pool still works
  });
});
