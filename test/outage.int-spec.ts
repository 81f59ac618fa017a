import { AccreditationState } from '@app/domain';
import { Factories, FaultProxy, flushPrefix, TEST_DATABASE_URL, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'child_process';
import Redis from 'ioredis';
import { createServer } from 'net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configured, Http, resetDatabase, sleep, startApi, startWorker, waitFor } from './support/apps';
import { bankTransfers, disbursement, disbursementIdsOf, setBudget, verifyAndApprove } from './support/subsidy';

/** Outage of this long with this many payments in CI; the full minute and 50 payments under test:faults. */
const CUT_MS = Number(process.env.OUTAGE_CUT_MS ?? 3000);
const PAYMENTS = Number(process.env.OUTAGE_PAYMENTS ?? 10);

/** Sends a request and returns the answer with how long it took. */
async function timed(req: request.Test) {
  const started = Date.now();
  const res = await req;
  return { res, ms: Date.now() - started };
}

/**
 * Postgres and Redis going away and coming back, between the API and the worker (both in process) and the real
 * servers: fault proxies the test cuts and restores. While a dependency is down, requests that need it answer 503
 * with Retry-After within 2 s and /health names it; afterwards both processes work again without a restart, and
 * payments approved before the outage are paid exactly once.
 */
describe('outages', () => {
  jest.setTimeout(CUT_MS + PAYMENTS * 3_000 + 180_000);

  const proxies: FaultProxy[] = [];
  let apiPostgres: FaultProxy;
  let workerPostgres: FaultProxy;
  let redisProxy: FaultProxy;
  let api: INestApplication;
  let worker: INestApplication | undefined;
  let http: Http;
  const plain = new Redis(TEST_REDIS_URL, { lazyConnect: true });

  beforeAll(async () => {
    apiPostgres = await FaultProxy.start(TEST_DATABASE_URL);
    workerPostgres = await FaultProxy.start(TEST_DATABASE_URL);
    redisProxy = await FaultProxy.start(TEST_REDIS_URL);
    proxies.push(apiPostgres, workerPostgres, redisProxy);
    await flushPrefix(plain, TEST_QUEUE_PREFIX);
    const redisUrl = redisProxy.url(TEST_REDIS_URL);
    api = await startApi(configured({ DATABASE_URL: apiPostgres.url(TEST_DATABASE_URL), REDIS_URL: redisUrl }));
    http = new Http(api);
    await resetDatabase(api);
    await setBudget(api, 'QDFTZ-2026', 1_000_000_000);
    await api.get(DataSource).query(`UPDATE programmes SET quota = NULL WHERE code = 'QDFTZ-2026'`);
    // a slow bank, so payments are at the bank when Postgres goes; a sweeper that re-arms what the outage failed
    worker = await startWorker(
      configured({
        DATABASE_URL: workerPostgres.url(TEST_DATABASE_URL),
        REDIS_URL: redisUrl,
        SIMULATED_BANK_LATENCY_MS: '2000',
        SWEEP_MS: '1000',
        PAYMENT_STUCK_MS: '5000',
      }),
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await Promise.all(proxies.map((p) => p.close()));
    plain.disconnect();
  });

  /** Designated applications of new enterprises: one pending disbursement each. */
  async function pendingDisbursements(count: number, from: number): Promise<{ id: string; reference: string }[]> {
    const factories = new Factories(api);
    const out: { id: string; reference: string }[] = [];
    for (let n = from; n < from + count; n++) {
      const { username } = await factories.applicant('qd', n);
      const application = await factories.application(AccreditationState.Designated, { applicant: username });
      const [id] = await disbursementIdsOf(api, application.id);
      out.push({ id, reference: (await disbursement(http, id)).reference });
    }
    return out;
  }

  async function approve(id: string) {
    expect((await verifyAndApprove(http, id)).status).toBe(200);
  }

  /** How many of the payments are in each state (read through the API's pool, or straight from `url`). */
  async function states(
    payments: { id: string }[],
    url?: string,
  ): Promise<{ approved: number; paying: number; paid: number }> {
    const sql = `SELECT count(*) FILTER (WHERE state = 'approved')::int AS approved,
                        count(*) FILTER (WHERE state = 'paying')::int AS paying,
                        count(*) FILTER (WHERE state = 'paid')::int AS paid
                   FROM disbursements WHERE id = ANY($1::uuid[])`;
    const params = [payments.map((p) => p.id)];
    if (!url) return (await api.get(DataSource).query(sql, params))[0];
    const direct = await new DataSource({ type: 'postgres', url }).initialize();
    try {
      return (await direct.query(sql, params))[0];
    } finally {
      await direct.destroy();
    }
  }

  async function paidOnce(payments: { id: string; reference: string }[], timeoutMs: number) {
    await waitFor('every payment paid', async () => (await states(payments)).paid === payments.length, timeoutMs);
    for (const p of payments) expect(await bankTransfers(api, p.reference)).toBe(1);
  }

  it(`answers 503 (never 500) while Postgres is down for ${CUT_MS / 1000} s with ${PAYMENTS} payments in flight, recovers without a restart, pays each once`, async () => {
    const payments = await pendingDisbursements(PAYMENTS, 1);
    const finance = await http.auth('qd-finance');
    // 经办 by one officer, 审批 by another, each item at the version read
    const items = await Promise.all(
      payments.map(async (p) => ({ id: p.id, version: (await disbursement(http, p.id)).version })),
    );
    const verified = await request(api.getHttpServer())
      .post('/finance/disbursements/verify')
      .set(finance)
      .send({ items });
    expect(verified.body).toMatchObject({ verified: PAYMENTS, refused: 0 });
    const approved = await request(api.getHttpServer())
      .post('/finance/disbursements/approve')
      .set(await http.auth('qd-finance-2'))
      .send({
        items: (verified.body.results as { id: string; version: number }[]).map(({ id, version }) => ({ id, version })),
      });
    expect(approved.body).toMatchObject({ approved: PAYMENTS, refused: 0 });
    // the worker takes them (8 at a time, the bank answering in 2 s): the cut comes while payments are at the bank
    await waitFor('a payment at the bank', async () => (await states(payments)).paying > 0, 30_000);

    apiPostgres.cut();
    workerPostgres.cut();
    const cutAt = Date.now();
    const atCut = await states(payments, TEST_DATABASE_URL);
    const during = [
      () => request(api.getHttpServer()).get('/finance/disbursements').set(finance),
      () => request(api.getHttpServer()).get(`/finance/disbursements/${payments[0].id}`).set(finance),
      () =>
        request(api.getHttpServer()).post('/auth/login').send({ username: 'qd-finance', password: 'demo-password' }),
      () => request(api.getHttpServer()).get('/public/register'),
    ];
    for (const req of during) {
      const { res, ms } = await timed(req());
      expect({ status: res.status, error: res.body.error, dependency: res.body.dependency }).toEqual({
        status: 503,
        error: 'SERVICE_UNAVAILABLE',
        dependency: 'postgres',
      });
      expect(res.headers['retry-after']).toBe('5');
      expect(ms).toBeLessThan(2000);
    }
    const health = await timed(request(api.getHttpServer()).get('/health'));
    expect(health.res.status).toBe(503);
    expect(health.res.body.error.postgres.status).toBe('down');
    expect(health.res.body.info.redis.status).toBe('up');
    expect(health.ms).toBeLessThan(2000);
    // and so on for the whole cut: every answer a 503, none a 500
    const statuses = new Map<number, number>();
    while (Date.now() - cutAt < CUT_MS) {
      for (const req of during) {
        const { status } = await req();
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      await sleep(1000);
    }
    apiPostgres.restore();
    workerPostgres.restore();
    const restoredAt = Date.now();
    expect([...statuses.keys()]).toEqual([503]);

    const back = await waitFor('the API to answer again', async () => {
      const res = await request(api.getHttpServer()).get('/finance/disbursements').set(finance);
      return res.status === 200 && res.body;
    });
    expect(back.total).toBeGreaterThanOrEqual(PAYMENTS);
    await request(api.getHttpServer()).get('/health').expect(200);
    await paidOnce(payments, 120_000); // within two minutes of the restore
    process.stdout.write(
      `outage: Postgres cut for ${restoredAt - cutAt} ms with ${PAYMENTS} payments approved ` +
        `(${atCut.paying} at the bank, ${atCut.approved} queued, ${atCut.paid} paid at the cut); ` +
        `${statuses.get(503)} requests during the cut, all 503; all paid once ${Date.now() - restoredAt} ms after the restore\n`,
    );
  });

  it('says Redis is down in /health, answers the dashboard 503 at once, and recovers without a restart', async () => {
    const [payment] = await pendingDisbursements(1, PAYMENTS + 1);
    const finance = await http.auth('qd-finance');
    await request(api.getHttpServer()).get('/admin/queues/api/queues').set(finance).expect(200);
    // the dashboard's JSON API is guarded like its page
    await request(api.getHttpServer()).get('/admin/queues/api/queues').expect(401);
    await request(api.getHttpServer())
      .get('/admin/queues/api/queues')
      .set(await http.auth('qd-applicant'))
      .expect(403);

    redisProxy.cut();
    const cutAt = Date.now();
    const health = await timed(request(api.getHttpServer()).get('/health'));
    expect(health.res.status).toBe(503);
    expect(health.res.body.error.redis.status).toBe('down');
    expect(health.res.body.info.postgres.status).toBe('up');
    expect(health.ms).toBeLessThan(2000);
    const dashboard = await timed(request(api.getHttpServer()).get('/admin/queues/api/queues').set(finance));
    expect(dashboard.res.status).toBe(503);
    expect(dashboard.res.headers['retry-after']).toBe('5');
    expect(dashboard.res.body).toMatchObject({ error: 'SERVICE_UNAVAILABLE', dependency: 'redis' });
    expect(dashboard.ms).toBeLessThan(2000);
    // approving needs only Postgres (the job goes through the outbox): the worker publishes it once Redis is back
    await approve(payment.id);

    await sleep(Math.max(0, CUT_MS - (Date.now() - cutAt)));
    redisProxy.restore();

    await waitFor('/health to be up again', async () => (await request(api.getHttpServer()).get('/health')).ok);
    await request(api.getHttpServer()).get('/admin/queues/api/queues').set(finance).expect(200);
    await paidOnce([payment], 20_000);
  });

  describe('with a Redis that evicts keys', () => {
    const port = freePort();
    const url = port.then((p) => `redis://127.0.0.1:${p}`);
    let evicting: Redis;

    beforeAll(async () => {
      execFileSync('redis-server', [
        '--port',
        String(await port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'allkeys-lru',
        '--daemonize',
        'yes',
      ]);
      evicting = new Redis(await url);
      await waitFor('the test Redis to answer', async () => (await evicting.ping()) === 'PONG');
    });

    afterAll(async () => {
      await evicting.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      evicting.disconnect();
    });

    it('refuses to start the API and the worker, naming the setting and the fix', async () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // BullMQ's own warning
      const env = configured({ REDIS_URL: await url });
      const refusal =
        /refusing to start: Redis maxmemory-policy is allkeys-lru, it must be noeviction.*CONFIG SET maxmemory-policy noeviction.*redis\.conf/;
      await expect(startApi(env)).rejects.toThrow(refusal);
      await expect(startWorker(env)).rejects.toThrow(refusal);
      warn.mockRestore();
    });

    it('reports Redis down in /health when the policy changes under a running API', async () => {
      await evicting.config('SET', 'maxmemory-policy', 'noeviction');
      const second = await startApi(configured({ REDIS_URL: await url }));
      try {
        const up = await request(second.getHttpServer()).get('/health').expect(200);
        expect(up.body.info.redis).toEqual({ status: 'up', maxmemoryPolicy: 'noeviction' });
        await evicting.config('SET', 'maxmemory-policy', 'volatile-lru');
        const down = await request(second.getHttpServer()).get('/health').expect(503);
        expect(down.body.error.redis.status).toBe('down');
        expect(down.body.error.redis.message).toContain('maxmemory-policy is volatile-lru');
      } finally {
        await second.close();
      }
    });
  });
});

/** A local TCP port nobody listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
