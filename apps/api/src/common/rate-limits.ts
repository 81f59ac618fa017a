import { byClient, type RateLimitPolicy } from '@app/platform';

/** The names routes use in @RateLimited(...). */
export enum RateLimit {
  SignInPerClient = 'sign-in-client',
}

/** Every rate limit of the API: its name, what it counts by and how much it allows (settings in README). */
export const RATE_LIMIT_POLICIES: readonly RateLimitPolicy[] = [
  {
    name: RateLimit.SignInPerClient,
    limit: (config) => config.get('RATE_LIMIT_SIGN_IN_PER_CLIENT', { infer: true }),
    windowMs: 60_000,
    tracker: byClient,
  },
];
