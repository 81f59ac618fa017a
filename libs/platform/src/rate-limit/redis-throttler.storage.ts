import { EnvironmentVariables } from '@app/config';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { failFastRedis } from '../redis.probe';

/** What @nestjs/throttler expects back from a storage for one hit (times in seconds). */
interface HitRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * One hit in a fixed window, in one round trip: KEYS[1] counts hits in the window, KEYS[2] marks a block.
 * A blocked key answers blocked without counting; the hit that goes over the limit starts the block.
 * Returns { hits, window ms left, blocked 0/1, block ms left }.
 */
const HIT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return { hits, windowLeft, 1, tonumber(ARGV[3]) }
end
return { hits, windowLeft, 0, 0 }
`;

/**
 * The rate limits' counters in Redis, so every API process counts the same hits (an in-memory store would give each
 * process its own allowance). Fails open: while Redis does not answer, requests are not limited and a warning is
 * logged; the limits protect against abuse, and the lock-outs that must hold (an account's failed sign-ins) are kept
 * in Postgres.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private readonly client: Redis;
  private readonly prefix: string;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:rate`;
    this.client = failFastRedis(config); // its errors are reported by increment()
    this.client.defineCommand('rateLimitHit', { numberOfKeys: 2, lua: HIT_SCRIPT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<HitRecord> {
    try {
      if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
      const base = `${this.prefix}:${name}:${key}`;
      const [hits, windowLeft, blocked, blockLeft] = (await (this.client as unknown as RateLimitCommands).rateLimitHit(
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        Math.max(blockDuration, 1),
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(windowLeft / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.max(1, Math.ceil(blockLeft / 1000)),
      };
    } catch (e) {
      this.logger.warn({ err: e, limit: name }, 'rate limit not applied: Redis did not answer');
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}

interface RateLimitCommands {
  rateLimitHit(...args: (string | number)[]): Promise<unknown>;
}
