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
  /** a station or an evaluator the programme's eligibility rules refuse (422); the details' `rule` names the rule */
  NotEligible = 'NOT_ELIGIBLE',
  /** Postgres or Redis cannot be reached: 503 with Retry-After, the details name the dependency */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** a named rate limit was exceeded: 429 with Retry-After, the details give the seconds to wait */
  RateLimited = 'RATE_LIMITED',
  /** the account signed in with a one-time password: only POST /auth/password (and sign-out) until it is changed (403) */
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  /** the organisation has not been verified (实名认证) by a regulator of its jurisdiction yet, or was refused (403) */
  OrganisationNotVerified = 'ORGANISATION_NOT_VERIFIED',
  /** an uploaded file over its limit (413); the details name the field and the limit in bytes */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** an uploaded file whose content is not an accepted type (415); the details name the file and the detected type */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** the re-check (复核) must be done by a regulator other than the one who passed the preliminary review (403) */
  SameReviewer = 'SAME_REVIEWER',
  /** the organisation's title was revoked and it may not apply again until the bar ends; details: `barredUntil` (403) */
  OrganisationBarred = 'ORGANISATION_BARRED',
  /** a subsidy payment of the application is in flight (`paying`): the revocation waits for its outcome (409) */
  PaymentInFlight = 'PAYMENT_IN_FLIGHT',
  /** a file the records name cannot be read from storage (lost or unreachable); logged for the operators (503) */
  FileUnavailable = 'FILE_UNAVAILABLE',
  /** a programme's quota (programme-wide or of one area) is used up (409); the details name the area and its max */
  QuotaExhausted = 'QUOTA_EXHAUSTED',
  /** the programme takes candidates recommended by the bureaus of the level below, not applications (403) */
  RecommendationOnly = 'RECOMMENDATION_ONLY',
  /** a recommending bureau's list is at the programme's maximum, or below its minimum when submitted (422) */
  CandidateLimit = 'CANDIDATE_LIMIT',
  /** a station a base is built on is no longer designated or valid: the base cannot be designated (422) */
  StationNotValid = 'STATION_NOT_VALID',
  /** the programme's call has not opened yet (409); details: `opensAt`, `closesAt` */
  CallNotOpen = 'CALL_NOT_OPEN',
  /** the programme's call has closed (409); details: `opensAt`, `closesAt` */
  CallClosed = 'CALL_CLOSED',
  /**
   * a national step on a pilot application its province has not ranked (择优上报) yet, or left off its list (409);
   * details: `provinceCode`, `provinceName`, `ranking` (awaiting or left_off)
   */
  PilotNotRanked = 'PILOT_NOT_RANKED',
  /** a pilot application goes on public notice only with the national list (POST /programmes/:id/pilot-notice) (409) */
  PilotListRequired = 'PILOT_LIST_REQUIRED',
  /** the national list of pilot regions is below the call's minimum or above the quota (422); details: min, max, count */
  PilotListSize = 'PILOT_LIST_SIZE',
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
