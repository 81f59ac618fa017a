import { EnvironmentVariables } from '@app/config';
import { Role } from '@app/domain';
import { QueueName } from '@app/queue';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { IncomingMessage, ServerResponse } from 'http';
import { TokenClaims } from './jwt-auth.guard';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';
const COOKIE = 'queue_dashboard_token';

function refuse(res: ServerResponse, status: 401 | 403, error: string, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ statusCode: status, error, message }));
}

/**
 * Only finance and admin reach the queue dashboard. A browser opens it once as /admin/queues?token=<jwt>; the
 * token then rides in an HttpOnly cookie scoped to the dashboard. API clients may send the bearer header.
 * Written against Node's own request and response, so it runs as Express middleware and under Fastify's middie.
 */
export function queueDashboardAuth(jwt: JwtService) {
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
    if (fromQuery)
      res.setHeader('Set-Cookie', `${COOKIE}=${fromQuery}; Path=${QUEUE_DASHBOARD_ROUTE}; HttpOnly; SameSite=Strict`);
    next();
  };
}

export const queueDashboardModules = [
  BullBoardModule.forRootAsync({
    inject: [ConfigService, JwtService],
    useFactory: (config: ConfigService<EnvironmentVariables, true>, jwt: JwtService) => ({
      route: QUEUE_DASHBOARD_ROUTE,
      adapter: config.get('HTTP_PLATFORM', { infer: true }) === 'express' ? ExpressAdapter : FastifyAdapter,
      middleware: queueDashboardAuth(jwt),
    }),
  }),
  BullBoardModule.forFeature(
    { name: QueueName.Deadlines, adapter: BullMQAdapter },
    { name: QueueName.Disbursements, adapter: BullMQAdapter },
  ),
];
