import { EnvironmentVariables } from '@app/config';
import { Role } from '@app/domain';
import { HealthModule, RETRY_AFTER_SECONDS, RedisProbe } from '@app/platform';
import { QueueName } from '@app/queue';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { IncomingMessage, ServerResponse } from 'http';
import { TokenClaims } from './jwt-auth.guard';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';
const COOKIE = 'queue_dashboard_token';

function refuse(
  res: ServerResponse,
  status: 401 | 403 | 503,
  error: string,
  message: string,
  details: Record<string, unknown> = {},
): void {
  res.statusCode = status;
  if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: status, error, message, ...details }));
}

/**
 * Only finance and admin reach the queue dashboard. A browser opens it once as /admin/queues?token=<jwt>; the
 * token then rides in an HttpOnly cookie scoped to the dashboard. API clients may send the bearer header.
 * Written against Node's own request and response, so it runs as Express middleware and under Fastify's middie.
 * While Redis does not answer the probe, the dashboard (whose queue commands would wait for Redis) answers 503.
 */
export function queueDashboardAuth(jwt: JwtService, redis: RedisProbe) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const fromQuery = new URL(req.url ?? '/', 'http://local').searchParams.get('token') ?? undefined;
    const auth = req.headers.authorization;
    const fromHeader = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const fromCookie = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .find(([k]) => k === COOKIE)?.[1];
    const token = fromQuery ?? fromHeader ?? fromCookie;
    if (!token)
      return refuse(res, 401, 'UNAUTHENTICATED', `sign in, then open ${QUEUE_DASHBOARD_ROUTE}?token=<access token>`);
    try {
      const claims = await jwt.verifyAsync<TokenClaims>(token);
      if (claims.role !== Role.Finance && claims.role !== Role.Admin) {
        return refuse(res, 403, 'FORBIDDEN', 'the queue dashboard is for finance staff and admins');
      }
    } catch {
      return refuse(res, 401, 'UNAUTHENTICATED', 'the token is invalid or expired');
    }
    try {
      await redis.ensureReachable();
    } catch {
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `redis is unavailable; retry in ${RETRY_AFTER_SECONDS} s`, {
        dependency: 'redis',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
    if (fromQuery)
      res.setHeader('Set-Cookie', `${COOKIE}=${fromQuery}; Path=${QUEUE_DASHBOARD_ROUTE}; HttpOnly; SameSite=Strict`);
    next();
  };
}

const isExpress = (config: ConfigService<EnvironmentVariables, true>) =>
  config.get('HTTP_PLATFORM', { infer: true }) === 'express';

/**
 * Under Fastify, puts queueDashboardAuth in front of the dashboard page and every route under it (its JSON API,
 * which reads and changes jobs): there the dashboard module's own `middleware` option guards the exact route only.
 * Under Express that option runs before the dashboard's router for every route under it, so it is used as it is.
 */
@Module({ imports: [HealthModule] })
export class QueueDashboardAuthModule implements NestModule {
  constructor(
    private readonly jwt: JwtService,
    private readonly redis: RedisProbe,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    if (isExpress(this.config)) return;
    consumer
      .apply(queueDashboardAuth(this.jwt, this.redis))
      .forRoutes(QUEUE_DASHBOARD_ROUTE, `${QUEUE_DASHBOARD_ROUTE}/{*rest}`);
  }
}

const passThrough = (_req: IncomingMessage, _res: ServerResponse, next: () => void) => next();

export const queueDashboardModules = [
  QueueDashboardAuthModule,
  BullBoardModule.forRootAsync({
    imports: [HealthModule],
    inject: [ConfigService, JwtService, RedisProbe],
    useFactory: (config: ConfigService<EnvironmentVariables, true>, jwt: JwtService, redis: RedisProbe) => ({
      route: QUEUE_DASHBOARD_ROUTE,
      adapter: isExpress(config) ? ExpressAdapter : FastifyAdapter,
      middleware: isExpress(config) ? queueDashboardAuth(jwt, redis) : passThrough, // Fastify: QueueDashboardAuthModule
    }),
  }),
  BullBoardModule.forFeature(
    { name: QueueName.Deadlines, adapter: BullMQAdapter },
    { name: QueueName.Disbursements, adapter: BullMQAdapter },
  ),
];
