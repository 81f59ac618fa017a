import { EnvironmentVariables } from '@app/config';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';

/** Pings Redis on a small connection of its own that fails fast instead of queueing commands. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    private readonly indicator: HealthIndicatorService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.client = new Redis(config.get('REDIS_URL', { infer: true }), {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.client.on('error', () => undefined); // reported through check()
  }

  async check(key: string) {
    const h = this.indicator.check(key);
    try {
      if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
      const pong = await this.client.ping();
      return pong === 'PONG' ? h.up() : h.down({ message: `unexpected answer ${pong}` });
    } catch (e) {
      return h.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
