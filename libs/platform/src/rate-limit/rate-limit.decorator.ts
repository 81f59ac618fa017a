import { SetMetadata } from '@nestjs/common';

export const RATE_LIMITS = 'rateLimits';

/** The named rate limits (see the API's rate-limit table) that apply to this handler; a route without it has none. */
export const RateLimited = (...names: string[]) => SetMetadata(RATE_LIMITS, names);
