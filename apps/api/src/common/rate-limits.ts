import { byClient, type RateLimitPolicy, type RateLimitTracker } from '@app/platform';

/** The username a sign-in names, case-folded (none when the body has none: the route's validation answers that). */
const byUsername: RateLimitTracker = (req) => {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' && username ? username.trim().toLowerCase().slice(0, 64) : undefined;
};

/** The names routes use in @RateLimited(...). */
export enum RateLimit {
  SignInPerClient = 'sign-in-client',
  ObjectionsPerClient = 'objections-client',
  ObjectionsPerApplication = 'objections-application',
  SignInPerAccount = 'sign-in-account',
  RegistrationsPerClient = 'registrations-client',
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
  {
    // by the username asked for, known or not (so the answer says nothing about whether the account exists)
    name: RateLimit.SignInPerAccount,
    limit: (config) => config.get('RATE_LIMIT_SIGN_IN_PER_ACCOUNT', { infer: true }),
    windowMs: 60_000,
    tracker: byUsername,
  },
  {
    // registration is public: one address may not flood the regulators' queue
    name: RateLimit.RegistrationsPerClient,
    limit: (config) => config.get('RATE_LIMIT_REGISTRATIONS_PER_CLIENT', { infer: true }),
    windowMs: 3_600_000,
    tracker: byClient,
  },
];
