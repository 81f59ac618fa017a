import { EnvironmentVariables } from '@app/config';
import { loggingParams } from '@app/platform';
import { flushPrefix, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TestingModuleBuilder } from '@nestjs/testing';
import Redis from 'ioredis';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configured, PASSWORD, resetDatabase, startApi } from './support/apps';

/**
 * The queue dashboard: opened with a single-use ticket exchanged for a session-bound cookie (never a token in the
 * URL), read-only for finance, actions and the Redis server's details for admins only, closed with the session; and
 * no token, ticket or cookie in any log line (the API's log is captured here at level info).
 */
/** The API's log lines, of both platforms: nestjs-pino keeps one logger per process, made by the first API started. */
const logLines: string[] = [];

describe.each(['fastify', 'express'])('the queue dashboard on %s', (platform) => {
  let api: INestApplication;
  let db: DataSource;
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const saved = { TRUST_PROXY: process.env.TRUST_PROXY, HTTP_PLATFORM: process.env.HTTP_PLATFORM };
  const secrets: string[] = [];

  beforeAll(async () => {
    // read when the HTTP adapter is made: X-Forwarded-Proto is believed, the platform under test
    Object.assign(process.env, { TRUST_PROXY: 'loopback', HTTP_PLATFORM: platform });
    const config = configured({ TRUST_PROXY: 'loopback', HTTP_PLATFORM: platform, LOG_LEVEL: 'info' });
    api = await startApi((b: TestingModuleBuilder) =>
      config(b)
        .overrideProvider(PARAMS_PROVIDER_TOKEN)
        .useFactory({
          factory: (c: ConfigService<EnvironmentVariables, true>) =>
            loggingParams(c, { write: (line: string) => void logLines.push(line) }),
          inject: [ConfigService],
        }),
    );
    db = api.get(DataSource);
  });
  beforeEach(async () => {
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    redis.disconnect();
    await api.close();
  });

  const server = () => api.getHttpServer();
  const signIn = async (username: string) => {
    const body = (await request(server()).post('/auth/login').send({ username, password: PASSWORD }).expect(200))
      .body as { accessToken: string; refreshToken: string };
    secrets.push(body.accessToken, body.refreshToken);
    return body;
  };
  const ticketFor = async (accessToken: string) => {
    const res = await request(server())
      .post('/auth/dashboard-ticket')
      .set('Authorization', `Bearer ${accessToken}`)
      .expect(200);
    secrets.push(res.body.ticket);
    return res.body as { ticket: string; url: string; expiresIn: number };
  };
  /** Opens the dashboard as a browser would: the ticket's URL, then the cookie it sets. */
  const open = async (username: string) => {
    const tokens = await signIn(username);
    const entry = await request(server())
      .get((await ticketFor(tokens.accessToken)).url)
      .expect(303);
    const cookie = (entry.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    secrets.push(cookie.split('=')[1]);
    return {
      ...tokens,
      cookie,
      as: (method: 'get' | 'put', path: string) => request(server())[method](path).set('Cookie', cookie),
    };
  };

  it('is opened with a single-use ticket exchanged for an HttpOnly, SameSite=Strict cookie on its own path', async () => {
    const { accessToken } = await signIn('qd-finance');
    const { ticket, url, expiresIn } = await ticketFor(accessToken);
    expect(expiresIn).toBe(60);
    expect(url).toBe(`/admin/queues?ticket=${ticket}`);

    const entry = await request(server()).get(`${url}&page=2`).expect(303);
    expect(entry.headers.location).toBe('/admin/queues?page=2'); // the same address without the ticket
    const [cookie] = entry.headers['set-cookie'] as unknown as string[];
    expect(cookie).toMatch(/^queue_dashboard_session=[\w.-]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(accessToken);
    const value = cookie.split(';')[0];
    await request(server()).get('/admin/queues').set('Cookie', value).expect(200);
    await request(server()).get('/admin/queues/api/queues').set('Cookie', value).expect(200);

    // once only; an expired one neither; nor a made-up one
    expect((await request(server()).get(url)).status).toBe(401);
    const late = await ticketFor(accessToken);
    await db.query(`UPDATE dashboard_tickets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect((await request(server()).get(late.url)).status).toBe(401);
    expect((await request(server()).get('/admin/queues?ticket=made-up')).status).toBe(401);
    // the cookie opens the dashboard only: it is no bearer token for the API
    expect(
      (
        await request(server())
          .get('/finance/disbursements')
          .set('Authorization', `Bearer ${value.split('=')[1]}`)
      ).status,
    ).toBe(401);
  });

  it('sets the cookie Secure behind an HTTPS proxy', async () => {
    const { accessToken } = await signIn('admin');
    const entry = await request(server())
      .get((await ticketFor(accessToken)).url)
      .set('X-Forwarded-Proto', 'https')
      .expect(303);
    expect((entry.headers['set-cookie'] as unknown as string[])[0]).toMatch(/; Secure$/);
  });

  it('refuses a token in the URL, and tickets to anyone but finance and admins', async () => {
    const finance = await signIn('qd-finance');
    const res = await request(server()).get(`/admin/queues?token=${finance.accessToken}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/POST \/auth\/dashboard-ticket/);
    expect(res.headers['set-cookie']).toBeUndefined();
    for (const username of ['qd-regulator', 'qd-applicant']) {
      const { accessToken } = await signIn(username);
      expect(
        (await request(server()).post('/auth/dashboard-ticket').set('Authorization', `Bearer ${accessToken}`)).status,
      ).toBe(403);
      expect((await request(server()).get('/admin/queues').set('Authorization', `Bearer ${accessToken}`)).status).toBe(
        403,
      );
    }
    expect((await request(server()).get('/admin/queues')).status).toBe(401);
  });

  it('is read-only for finance: no pausing, retrying, cleaning or adding, and no Redis server details', async () => {
    const finance = await open('qd-finance');
    const attempts: ['put' | 'post' | 'patch' | 'delete', string][] = [
      ['put', '/admin/queues/api/queues/disbursements/pause'],
      ['put', '/admin/queues/api/queues/pause'],
      ['put', '/admin/queues/api/queues/disbursements/retry/failed'],
      ['put', '/admin/queues/api/queues/disbursements/clean/completed'],
      ['put', '/admin/queues/api/queues/disbursements/obliterate'],
      ['post', '/admin/queues/api/queues/disbursements/add'],
      ['patch', '/admin/queues/api/queues/disbursements/some-job/update-data'],
      ['delete', '/admin/queues/api/queues/disbursements'],
    ];
    for (const [method, path] of attempts) {
      const res = await request(server())[method](path).set('Cookie', finance.cookie).send({});
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.message).toMatch(/read-only for finance/);
    }
    for (const path of [
      '/admin/queues/api/redis/stats',
      '/admin/queues/API/Redis/stats',
      '/admin/queues//api/redis/stats/',
      '/admin/queues/api/%72edis/stats',
      '/admin/queues/api/queues/disbursements/workers',
    ]) {
      const res = await finance.as('get', path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const queues = (await finance.as('get', '/admin/queues/api/queues').expect(200)).body.queues as {
      name: string;
      isPaused: boolean;
    }[];
    expect(queues.map((q) => q.isPaused)).toEqual(queues.map(() => false)); // nothing was paused
  });

  it('lets admins act and read the Redis server details', async () => {
    const admin = await open('admin');
    await admin.as('get', '/admin/queues/api/redis/stats').expect(200);
    await admin.as('put', '/admin/queues/api/queues/disbursements/pause').expect(200);
    const paused = (await admin.as('get', '/admin/queues/api/queues').expect(200)).body.queues as {
      name: string;
      isPaused: boolean;
    }[];
    expect(paused.find((q) => q.name.endsWith('disbursements'))?.isPaused).toBe(true);
    await admin.as('put', '/admin/queues/api/queues/disbursements/resume').expect(200);
  });

  it('closes with the session: signing out, or the user disabled, ends the dashboard too', async () => {
    const finance = await open('qd-finance');
    await finance.as('get', '/admin/queues/api/queues').expect(200);
    await request(server()).post('/auth/logout').set('Authorization', `Bearer ${finance.accessToken}`).expect(204);
    expect((await finance.as('get', '/admin/queues/api/queues')).status).toBe(401);

    const admin = await open('admin');
    await admin.as('get', '/admin/queues/api/queues').expect(200);
    await db.query(`UPDATE users SET active = false WHERE username = 'admin'`);
    expect((await admin.as('get', '/admin/queues/api/queues')).status).toBe(401);
  });

  it('writes no token, refresh token, ticket or cookie to the log (checked over every request above)', async () => {
    await new Promise((r) => setTimeout(r, 50)); // let the last response's line be written
    const log = logLines.join('');
    expect(log).toContain('"url":"/admin/queues?ticket=[Redacted]"');
    expect(log).toContain('"url":"/admin/queues?token=[Redacted]"');
    expect(secrets.length).toBeGreaterThan(20);
    const leaked = secrets.filter((s) => log.includes(s));
    expect(leaked).toEqual([]);
    expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JSON web token of any kind
  });
});
