import { loadEnvironment } from '@app/config';
import { Role } from '@app/domain';
import { QueueName } from '@app/queue';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { JwtService } from '@nestjs/jwt';
import { NextFunction, Request, Response } from 'express';
import { TokenClaims } from './jwt-auth.guard';

export const QUEUE_DASHBOARD_ROUTE = '/admin/queues';
const COOKIE = 'queue_dashboard_token';

/**
 * Only finance and admin reach the queue dashboard. A browser opens it once as /admin/queues?token=<jwt>; the
 * token then rides in an HttpOnly cookie scoped to the dashboard. API clients may send the bearer header.
 */
export function queueDashboardAuth(jwt: JwtService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    const fromHeader = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    const fromCookie = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .find(([k]) => k === COOKIE)?.[1];
    const token = fromQuery ?? fromHeader ?? fromCookie;
    if (!token) {
      res.status(401).json({ statusCode: 401, error: 'UNAUTHENTICATED', message: `sign in, then open ${QUEUE_DASHBOARD_ROUTE}?token=<access token>` });
      return;
    }
    try {
      const claims = await jwt.verifyAsync<TokenClaims>(token);
      if (claims.role !== Role.Finance && claims.role !== Role.Admin) {
        res.status(403).json({ statusCode: 403, error: 'FORBIDDEN', message: 'the queue dashboard is for finance staff and admins' });
        return;
      }
    } catch {
      res.status(401).json({ statusCode: 401, error: 'UNAUTHENTICATED', message: 'the token is invalid or expired' });
      return;
    }
    if (fromQuery) res.setHeader('Set-Cookie', `${COOKIE}=${fromQuery}; Path=${QUEUE_DASHBOARD_ROUTE}; HttpOnly; SameSite=Strict`);
    next();
  };
}

export const queueDashboardModules = [
  BullBoardModule.forRoot({
    route: QUEUE_DASHBOARD_ROUTE,
    adapter: ExpressAdapter,
    middleware: queueDashboardAuth(new JwtService({ secret: loadEnvironment().JWT_SECRET })),
  }),
  BullBoardModule.forFeature({ name: QueueName.Deadlines, adapter: BullMQAdapter }, { name: QueueName.Disbursements, adapter: BullMQAdapter }),
];
