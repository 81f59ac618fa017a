import { DomainErrorCode } from '@app/domain';
import { QueryFailedError } from 'typeorm';

/** What a database refusal means to the client: a 4xx with a code, or null when it is not the client's doing. */
export interface DatabaseErrorAnswer {
  status: number;
  error: DomainErrorCode;
  message: string;
  /** the field at fault (the column, in camelCase), when the statement shows which one */
  fields?: string[];
}

/**
 * Maps a failed statement's SQLSTATE to a client answer: a unique violation is 409, a missing reference 422, a
 * malformed value or an unstorable character 400. A value too long for its column (22001) or out of its type's
 * range (22003) is a 400 only when one of the statement's parameters is that value, i.e. the input caused it; the
 * answer then names the column, never the SQL. Anything else (and anything that is not a failed statement) is null,
 * so the caller answers 500.
 */
export function databaseErrorAnswer(e: unknown): DatabaseErrorAnswer | null {
  if (!(e instanceof QueryFailedError)) return null;
  const { code, detail, message = '' } = (e.driverError ?? {}) as { code?: string; detail?: string; message?: string };
  const bad = (text: string, field: string | null): DatabaseErrorAnswer => ({
    status: 400,
    error: DomainErrorCode.ValidationFailed,
    message: field ? `${field} ${text}` : `a value ${text}`,
    ...(field ? { fields: [field] } : {}),
  });
  switch (code) {
    case '23505':
      return { status: 409, error: DomainErrorCode.AlreadyExists, message: detail ?? 'already exists' };
    case '23503':
      return {
        status: 422,
        error: DomainErrorCode.ValidationFailed,
        message: detail ?? 'refers to a record that does not exist',
      };
    case '22001': {
      // value too long for type character varying(64)
      const max = Number(/\((\d+)\)/.exec(message)?.[1] ?? NaN);
      const at = culprit(e, (v) => typeof v === 'string' && (Number.isNaN(max) || v.length > max));
      if (!at) return null;
      return bad(Number.isNaN(max) ? 'is too long' : `is too long: at most ${max} characters`, at.field);
    }
    case '22003': {
      // value "2147483648" is out of range for type integer | integer out of range | numeric field overflow
      const quoted = quotedValue(message);
      const type = /\b(smallint|integer|bigint)\b/.exec(message)?.[1];
      const limit = type === 'smallint' ? 2 ** 15 : type === 'bigint' ? 2 ** 63 : 2 ** 31;
      const at = culprit(e, (v) =>
        quoted !== undefined
          ? String(v) === quoted
          : (typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v))) &&
            (Number(v) >= limit || Number(v) < -limit),
      );
      if (!at) return null;
      return bad('is out of range', at.field);
    }
    case '22P02':
    case '22007':
    case '22008': {
      // invalid input syntax for type uuid: "x" | date/time field value out of range: "2026-02-30"
      const quoted = quotedValue(message);
      const at = quoted === undefined ? null : culprit(e, (v) => String(v) === quoted);
      return bad(code === '22P02' ? 'has the wrong format' : 'is not a valid date or time', at?.field ?? null);
    }
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

function quotedValue(message: string): string | undefined {
  return /"((?:[^"]|"")*)"\s*$/.exec(message)?.[1]?.replace(/""/g, '"');
}

/**
 * The first parameter of the failed statement that `is` the offending value (an array parameter counts when one of
 * its elements is), and the column it is bound to when the SQL shows it (`"col" = $n`, `"col" IN ($n)`, or its place
 * in an INSERT's column list); null when no parameter is (the value was not the client's).
 */
function culprit(e: QueryFailedError, is: (value: unknown) => boolean): { field: string | null } | null {
  const params = Array.isArray(e.parameters) ? e.parameters : [];
  const index = params.findIndex((p) => (Array.isArray(p) ? p.some(is) : is(p)));
  if (index < 0) return null;
  const column = columnOf(e.query ?? '', index + 1);
  return { field: column ? camelCase(column) : null };
}

function columnOf(sql: string, n: number): string | null {
  const placeholder = `\\$${n}(?!\\d)`;
  const compared = new RegExp(
    `"?(\\w+)"?\\s*(?:=|<>|!=|<=|>=|<|>|\\bI?LIKE\\b|\\bIN\\s*\\()\\s*(?:ANY\\s*\\()?${placeholder}`,
    'i',
  ).exec(sql);
  if (compared) return compared[1];
  const insert = /^\s*INSERT\s+INTO\s+\S+?\s*\(([^)]*)\)\s*VALUES\s*(.*)$/is.exec(sql);
  if (!insert) return null;
  const columns = insert[1].split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  for (const tuple of insert[2].matchAll(/\(([^()]*)\)/g)) {
    const at = tuple[1].split(',').findIndex((v) => new RegExp(`^\\s*${placeholder}`).test(v));
    if (at >= 0) return columns[at] ?? null;
  }
  return null;
}

function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
