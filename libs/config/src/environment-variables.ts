import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

import { DEV_JWT_SECRET, secretProblem } from './secret-strength.util';

/**
 * Every setting the processes read, validated at boot. Nothing else in the code base reads process.env.
 * Defaults suit a developer machine with Postgres and Redis on localhost.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** API processes sharing PORT (Node cluster); 1 = a single process */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /**
   * the HTTP platform under Nest: `fastify` (the default, chosen by the benchmark: BENCHMARKS.md) or `express`
   * (kept so the benchmark can compare both in one run)
   */
  @IsIn(['fastify', 'express'])
  HTTP_PLATFORM: 'fastify' | 'express' = 'fastify';

  /**
   * where uploaded material files live: `file:///var/lib/accreditation/files` (a directory on local disk, created at
   * start; the default is ./var/files under the working directory) or
   * `s3://bucket?endpoint=https://minio:9000&region=cn-north-1&forcePathStyle=true` for an S3-compatible store
   * (credentials as `s3://KEY:SECRET@bucket?...` or from the AWS SDK's own environment variables)
   */
  @Matches(/^(file|s3):\/\/.+/, { message: 'STORAGE_URL must be a file:// or s3:// URL' })
  STORAGE_URL = `file://${process.cwd()}/var/files`;

  /** the largest uploaded file, in bytes (413 naming the field beyond): 50 MiB */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(2 * 1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

  /** the largest JSON request body accepted, in bytes (413 beyond) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 100 * 1024;

  /**
   * the reverse proxies in front of the API whose X-Forwarded-For is believed: addresses, CIDR ranges or the names
   * `loopback`, `linklocal`, `uniquelocal`, comma-separated (e.g. `10.0.0.0/8`); empty (the default) takes the
   * client's address from the connection. Rate limits count clients by this address.
   */
  @Matches(/^[0-9a-z.:/, ]*$/i, { message: 'TRUST_PROXY is a comma-separated list of addresses, CIDR ranges or names' })
  TRUST_PROXY = '';

  /** sign-in attempts one client address may make per minute (429 with Retry-After beyond, for a minute) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_CLIENT = 30;

  /** objections one client address may file per hour, whatever the application (429 with Retry-After beyond) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_OBJECTIONS_PER_CLIENT = 10;

  /** objections one application may receive per hour, from everyone together (429 with Retry-After beyond) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_OBJECTIONS_PER_APPLICATION = 100;

  /**
   * a demonstration or training deployment: an admin may move the shared demo clock forward (GET /admin/clock,
   * POST /admin/clock/advance, POST /admin/clock/reset; 404 otherwise) and notice windows, due dates and sweepers act
   * on the moved time. Refused together with NODE_ENV=production.
   */
  @Transform(({ value }) => ({ true: true, '1': true, false: false, '0': false })[String(value)] ?? value)
  @IsBoolean({ message: 'DEMO_MODE must be true or false' })
  DEMO_MODE = false;

  /** in demo mode, how often each process re-reads the demo clock's offset from Postgres (milliseconds) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(60_000)
  DEMO_CLOCK_REFRESH_MS = 1000;

  /**
   * the built web console (vite build of apps/web) the API serves at `/`, relative to the working directory or
   * absolute; when the folder has no index.html the API serves no console (and says so once at start)
   */
  @IsString()
  WEB_DIST_DIR = 'dist/web';

  /** the worker's health endpoint */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  /**
   * what the API, the worker and the CLI's seed and verify connect as: the application's role, which reads and writes
   * rows and owns nothing (README, Database roles)
   */
  @Matches(/^postgres(ql)?:\/\/[^@/]+@.+/, { message: 'DATABASE_URL must be a postgres:// URL naming its role' })
  DATABASE_URL = 'postgres://accreditation_app@127.0.0.1:5432/accreditation';

  /** what migrations run as: the role that owns the database, its schema and its tables (same database as DATABASE_URL) */
  @Matches(/^postgres(ql)?:\/\/[^@/]+@.+/, { message: 'DATABASE_OWNER_URL must be a postgres:// URL naming its role' })
  DATABASE_OWNER_URL = 'postgres://accreditation_owner@127.0.0.1:5432/accreditation';

  /**
   * only for the CLI's `db:roles` (set-up on a fresh machine): a role that may create roles and databases, on the
   * server's maintenance database
   */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_ADMIN_URL must be a postgres:// URL' })
  DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** prefix of every BullMQ key, so several environments can share one Redis */
  @Matches(/^[a-z0-9_-]+$/i, { message: 'QUEUE_PREFIX may use letters, digits, - and _' })
  QUEUE_PREFIX = 'accreditation';

  /**
   * signs access tokens and the queue dashboard's cookie; at least 32 characters everywhere, and in production at
   * least 32 bytes with an estimated entropy of 128 bits or more, and none of the secrets known from this code base
   */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  /** access token lifetime in seconds (at most 15 minutes; a client renews it with its refresh token) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(900, { message: 'JWT_TTL_SECONDS must not exceed 900 (15 minutes): clients renew with POST /auth/refresh' })
  JWT_TTL_SECONDS = 900;

  /** how long a session (its refresh tokens) lasts from sign-in, in seconds; then the user signs in again */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(300)
  @Max(30 * 86_400)
  SESSION_TTL_SECONDS = 12 * 3600;

  /**
   * how long one API process may reuse its answer to "is this session still live?" (milliseconds); a session ended,
   * a user disabled, deleted or given another role or jurisdiction is refused at most this long after the change
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(10_000)
  SESSION_CHECK_CACHE_MS = 2000;

  /** sign-in attempts per minute for one username, from any address (429 with Retry-After beyond) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT = 10;

  /** organisation registrations one client address may send per hour (429 with Retry-After beyond) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTRATIONS_PER_CLIENT = 10;

  /** hours an invitation of a colleague to an organisation may wait to be accepted (it works once) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  INVITATION_TTL_HOURS = 72;

  /** consecutive failed sign-ins after which an account is locked */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_LOCKOUT_THRESHOLD = 5;

  /** the first lock-out in seconds; each further failure after it doubles the lock, up to SIGN_IN_LOCKOUT_MAX_SECONDS */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_LOCKOUT_SECONDS = 60;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  SIGN_IN_LOCKOUT_MAX_SECONDS = 3600;

  /** how long a queue dashboard ticket (POST /auth/dashboard-ticket) may wait to be exchanged, in seconds */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(5)
  @Max(600)
  DASHBOARD_TICKET_TTL_SECONDS = 60;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** how often the worker's relay looks for unpublished outbox rows */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 500;

  /** how often the worker's sweepers close overdue notices and re-arm stuck payments (e.g. after Redis lost its data) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  SWEEP_MS = 60_000;

  /** how often a city reports its enterprise directory (名录库) to the province: monthly, quarterly, half-yearly or yearly */
  @IsIn(['monthly', 'quarterly', 'half-yearly', 'yearly'])
  DIRECTORY_REPORT_CADENCE: 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' = 'quarterly';

  /** calendar days after a period's last day until its directory report is due (later: submitted late, or overdue) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(90)
  DIRECTORY_REPORT_GRACE_DAYS = 15;

  /** working days an invited evaluator has to accept or decline (the deadline is the end of the last one, China time) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  EXPERT_INVITATION_WORKING_DAYS = 2;

  /** avoidance: an evaluator who sat on a panel of the applicant within this many years is not drawn for it */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(10)
  EXPERT_AVOIDANCE_YEARS = 3;

  @IsOptional()
  @IsString()
  DATABASE_POOL_SIZE?: string;

  /**
   * how long a request waits for a pooled Postgres connection (a new one or a free one) before it is answered 503;
   * keeps answers within 2 s while Postgres is unreachable
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS = 1500;

  /** how long a request waits on Redis (the queue dashboard, /health) before it is answered 503 */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  REDIS_COMMAND_TIMEOUT_MS = 1000;

  /** where subsidies are paid: `simulated` (demo and tests) or `treasury` (CSV instruction batch files) */
  @IsIn(['simulated', 'treasury'])
  PAYMENT_GATEWAY: 'simulated' | 'treasury' = 'simulated';

  /** share of simulated payments that fail, 0..1 */
  @Transform(({ value }) => Number(value))
  @IsNumber({}, { message: 'SIMULATED_BANK_FAILURE_RATE must be a number from 0 to 1' })
  @Min(0)
  @Max(1)
  SIMULATED_BANK_FAILURE_RATE = 0;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  SIMULATED_BANK_LATENCY_MS = 0;

  /** folder the treasury adapter writes its payment instruction batch files to */
  @IsString()
  TREASURY_OUTBOX_DIR = './var/treasury';

  /**
   * the SMTP server e-mail notifications are sent through, e.g. `smtp://user:pass@mail.example.gov.cn:587` or
   * `smtps://...:465`; empty (the default) turns e-mail off (logged once at boot): in-app notifications still work
   */
  @IsOptional()
  @Matches(/^(smtps?:\/\/\S+)?$/, {
    message: 'SMTP_URL is smtp://host:port or smtps://host:port (user:password@ optional)',
  })
  SMTP_URL = '';

  /** the sender of notification e-mails */
  @IsString()
  @MinLength(3)
  MAIL_FROM = '商业秘密保护示范单位认定系统 <noreply@localhost>';

  /** the console's address, for the links in notification e-mails (in-app notifications carry the path only) */
  @Matches(/^https?:\/\/\S+$/, { message: 'APP_BASE_URL is an http(s) address' })
  APP_BASE_URL = 'http://localhost:5173';

  /** attempts per notification e-mail (SMTP down: retried with exponential backoff from EMAIL_BACKOFF_MS) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(30)
  EMAIL_ATTEMPTS = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  EMAIL_BACKOFF_MS = 5000;

  /** attempts per payment before it waits for finance, with exponential backoff from PAYMENT_BACKOFF_MS */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(20)
  PAYMENT_ATTEMPTS = 5;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  PAYMENT_BACKOFF_MS = 2000;

  /** a payment that has not moved for this long gets its job added again by the sweeper */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  PAYMENT_STUCK_MS = 120_000;

  /** how long a worker holds a job before another may take it over (stalled-job recovery) */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS = 30_000;
}

/** Validates and types the environment; throws one message listing every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
  const secret = env.NODE_ENV === 'production' ? secretProblem(env.JWT_SECRET) : null;
  if (secret) problems.push(`  - JWT_SECRET: ${secret}`);
  if (env.DEMO_MODE && env.NODE_ENV === 'production')
    problems.push('  - DEMO_MODE: a demo clock is refused in production (NODE_ENV=production); unset DEMO_MODE');
  if (problems.length > 0) {
    throw new Error(`Invalid environment configuration:\n${problems.join('\n')}`);
  }
  return env;
}

/** The environment of this process, validated. */
export function loadEnvironment(): EnvironmentVariables {
  return validateEnvironment(process.env);
}
