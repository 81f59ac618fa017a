import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { evictionProblem } from './redis-policy.util';
import { RedisProbe } from './redis.probe';

/** Redis is up when it answers PING and evicts no keys (maxmemory-policy noeviction, which BullMQ needs). */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly probe: RedisProbe,
  ) {}

  async check(key: string) {
    const h = this.indicator.check(key);
    try {
      await this.probe.ping();
      const policy = await this.probe.maxmemoryPolicy();
      const problem = evictionProblem(policy);
      return problem ? h.down({ message: problem, maxmemoryPolicy: policy }) : h.up({ maxmemoryPolicy: policy });
    } catch (e) {
      return h.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }
}
