import { FaultProxy, startContexts, TEST_DATABASE_URL } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exclusively } from './advisory-lock.util';

/** One sweeper at a time across processes: the advisory lock against the real Postgres. */
describe('exclusively', () => {
  let app: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    app = await startContexts();
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('runs work under a name once at a time; other names are not held up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = exclusively(db, 'test:sweep', async () => {
      await gate;
      return 'first';
    });
    await new Promise((r) => setTimeout(r, 50)); // the first has its lock
    expect(await exclusively(db, 'test:sweep', async () => 'second')).toEqual({ ran: false });
    expect(await exclusively(db, 'test:other', async () => 'other')).toEqual({ ran: true, value: 'other' });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await exclusively(db, 'test:sweep', async () => 'third')).toEqual({ ran: true, value: 'third' });
  });

  it('lets go when the work fails, and gives its connection back every time', async () => {
    for (let i = 0; i < 25; i++) {
      await expect(
        exclusively(db, 'test:sweep', async () => {
          throw new Error('sweep failed');
        }),
      ).rejects.toThrow('sweep failed');
    }
    expect(await exclusively(db, 'test:sweep', async () => 'after')).toEqual({ ran: true, value: 'after' });
  });

  it('is free again when the process holding it goes away (its connection closes)', async () => {
    const otherProcess = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
    await otherProcess.query(`SELECT pg_advisory_lock(hashtext('test:sweep'))`);
    expect(await exclusively(db, 'test:sweep', async () => 'held')).toEqual({ ran: false });
    await otherProcess.destroy();
    let result: unknown = { ran: false };
    for (let i = 0; i < 50 && (result as { ran: boolean }).ran === false; i++) {
      result = await exclusively(db, 'test:sweep', async () => 'free');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(result).toEqual({ ran: true, value: 'free' });
  });

  it('survives Postgres going away while it holds the lock (no unhandled error), and the lock is free after', async () => {
    const proxy = await FaultProxy.start(TEST_DATABASE_URL);
    const cut = await new DataSource({ type: 'postgres', url: proxy.url(TEST_DATABASE_URL) }).initialize();
    try {
      const result = await exclusively(cut, 'test:sweep', async () => {
        proxy.cut(); // the lock's connection dies under it
        await new Promise((r) => setTimeout(r, 200));
        return 'done';
      });
      expect(result).toEqual({ ran: true, value: 'done' });
      // the server noticed the closed connection and dropped the lock with it
      let after: unknown = { ran: false };
      for (let i = 0; i < 50 && (after as { ran: boolean }).ran === false; i++) {
        after = await exclusively(db, 'test:sweep', async () => 'free');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(after).toEqual({ ran: true, value: 'free' });
    } finally {
      await cut.destroy().catch(() => undefined);
      await proxy.close();
    }
  });
});
