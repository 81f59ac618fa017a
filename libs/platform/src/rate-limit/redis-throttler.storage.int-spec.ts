import { flushPrefix, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { RedisThrottlerStorage } from './redis-throttler.storage';

describe('RedisThrottlerStorage', () => {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const storages: RedisThrottlerStorage[] = [];
  const storage = (url = TEST_REDIS_URL) => {
    const values: Record<string, unknown> = {
      REDIS_URL: url,
      QUEUE_PREFIX: TEST_QUEUE_PREFIX,
      REDIS_COMMAND_TIMEOUT_MS: 300,
    };
    const s = new RedisThrottlerStorage({ get: (k: string) => values[k] } as unknown as ConfigService<never, true>);
    storages.push(s);
    return s;
  };

  beforeEach(() => flushPrefix(redis, TEST_QUEUE_PREFIX));
  afterAll(() => {
    storages.forEach((s) => s.onModuleDestroy());
    redis.disconnect();
  });

  it('shares one count between processes: two storages, one allowance', async () => {
    const [a, b] = [storage(), storage()];
    expect(await a.increment('k', 60_000, 3, 60_000, 't')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await b.increment('k', 60_000, 3, 60_000, 't')).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await a.increment('k', 60_000, 3, 60_000, 't')).toMatchObject({ totalHits: 3, isBlocked: false });
    const over = await b.increment('k', 60_000, 3, 60_000, 't');
    expect(over).toMatchObject({ totalHits: 4, isBlocked: true });
    expect(over.timeToBlockExpire).toBeGreaterThan(55);
    expect(await a.increment('k', 60_000, 3, 60_000, 't')).toMatchObject({ isBlocked: true });
    expect(await a.increment('other', 60_000, 3, 60_000, 't')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('starts counting again when the window and the block have passed', async () => {
    const s = storage();
    await s.increment('short', 200, 1, 300, 't');
    expect(await s.increment('short', 200, 1, 300, 't')).toMatchObject({ isBlocked: true });
    await new Promise((r) => setTimeout(r, 450));
    expect(await s.increment('short', 200, 1, 300, 't')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets requests through (fails open) while Redis does not answer', async () => {
    const s = storage('redis://127.0.0.1:1');
    expect(await s.increment('k', 60_000, 1, 60_000, 't')).toMatchObject({ isBlocked: false });
    expect(await s.increment('k', 60_000, 1, 60_000, 't')).toMatchObject({ isBlocked: false });
  });
});
