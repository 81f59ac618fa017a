import { DomainError, DomainErrorCode } from '@app/domain';

/** The version the client saw: the body's `version` field, or an If-Match header (`"3"`, `W/"3"` or `3`). */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number | null {
  if (bodyVersion !== undefined) return bodyVersion;
  if (ifMatch === undefined) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!m)
    throw new DomainError(
      DomainErrorCode.ValidationFailed,
      'If-Match must hold the version number, e.g. If-Match: "3"',
      { fields: ['If-Match'] },
    );
  return Number(m[1]);
}

/** A response on either HTTP platform: Fastify's reply and Express's response both set a header with `header()`. */
export interface HeaderSetter {
  header(name: string, value: string): unknown;
}
