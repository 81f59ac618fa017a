import { EnvironmentVariables } from '@app/config';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { dependencyUnavailable } from './dependency-error.util';
import { evictionProblem, maxmemoryPolicyOf } from './redis-policy.util';

/**
 * A Redis connection that answers or fails within REDIS_COMMAND_TIMEOUT_MS (no offline queue, one retry), connected
 * on first use; its errors are reported by the callers of its commands.
 */
export function failFastRedis(config: ConfigService<EnvironmentVariables, true>): Redis {
  const timeout = config.get('REDIS_COMMAND_TIMEOUT_MS', { infer: true });
  const client = new Redis(config.get('REDIS_URL', { infer: true }), {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: timeout,
    commandTimeout: timeout,
  });
  client.on('error', () => undefined);
  return client;
}

/**
 * A small Redis connection of its own that fails fast (no offline queue, a command timeout) instead of waiting:
 * /health pings through it, requests that would wait on Redis ask it first, and at boot it refuses to start the
 * process unless Redis's maxmemory-policy is noeviction.
 */
@Injectable()
export class RedisProbe implements OnModuleInit, OnModuleDestroy {
  private readonly client: Redis;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.client = failFastRedis(config);
  }

  /** The boot check: Redis reachable and not evicting keys, or the process does not start. */
  async onModuleInit(): Promise<void> {
    let problem: string | null;
    try {
      problem = evictionProblem(await this.maxmemoryPolicy());
    } catch (e) {
      problem = `Redis cannot be reached to check its maxmemory-policy: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (problem) throw new Error(`refusing to start: ${problem}`);
  }

  /** Resolves when Redis answers PING; rejects with the reason otherwise. */
  async ping(): Promise<void> {
    await this.connected();
    const pong = await this.client.ping();
    if (pong !== 'PONG') throw new Error(`unexpected answer ${pong}`);
  }

  /** `maxmemory_policy` from INFO memory. */
  async maxmemoryPolicy(): Promise<string | null> {
    await this.connected();
    return maxmemoryPolicyOf(await this.client.info('memory'));
  }

  /** For a request about to wait on Redis: a 503 naming redis, at once, when Redis does not answer. */
  async ensureReachable(): Promise<void> {
    try {
      await this.ping();
    } catch {
      throw dependencyUnavailable('redis');
    }
  }

  private async connected(): Promise<void> {
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
