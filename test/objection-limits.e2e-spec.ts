import { ApplicationEntity } from '@app/accreditation';
import { AccreditationState } from '@app/domain';
import { Factories, flushPrefix, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { configured, recordOf, resetDatabase, startApi } from './support/apps';

/**
 * Objections are rate-limited per client address and per application, per hour. The API here allows 3 a client and
 * 5 an application, and trusts a proxy on the loopback address so that X-Forwarded-For names the client.
 */
describe('objection rate limits', () => {
  let api: INestApplication;
  let factories: Factories;
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const saved = process.env.TRUST_PROXY;

  beforeAll(async () => {
    process.env.TRUST_PROXY = 'loopback'; // read when the HTTP adapter is made
    api = await startApi(
      configured({
        RATE_LIMIT_OBJECTIONS_PER_CLIENT: '3',
        RATE_LIMIT_OBJECTIONS_PER_APPLICATION: '5',
        TRUST_PROXY: 'loopback',
      }),
    );
    factories = new Factories(api);
  });
  beforeEach(async () => {
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
    redis.disconnect();
    await api.close();
  });

  let n = 0;
  const object = (application: ApplicationEntity, client: string) =>
    request(api.getHttpServer())
      .post(`/applications/${application.id}/objections`)
      .set('X-Forwarded-For', client)
      .send({ reason: `异议 ${++n}`, filerName: '公众', filerContact: `1390000${String(n).padStart(4, '0')}` });

  const expectLimited = (res: request.Response) => {
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(res.body.retryAfterSeconds).toBe(retryAfter);
  };

  it('answers 429 with Retry-After once a client has filed its objections for the hour, on any application', async () => {
    const a = await factories.application(AccreditationState.PublicNotice);
    const b = await factories.application(AccreditationState.PublicNotice, { applicant: 'qd-applicant-2' });
    expect((await object(a, '203.0.113.7')).status).toBe(201);
    expect((await object(a, '203.0.113.7')).status).toBe(201);
    expect((await object(b, '203.0.113.7')).status).toBe(201);
    const before = await recordOf(api, b.id);
    expectLimited(await object(b, '203.0.113.7'));
    expect(await recordOf(api, b.id)).toEqual(before);
    // another client is counted on its own
    expect((await object(b, '198.51.100.20')).status).toBe(201);
  });

  it('answers 429 once an application has received its objections for the hour, whoever files them', async () => {
    const a = await factories.application(AccreditationState.PublicNotice);
    const b = await factories.application(AccreditationState.PublicNotice, { applicant: 'qd-applicant-2' });
    for (let i = 1; i <= 5; i++) expect((await object(a, `203.0.113.${i}`)).status).toBe(201);
    const before = await recordOf(api, a.id);
    expectLimited(await object(a, '203.0.113.50'));
    expect(await recordOf(api, a.id)).toEqual(before);
    // the same client may still object to another application
    expect((await object(b, '203.0.113.50')).status).toBe(201);
  });
});
