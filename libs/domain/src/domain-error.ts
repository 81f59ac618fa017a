/**
 * Every failure the domain knows about. The API maps each code to an HTTP status in one exhaustive switch;
 * the domain itself never speaks HTTP.
 */
export enum DomainErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  EventNotAllowed = 'EVENT_NOT_ALLOWED',
  GuardFailed = 'GUARD_FAILED',
  VersionRequired = 'VERSION_REQUIRED',
  VersionConflict = 'VERSION_CONFLICT',
  AlreadyExists = 'ALREADY_EXISTS',
  BudgetExceeded = 'BUDGET_EXCEEDED',
  FourEyes = 'FOUR_EYES',
  /** Postgres or Redis cannot be reached: 503 with Retry-After, the details name the dependency */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** a named rate limit was exceeded: 429 with Retry-After, the details give the seconds to wait */
  RateLimited = 'RATE_LIMITED',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
