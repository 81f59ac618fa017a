import { QueryFailedError } from 'typeorm';
import { databaseErrorAnswer } from './database-error.util';

const failed = (code: string, detail?: string) =>
  new QueryFailedError('INSERT', [], Object.assign(new Error('refused'), { code, detail }));

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

  it('leaves other failures and other errors to the caller', () => {
    expect(databaseErrorAnswer(failed('40001'))).toBeNull();
    expect(databaseErrorAnswer(new Error('23505'))).toBeNull();
  });
});
