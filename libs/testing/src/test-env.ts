/**
 * Environment for integration and e2e tests: their own database and Redis key prefix, never the development ones.
 * TEST_DATABASE_URL, TEST_REDIS_URL and TEST_QUEUE_PREFIX override the defaults (e.g. for two runs side by side).
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accreditation_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX ?? 'accreditation-test';

export function applyTestEnvironment(): void {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = TEST_DATABASE_URL;
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.QUEUE_PREFIX = TEST_QUEUE_PREFIX;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.OUTBOX_POLL_MS = '50';
  process.env.SWEEP_MS = '3600000';
  process.env.PAYMENT_ATTEMPTS = '3';
  process.env.PAYMENT_BACKOFF_MS = '100';
  // sign-in is rate-limited per client address, and every test signs in from 127.0.0.1; the rate-limit tests lower it
  process.env.RATE_LIMIT_SIGN_IN_PER_CLIENT = '100000';
  process.env.JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
}

applyTestEnvironment();
