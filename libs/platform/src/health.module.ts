import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';
import { RedisProbe } from './redis.probe';

/** `/health` and the Redis boot check (maxmemory-policy noeviction), shared by the API and the worker. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, RedisProbe],
  exports: [RedisProbe],
})
export class HealthModule {}
