/**
 * Environment for integration and e2e tests: their own database and Redis key prefix, never the development ones.
 *
 * TEST_DATABASE_URL (the variable) names the server and the test database, and a superuser on it (default
 * `postgres`): the global set-up drops and recreates that database and the two roles with it. The tests then use the
 * roles as the processes do: migrations and `resetDatabase` as the owner (`accreditation_owner`), everything else —
 * the API, the worker, the contexts, and what a spec queries itself — as the application's role
 * (`accreditation_app`), which is what the exported TEST_DATABASE_URL names. TEST_DATABASE_OWNER_URL and
 * TEST_DATABASE_APP_URL override those two (e.g. with passwords); TEST_REDIS_URL and TEST_QUEUE_PREFIX the rest.
 */
const GIVEN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/accreditation_test';

/** The same server and database as another role (no password: local trust authentication). */
function asRole(url: string, role: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

/** a superuser on the test database's server: creates the database and the roles */
export const TEST_DATABASE_ADMIN_URL = GIVEN_DATABASE_URL;
/** the owner of the test database: migrations, resets, and tests that play a tampering owner */
export const TEST_DATABASE_OWNER_URL =
  process.env.TEST_DATABASE_OWNER_URL ?? asRole(GIVEN_DATABASE_URL, 'accreditation_owner');
/** the application's role on the test database, as the API and the worker connect */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_APP_URL ?? asRole(GIVEN_DATABASE_URL, 'accreditation_app');
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_QUEUE_PREFIX = process.env.TEST_QUEUE_PREFIX ?? 'accreditation-test';

/**
 * The fuzz test (test/fuzz.e2e-spec.ts): how many cases in all (requests and event-sequence steps; 10,000 in CI),
 * and the fast-check seed to replay a run (random unless told).
 */
export const TEST_FUZZ_RUNS = Number(process.env.TEST_FUZZ_RUNS ?? 10_000);
export const TEST_FUZZ_SEED = process.env.TEST_FUZZ_SEED === undefined ? undefined : Number(process.env.TEST_FUZZ_SEED);

export function applyTestEnvironment(): void {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = TEST_DATABASE_URL;
  process.env.DATABASE_OWNER_URL = TEST_DATABASE_OWNER_URL;
  process.env.DATABASE_ADMIN_URL = adminOnMaintenanceDatabase();
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.QUEUE_PREFIX = TEST_QUEUE_PREFIX;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.OUTBOX_POLL_MS = '50';
  process.env.SWEEP_MS = '3600000';
  process.env.PAYMENT_ATTEMPTS = '3';
  process.env.PAYMENT_BACKOFF_MS = '100';
  // sign-in is rate-limited per client address, and every test signs in from 127.0.0.1; the rate-limit tests lower it
  process.env.RATE_LIMIT_SIGN_IN_PER_CLIENT = '100000';
  // the same for objections (per client address and per application); the objection tests lower them
  process.env.RATE_LIMIT_OBJECTIONS_PER_CLIENT = '100000';
  process.env.RATE_LIMIT_OBJECTIONS_PER_APPLICATION = '100000';
  process.env.RATE_LIMIT_SIGN_IN_PER_ACCOUNT = '100000';
  // a session ended or a user changed is refused at the very next request (the processes keep the answer 2 s)
  process.env.SESSION_CHECK_CACHE_MS = '0';
  process.env.JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
}

/** The superuser on the server's maintenance database, where roles and databases are created. */
export function adminOnMaintenanceDatabase(): string {
  const u = new URL(TEST_DATABASE_ADMIN_URL);
  u.pathname = '/postgres';
  return u.toString();
}

applyTestEnvironment();

/**
 * an S3-compatible bucket for the storage contract spec (e.g. a local MinIO:
 * `s3://KEY:SECRET@bucket?endpoint=http://127.0.0.1:9000`); unset, that spec runs against the local disk only
 */
export const TEST_STORAGE_S3_URL = process.env.TEST_STORAGE_S3_URL ?? '';
