import { Clock, DemoClock } from '@app/platform';
import { flushPrefix, resetDatabase, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { TestingModuleBuilder } from '@nestjs/testing';
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { configured, Flow, Http, startApi, startWorker } from './support/apps';

const DEMO = { DEMO_MODE: 'true', DEMO_CLOCK_REFRESH_MS: '200' };
/** a process in demo mode: the demo setting, and the shared demo clock instead of the tests' clock */
const demo = (b: TestingModuleBuilder) => configured(DEMO)(b).overrideProvider(Clock).useClass(DemoClock);

describe('the demo clock (DEMO_MODE)', () => {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let api: INestApplication;
  let worker: INestApplication;
  let http: Http;

  beforeAll(async () => {
    api = await startApi((b) => demo(b));
    http = new Http(api);
  }, 60_000);
  beforeEach(async () => {
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
    await api.get(Clock).refresh();
    http.forget();
  });
  afterAll(async () => {
    await worker?.close();
    redis.disconnect();
    await api.close();
  });

  it('lets an admin move the clock past a notice window, and the worker closes the notice at once', async () => {
    worker = await startWorker(configured(DEMO));
    const admin = await http.as('admin');
    const before = (await admin.get('/admin/clock').expect(200)).body;
    expect(before).toMatchObject({ offsetMs: expect.any(Number), changes: [] });
    expect(Math.abs(before.offsetMs)).toBeLessThan(60_000);

    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel();
    await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    const noticeEndsAt = (await flow.detail()).noticeEndsAt as string;
    expect(new Date(noticeEndsAt).getTime()).toBeGreaterThan(Date.now()); // five working days ahead in real time

    const moved = (await admin.post('/admin/clock/advance', { workingDays: 6, reason: '演示：公示期满' }).expect(200))
      .body;
    expect(new Date(moved.now).getTime()).toBeGreaterThanOrEqual(new Date(noticeEndsAt).getTime());
    expect(moved.changes[0]).toMatchObject({
      kind: 'advance',
      actorUsername: 'admin',
      requested: { workingDays: 6 },
      reason: '演示：公示期满',
      offsetMs: moved.offsetMs,
      deltaMs: moved.offsetMs,
    });

    // the close-notice job BullMQ holds is days away in real time: the sweep the advance wrote closes the notice
    await flow.waitForState('notice_closed', 15_000);
    const closing = (await flow.history()).find((h) => h.event === 'CLOSE_NOTICE');
    expect(closing).toMatchObject({ actorRole: 'system', fromState: 'public_notice', toState: 'notice_closed' });
    // recorded at the demo time, after the window's end
    expect(new Date(closing!.at).getTime()).toBeGreaterThanOrEqual(new Date(noticeEndsAt).getTime());

    const db = api.get(DataSource);
    const [change] = await db.query(`SELECT actor_username, delta_ms FROM demo_clock_changes`);
    expect(change).toMatchObject({ actor_username: 'admin', delta_ms: String(moved.offsetMs) });
    await expect(db.query(`UPDATE demo_clock_changes SET reason = 'x'`)).rejects.toThrow(
      /permission denied|append-only/,
    );

    const back = (await admin.post('/admin/clock/reset', { reason: '演示结束' }).expect(200)).body;
    expect(Math.abs(back.offsetMs)).toBeLessThan(60_000);
    expect(back.changes.map((c: { kind: string }) => c.kind)).toEqual(['reset', 'advance']);
    expect(await flow.state()).toBe('notice_closed');
    await worker.close();
  }, 60_000);

  it('moves by days, hours and minutes together, and names the fields of a bad request', async () => {
    const admin = await http.as('admin');
    const res = (
      await admin.post('/admin/clock/advance', { days: 1, hours: 2, minutes: 3, reason: '演示' }).expect(200)
    ).body;
    expect(res.changes[0].deltaMs).toBe(((24 + 2) * 60 + 3) * 60_000);
    const none = await admin.post('/admin/clock/advance', { reason: '演示' }).expect(400);
    expect(JSON.stringify(none.body)).toMatch(/workingDays/);
    const back = await admin.post('/admin/clock/advance', { days: -1, reason: '演示' }).expect(400);
    expect(JSON.stringify(back.body)).toMatch(/days/);
    await admin.post('/admin/clock/advance', { days: 1 }).expect(400);
    expect((await admin.get('/admin/clock').expect(200)).body.changes).toHaveLength(1);
  });

  it('is for admins only', async () => {
    for (const user of ['qd-regulator', 'qd-applicant']) {
      const as = await http.as(user);
      await as.get('/admin/clock').expect(403);
      await as.post('/admin/clock/advance', { days: 1, reason: '越权' }).expect(403);
      await as.post('/admin/clock/reset', { reason: '越权' }).expect(403);
    }
    const anyone = await http.as(null);
    await anyone.post('/admin/clock/advance', { days: 1, reason: '越权' }).expect(401);
    expect((await (await http.as('admin')).get('/admin/clock').expect(200)).body.changes).toEqual([]);
  });
});

describe('without DEMO_MODE', () => {
  let api: INestApplication;
  let http: Http;
  beforeAll(async () => {
    api = await startApi();
    http = new Http(api);
  }, 60_000);
  afterAll(() => api.close());

  it('has no demo clock: 404 even for an admin', async () => {
    const admin = await http.as('admin');
    await admin.get('/admin/clock').expect(404);
    await admin.post('/admin/clock/advance', { days: 1, reason: '演示' }).expect(404);
    await admin.post('/admin/clock/reset', { reason: '演示' }).expect(404);
  });

  it('refuses to boot in production with DEMO_MODE', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
      {
        cwd: join(__dirname, '..'),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DEMO_MODE: 'true',
          JWT_SECRET: randomBytes(32).toString('base64'),
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DEMO_MODE: a demo clock is refused in production/);
  }, 70_000);
});
