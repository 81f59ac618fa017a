import { DomainError, DomainErrorCode } from '@app/domain';
import { QueryFailedError } from 'typeorm';

/** A backing service a request may need. */
export type Dependency = 'postgres' | 'redis';

/** What a client is told to wait before trying again while a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** The 503 answer for a dependency that cannot be reached. */
export function dependencyUnavailable(dependency: Dependency): DomainError {
  return new DomainError(
    DomainErrorCode.ServiceUnavailable,
    `${dependency} is unavailable; retry in ${RETRY_AFTER_SECONDS} s`,
    { dependency, retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

// the socket could not be opened or was lost
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// SQLSTATEs of a server that is going away, not accepting connections, or out of connection slots
const POSTGRES_DOWN_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

// what node-postgres, its pool and TypeORM say when the server is gone or a connection cannot be had in time
const POSTGRES_DOWN_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Connection with ".*" database is not established/,
  /^Cannot execute operation on ".*" connection because connection is not yet established/,
];

// what ioredis says while it has no connection
const REDIS_DOWN_MESSAGES = [
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
  /^Command timed out/,
];

/**
 * Which dependency a failure says is unreachable, or null when the failure is something else. Postgres errors
 * arrive bare from the pool or wrapped in TypeORM's QueryFailedError; ioredis errors by their messages. A bare
 * network error (ECONNREFUSED ...) is counted against Postgres: requests reach Redis only through callers that
 * name it themselves (`dependencyUnavailable('redis')`).
 */
export function unavailableDependency(e: unknown): Dependency | null {
  if (e instanceof DomainError && e.code === DomainErrorCode.ServiceUnavailable) {
    return (e.details.dependency as Dependency | undefined) ?? null;
  }
  const err = (e instanceof QueryFailedError ? (e.driverError ?? e) : e) as
    { code?: unknown; message?: unknown; name?: unknown } | undefined;
  if (!err || typeof err !== 'object') return null;
  const message = typeof err.message === 'string' ? err.message : '';
  if (err.name === 'MaxRetriesPerRequestError' || REDIS_DOWN_MESSAGES.some((r) => r.test(message))) return 'redis';
  const code = typeof err.code === 'string' ? err.code : '';
  if (NETWORK_CODES.has(code) || POSTGRES_DOWN_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'postgres';
  if (POSTGRES_DOWN_MESSAGES.some((r) => r.test(message))) return 'postgres';
  return null;
}
