import { QueryFailedError } from 'typeorm';
import { databaseErrorAnswer } from './database-error.util';

const failed = (code: string, detail?: string) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('refused'), { code, detail }));

const statement = (code: string, message: string, query: string, parameters: unknown[]) =>
  new QueryFailedError(query, parameters, Object.assign(new Error(message), { code }));

const INSERT =
  'INSERT INTO "statement_lines"("id", "statement_id", "line_no", "reference", "amount_fen") VALUES (DEFAULT, $1, $2, $3, $4) RETURNING "id"';

describe('databaseErrorAnswer', () => {
  it('turns a unique violation into 409 ALREADY_EXISTS with the detail', () => {
    expect(databaseErrorAnswer(failed('23505', 'Key (reference)=(X) already exists.'))).toEqual({
      status: 409,
      error: 'ALREADY_EXISTS',
      message: 'Key (reference)=(X) already exists.',
    });
  });

  it('answers a missing reference 422, a malformed value or a NUL 400', () => {
    expect(databaseErrorAnswer(failed('23503'))).toMatchObject({ status: 422, error: 'VALIDATION_FAILED' });
    expect(databaseErrorAnswer(failed('22P02'))).toMatchObject({
      status: 400,
      message: 'a value has the wrong format',
    });
    expect(databaseErrorAnswer(failed('22P05'))).toMatchObject({ status: 400, error: 'VALIDATION_FAILED' });
  });

  it('names the column of a too-long or out-of-range value the input brought, without the SQL', () => {
    const params = ['9e4b', 2, 'R'.repeat(65), 100];
    expect(
      databaseErrorAnswer(statement('22001', 'value too long for type character varying(64)', INSERT, params)),
    ).toEqual({
      status: 400,
      error: 'VALIDATION_FAILED',
      message: 'reference is too long: at most 64 characters',
      fields: ['reference'],
    });
    const update = 'UPDATE "applications" SET "title" = $1, "updated_at" = now() WHERE "id" = $2';
    expect(
      databaseErrorAnswer(
        statement('22001', 'value too long for type character varying(200)', update, ['t'.repeat(201), 'id']),
      ),
    ).toMatchObject({ status: 400, fields: ['title'] });
    const select = 'SELECT * FROM "calendar_years" "y" WHERE "y"."year" = $1 LIMIT 1';
    expect(
      databaseErrorAnswer(
        statement('22003', 'value "2147483648" is out of range for type integer', select, ['2147483648']),
      ),
    ).toEqual({ status: 400, error: 'VALIDATION_FAILED', message: 'year is out of range', fields: ['year'] });
    expect(
      databaseErrorAnswer(
        statement('22003', 'integer out of range', 'SELECT $1::int + "line_no" FROM t WHERE "line_no" = $1', [3e9]),
      ),
    ).toMatchObject({ status: 400, fields: ['lineNo'] });
    const byStation = 'SELECT * FROM "applications" WHERE "station_ids" = ANY($1) AND "valid_until" >= $2';
    expect(
      databaseErrorAnswer(statement('22P02', 'invalid input syntax for type uuid: "nope"', byStation, [['nope'], 'x'])),
    ).toEqual({
      status: 400,
      error: 'VALIDATION_FAILED',
      message: 'stationIds has the wrong format',
      fields: ['stationIds'],
    });
    expect(
      databaseErrorAnswer(
        statement('22008', 'date/time field value out of range: "2026-02-30"', byStation, [[], '2026-02-30']),
      ),
    ).toMatchObject({ status: 400, message: 'validUntil is not a valid date or time', fields: ['validUntil'] });
  });

  it('leaves a too-long or out-of-range value that no parameter holds to the caller (not the input: a 500)', () => {
    expect(
      databaseErrorAnswer(
        statement('22001', 'value too long for type character varying(64)', INSERT, ['a', 2, 'short', 1]),
      ),
    ).toBeNull();
    expect(databaseErrorAnswer(statement('22003', 'integer out of range', 'SELECT 2147483647 + 1', []))).toBeNull();
  });

  it('leaves other failures and other errors to the caller', () => {
    expect(databaseErrorAnswer(failed('40001'))).toBeNull();
    expect(databaseErrorAnswer(new Error('23505'))).toBeNull();
  });
});
