import { EnvironmentVariables } from '@app/config';
import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { normalizeIp, ThrottlerModule } from '@nestjs/throttler';
import { RATE_LIMITS } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** What a request is counted by: its client address, or something it names (an account, an application). */
export type RateLimitTracker = (request: RateLimitedRequest) => string | undefined;

export interface RateLimitedRequest {
  ip?: string;
  body?: unknown;
  params?: Record<string, string | undefined>;
}

/** One named limit: at most `limit` hits per `windowMs` per tracked key, then refused for `blockMs`. */
export interface RateLimitPolicy {
  name: string;
  limit: (config: ConfigService<EnvironmentVariables, true>) => number;
  windowMs: number;
  /** how long a key that went over stays refused; the window's end when unset */
  blockMs?: number;
  tracker: RateLimitTracker;
}

/** The client's address (an IPv6 client by its /64, as one host usually holds the whole prefix). */
export const byClient: RateLimitTracker = (req) => (req.ip ? normalizeIp(req.ip) : undefined);

@Module({
  providers: [RedisThrottlerStorage],
  exports: [RedisThrottlerStorage],
})
class RateLimitStorageModule {}

/**
 * Named rate limits on the routes that declare them with @RateLimited(name): counted in Redis (shared by every API
 * process), answered 429 with Retry-After. Routes that declare none are not counted at all.
 */
@Module({})
export class RateLimitModule {
  static forRoot(policies: readonly RateLimitPolicy[]): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule],
          inject: [ConfigService, RedisThrottlerStorage, Reflector],
          useFactory: (
            config: ConfigService<EnvironmentVariables, true>,
            storage: RedisThrottlerStorage,
            reflector: Reflector,
          ) => ({
            storage,
            setHeaders: false,
            throttlers: policies.map((p) => ({
              name: p.name,
              ttl: p.windowMs,
              limit: p.limit(config),
              blockDuration: p.blockMs ?? p.windowMs,
              getTracker: (req: Record<string, unknown>) => p.tracker(req as RateLimitedRequest) ?? '-',
              skipIf: (context: ExecutionContext) =>
                !reflector
                  .getAllAndOverride<string[] | undefined>(RATE_LIMITS, [context.getHandler(), context.getClass()])
                  ?.includes(p.name),
            })),
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
