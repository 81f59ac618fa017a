import { byClient, type RateLimitPolicy } from '@app/platform';

/** The names routes use in @RateLimited(...). */
export enum RateLimit {
  SignInPerClient = 'sign-in-client',
  ObjectionsPerClient = 'objections-client',
  ObjectionsPerApplication = 'objections-application',
}

/** Every rate limit of the API: its name, what it counts by and how much it allows (settings in README). */
export const RATE_LIMIT_POLICIES: readonly RateLimitPolicy[] = [
  {
    name: RateLimit.SignInPerClient,
    limit: (config) => config.get('RATE_LIMIT_SIGN_IN_PER_CLIENT', { infer: true }),
    windowMs: 60_000,
    tracker: byClient,
  },
  {
    name: RateLimit.ObjectionsPerClient,
    limit: (config) => config.get('RATE_LIMIT_OBJECTIONS_PER_CLIENT', { infer: true }),
    windowMs: 3_600_000,
    tracker: byClient,
  },
  {
    name: RateLimit.ObjectionsPerApplication,
    limit: (config) => config.get('RATE_LIMIT_OBJECTIONS_PER_APPLICATION', { infer: true }),
    windowMs: 3_600_000,
    // the application in the path (`/applications/:id/objections`)
    tracker: (req) => req.params?.id,
  },
];
