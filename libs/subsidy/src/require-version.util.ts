import { DomainError, DomainErrorCode } from '@app/domain';

/**
 * Every request that changes money names the version of the row it saw (the `version` field or If-Match); without
 * one it is refused with VERSION_REQUIRED (428) before anything is read or written.
 */
export function requireVersion(expectedVersion: number | null | undefined, what = 'version'): number {
  if (expectedVersion === null || expectedVersion === undefined) {
    throw new DomainError(
      DomainErrorCode.VersionRequired,
      `${what} is required: send the version you last read, as a "version" field or an If-Match header`,
    );
  }
  return expectedVersion;
}
