import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/** The part of a pooled `pg` client used here (the pool TypeORM made; the project has no pg typings). */
interface PooledClient {
  query(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** with an error: the pool closes the connection instead of reusing it */
  release(err?: Error | boolean): void;
  on(event: 'error', listener: (e: Error) => void): void;
  removeListener(event: 'error', listener: (e: Error) => void): void;
}

/**
 * Runs `work` unless another process (or another call in this one) is running work under the same `name`: a
 * Postgres session-level advisory lock, taken without waiting on one pooled connection and held until `work` ends.
 * A process that dies holding it loses its connection, and with it the lock, so nothing is ever stuck. For
 * sweepers that every worker runs on a timer: one of them sweeps at a time, the others skip that round.
 */
export async function exclusively<T>(db: DataSource, name: string, work: () => Promise<T>): Promise<Exclusive<T>> {
  const client = (await (db.driver as PostgresDriver).master.connect()) as PooledClient;
  let broken: Error | undefined;
  // the pool listens for errors of idle connections only: one that dies while it holds the lock (Postgres went
  // away) must not become an unhandled 'error' event that ends the process
  const died = (e: Error) => (broken = e);
  client.on('error', died);
  try {
    const { rows } = await client
      .query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [name])
      .catch((e: Error) => {
        broken = e;
        throw e;
      });
    if (rows[0].locked !== true) return { ran: false };
    try {
      return { ran: true, value: await work() };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]).catch((e: Error) => {
        broken = e; // a connection that may still hold the lock must not go back to the pool
      });
    }
  } finally {
    client.removeListener('error', died);
    client.release(broken);
  }
}
