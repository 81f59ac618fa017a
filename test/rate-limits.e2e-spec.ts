import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { configured, PASSWORD, resetDatabase, startApi } from './support/apps';
import { flushPrefix, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import Redis from 'ioredis';

/**
 * Named rate limits counted in Redis. Sign-in is limited per client address (RATE_LIMIT_SIGN_IN_PER_CLIENT a
 * minute); the API here allows 3, and trusts a proxy on the loopback address so that X-Forwarded-For names the client.
 */
describe('rate limits', () => {
  let api: INestApplication;
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const saved = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = 'loopback'; // read when the HTTP adapter is made
    api = await startApi(configured({ RATE_LIMIT_SIGN_IN_PER_CLIENT: '3', TRUST_PROXY: 'loopback' }));
    await resetDatabase(api);
  });
  beforeEach(() => flushPrefix(redis, TEST_QUEUE_PREFIX));
  afterAll(async () => {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
    redis.disconnect();
    await api.close();
  });

  const signIn = (client: string, password = 'wrong-password', username = 'qd-regulator') =>
    request(api.getHttpServer()).post('/auth/login').set('X-Forwarded-For', client).send({ username, password });

  it('answers 429 with Retry-After once a client has used its sign-ins for the minute, right password or not', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('203.0.113.7')).status).toBe(401);
    const refused = await signIn('203.0.113.7', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.retryAfterSeconds).toBe(retryAfter);
  });

  it('counts each client address on its own', async () => {
    for (let i = 0; i < 4; i++) await signIn('203.0.113.8');
    expect((await signIn('203.0.113.8', PASSWORD)).status).toBe(429);
    expect((await signIn('198.51.100.20', PASSWORD)).status).toBe(200);
  });

  it('counts only the routes that declare a limit', async () => {
    for (let i = 0; i < 4; i++) await signIn('203.0.113.9');
    expect((await signIn('203.0.113.9', PASSWORD)).status).toBe(429);
    const health = await request(api.getHttpServer()).get('/health').set('X-Forwarded-For', '203.0.113.9');
    expect(health.status).toBe(200);
    expect(health.headers['retry-after']).toBeUndefined();
  });
});
