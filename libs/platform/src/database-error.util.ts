import { DomainErrorCode } from '@app/domain';
import { QueryFailedError } from 'typeorm';

/** What a database refusal means to the client: a 4xx with a code, or null when it is not the client's doing. */
export interface DatabaseErrorAnswer {
  status: number;
  error: DomainErrorCode;
  message: string;
}

/**
 * Maps a failed statement's SQLSTATE to a client answer: a unique violation is 409, a missing reference 422, a
 * malformed value or an unstorable character 400. Anything else (and anything that is not a failed statement)
 * is null, so the caller answers 500.
 */
export function databaseErrorAnswer(e: unknown): DatabaseErrorAnswer | null {
  if (!(e instanceof QueryFailedError)) return null;
  const { code, detail } = (e.driverError ?? {}) as { code?: string; detail?: string };
  switch (code) {
    case '23505':
      return { status: 409, error: DomainErrorCode.AlreadyExists, message: detail ?? 'already exists' };
    case '23503':
      return {
        status: 422,
        error: DomainErrorCode.ValidationFailed,
        message: detail ?? 'refers to a record that does not exist',
      };
    case '22P02':
    case '22007':
    case '22008':
      return { status: 400, error: DomainErrorCode.ValidationFailed, message: 'a value has the wrong format' };
    // 22021 / 22P05: text with a character Postgres cannot store (NUL, \u0000 in JSON)
    case '22021':
    case '22P05':
      return {
        status: 400,
        error: DomainErrorCode.ValidationFailed,
        message: 'a text value contains a character that cannot be stored (e.g. NUL)',
      };
    default:
      return null;
  }
}
