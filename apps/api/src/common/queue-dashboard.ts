import { EnvironmentVariables } from '@app/config';
import { Role } from '@app/domain';
import { DashboardTicketsUseCase, IdentityModule, SessionCheck } from '@app/identity';
import { HealthModule, RETRY_AFTER_SECONDS, RedisProbe, unavailableDependency } from '@app/platform';
import { QueueName } from '@app/queue';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Injectable, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { IncomingMessage, ServerResponse } from 'http';
import { TLSSocket } from 'tls';
import { ACCESS_TOKEN_AUDIENCE, TokenClaims } from './jwt-auth.guard';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';
const COOKIE = 'queue_dashboard_session';
/** The audience of the dashboard's cookie: it opens the dashboard and nothing else. */
const COOKIE_AUDIENCE = 'queue-dashboard';

/** What the dashboard's cookie carries: the session it is bound to, its user and role. */
interface DashboardClaims {
  sid: string;
  sub: string;
  role: Role;
}

/** Under the dashboard's JSON API, what only admins may read: the Redis server's details and the workers' clients. */
const ADMIN_ONLY_READS = [/^\/api\/redis(\/|$)/i, /^\/api\/queues\/[^/]+\/workers\/?$/i];
const READS = new Set(['GET', 'HEAD']);

/** The path under the dashboard's route, decoded, with repeated slashes collapsed. */
function dashboardPath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape: the routers will not match it either
  }
  return decoded.replace(/\/{2,}/g, '/').slice(QUEUE_DASHBOARD_ROUTE.length) || '/';
}

function refuse(
  res: ServerResponse,
  status: 400 | 401 | 403 | 503,
  error: string,
  message: string,
  details: Record<string, unknown> = {},
): void {
  res.statusCode = status;
  if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: status, error, message, ...details }));
}

const cookieOf = (req: IncomingMessage, name: string): string | undefined =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

/**
 * Who may use the queue dashboard, and how it is opened. Finance staff read it; admins also act (pause, retry,
 * clean, add, ...) and alone see the Redis server's details and the workers' connections. A browser opens it with a
 * single-use ticket from POST /auth/dashboard-ticket, `/admin/queues?ticket=…`, which is exchanged here for an
 * HttpOnly, SameSite=Strict cookie scoped to the dashboard and bound to the session (Secure over HTTPS), then
 * redirected to the same address without the ticket; API clients may send their bearer token instead. Every request
 * checks that the session is still live, so the dashboard closes when the user signs out or is disabled or changed.
 * A token in the URL is refused. While Redis does not answer the probe, the dashboard answers 503.
 * Written against Node's own request and response, so it runs as Express middleware and under Fastify's middie.
 */
@Injectable()
export class QueueDashboardGate {
  private readonly trustForwardedProto: boolean;
  private readonly cookieSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    private readonly redis: RedisProbe,
    private readonly sessions: SessionCheck,
    private readonly tickets: DashboardTicketsUseCase,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.trustForwardedProto = config.get('TRUST_PROXY', { infer: true }) !== '';
    this.cookieSeconds = config.get('SESSION_TTL_SECONDS', { infer: true });
  }

  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    this.handle(req, res, next).catch((e: unknown) => {
      const dependency = unavailableDependency(e) ?? 'postgres';
      refuse(res, 503, 'SERVICE_UNAVAILABLE', `${dependency} is unavailable; retry in ${RETRY_AFTER_SECONDS} s`, {
        dependency,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    });
  };

  private async handle(req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> {
    const url = new URL((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/', 'http://local');
    if (url.searchParams.has('token'))
      return refuse(
        res,
        400,
        'VALIDATION_FAILED',
        'tokens are not accepted in the URL: get a ticket at POST /auth/dashboard-ticket and open the url it answers',
      );
    const ticket = url.searchParams.get('ticket');
    if (ticket !== null) return this.exchange(req, res, url, ticket);

    const who = await this.caller(req);
    if (!who)
      return refuse(
        res,
        401,
        'UNAUTHENTICATED',
        `sign in, get a ticket at POST /auth/dashboard-ticket and open ${QUEUE_DASHBOARD_ROUTE}?ticket=<ticket>`,
      );
    if (who.role !== Role.Finance && who.role !== Role.Admin)
      return refuse(res, 403, 'FORBIDDEN', 'the queue dashboard is for finance staff and admins');
    // as the routers would read it: escapes decoded, repeated slashes as one (Express also ignores case)
    const path = dashboardPath(url.pathname);
    if (who.role !== Role.Admin) {
      if (!READS.has(req.method ?? 'GET'))
        return refuse(
          res,
          403,
          'FORBIDDEN',
          'the queue dashboard is read-only for finance staff; only admins act on queues and jobs',
        );
      if (ADMIN_ONLY_READS.some((r) => r.test(path)))
        return refuse(res, 403, 'FORBIDDEN', "the Redis server's details and the workers' connections are for admins");
    }
    if (!(await this.redisAnswers(res))) return;
    next();
  }

  /** The caller's role and session from the dashboard cookie or a bearer access token, if the session is live. */
  private async caller(req: IncomingMessage): Promise<{ role: Role } | null> {
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const cookie = cookieOf(req, COOKIE);
    let claims: TokenClaims | DashboardClaims | null;
    try {
      claims = bearer
        ? await this.jwt.verifyAsync<TokenClaims>(bearer, { audience: ACCESS_TOKEN_AUDIENCE })
        : cookie
          ? await this.jwt.verifyAsync<DashboardClaims>(cookie, { audience: COOKIE_AUDIENCE })
          : null;
    } catch {
      return null; // forged, expired or of another audience
    }
    if (!claims || typeof claims.sid !== 'string' || !(await this.sessions.isLive(claims.sid))) return null;
    return { role: claims.role };
  }

  /** Spends the ticket, sets the session-bound cookie and redirects to the same address without the ticket. */
  private async exchange(req: IncomingMessage, res: ServerResponse, url: URL, ticket: string): Promise<void> {
    const entry = await this.tickets.redeem(ticket);
    if (!entry)
      return refuse(
        res,
        401,
        'UNAUTHENTICATED',
        'the ticket is unknown, used or expired (it works once, shortly after it is issued): get another at POST /auth/dashboard-ticket',
      );
    if (entry.role !== Role.Finance && entry.role !== Role.Admin)
      return refuse(res, 403, 'FORBIDDEN', 'the queue dashboard is for finance staff and admins');
    const claims: DashboardClaims = { sid: entry.sessionId, sub: entry.userId, role: entry.role as Role };
    const value = await this.jwt.signAsync(claims, { audience: COOKIE_AUDIENCE, expiresIn: this.cookieSeconds });
    const secure = this.isHttps(req) ? '; Secure' : '';
    url.searchParams.delete('ticket');
    res.statusCode = 303;
    res.setHeader(
      'Set-Cookie',
      `${COOKIE}=${value}; Path=${QUEUE_DASHBOARD_ROUTE}; HttpOnly; SameSite=Strict${secure}`,
    );
    res.setHeader('Location', `${url.pathname}${url.search}`);
    res.setHeader('Cache-Control', 'no-store');
    res.end();
  }

  private isHttps(req: IncomingMessage): boolean {
    if ((req.socket as TLSSocket).encrypted) return true;
    return (
      this.trustForwardedProto &&
      String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        .trim() === 'https'
    );
  }

  private async redisAnswers(res: ServerResponse): Promise<boolean> {
    try {
      await this.redis.ensureReachable();
      return true;
    } catch {
      refuse(res, 503, 'SERVICE_UNAVAILABLE', `redis is unavailable; retry in ${RETRY_AFTER_SECONDS} s`, {
        dependency: 'redis',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
      return false;
    }
  }
}

const isExpress = (config: ConfigService<EnvironmentVariables, true>) =>
  config.get('HTTP_PLATFORM', { infer: true }) === 'express';

/**
 * Under Fastify, puts the gate in front of the dashboard page and every route under it (its JSON API, which reads
 * and changes jobs): there the dashboard module's own `middleware` option guards the exact route only. Under Express
 * that option runs before the dashboard's router for every route under it, so it is used as it is.
 */
@Module({
  imports: [HealthModule, IdentityModule],
  providers: [QueueDashboardGate],
  exports: [QueueDashboardGate],
})
export class QueueDashboardAuthModule implements NestModule {
  constructor(
    private readonly gate: QueueDashboardGate,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    if (isExpress(this.config)) return;
    consumer.apply(this.gate.middleware).forRoutes(QUEUE_DASHBOARD_ROUTE, `${QUEUE_DASHBOARD_ROUTE}/{*rest}`);
  }
}

const passThrough = (_req: IncomingMessage, _res: ServerResponse, next: () => void) => next();

export const queueDashboardModules = [
  QueueDashboardAuthModule,
  BullBoardModule.forRootAsync({
    imports: [QueueDashboardAuthModule],
    inject: [ConfigService, QueueDashboardGate],
    useFactory: (config: ConfigService<EnvironmentVariables, true>, gate: QueueDashboardGate) => ({
      route: QUEUE_DASHBOARD_ROUTE,
      adapter: isExpress(config) ? ExpressAdapter : FastifyAdapter,
      middleware: isExpress(config) ? gate.middleware : passThrough, // Fastify: QueueDashboardAuthModule
    }),
  }),
  BullBoardModule.forFeature(
    { name: QueueName.Deadlines, adapter: BullMQAdapter },
    { name: QueueName.Disbursements, adapter: BullMQAdapter },
    { name: QueueName.Notifications, adapter: BullMQAdapter },
  ),
];
