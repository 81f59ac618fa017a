import { randomBytes } from 'crypto';
import { validateEnvironment } from './environment-variables';
import { DEV_JWT_SECRET } from './secret-strength.util';

describe('validateEnvironment', () => {
  it('fills the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe('postgres://accreditation_app@127.0.0.1:5432/accreditation');
    expect(env.DATABASE_OWNER_URL).toBe('postgres://accreditation_owner@127.0.0.1:5432/accreditation');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names every bad variable in one message', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL must be a postgres:\/\/ URL[\s\S]*JWT_SECRET must be at least 32 characters/,
    );
  });

  it('wants the database URLs to name the role they log in as', () => {
    expect(() =>
      validateEnvironment({ DATABASE_URL: 'postgres://127.0.0.1/x', DATABASE_OWNER_URL: 'postgres://127.0.0.1/x' }),
    ).toThrow(/DATABASE_URL must be a postgres:\/\/ URL naming its role[\s\S]*DATABASE_OWNER_URL must be/);
    expect(validateEnvironment({ DATABASE_URL: 'postgres://app:secret@db.example:5432/x' }).DATABASE_URL).toBe(
      'postgres://app:secret@db.example:5432/x',
    );
  });

  it('refuses the development JWT secret in production, set or left to its default', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: a secret published/);
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: DEV_JWT_SECRET })).toThrow(
      /JWT_SECRET: a secret published/,
    );
  });

  it("refuses the tests' secret and a long but predictable one in production, and accepts them elsewhere", () => {
    for (const JWT_SECRET of ['test-secret-test-secret-test-secret-0123', 'a'.repeat(32), 'abcd'.repeat(16)]) {
      expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET })).toThrow(/JWT_SECRET/);
      expect(validateEnvironment({ NODE_ENV: 'development', JWT_SECRET }).JWT_SECRET).toBe(JWT_SECRET);
    }
  });

  it('accepts a generated secret in production', () => {
    const JWT_SECRET = randomBytes(32).toString('base64');
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET }).JWT_SECRET).toBe(JWT_SECRET);
  });

  it('keeps access tokens to 15 minutes at most', () => {
    expect(validateEnvironment({}).JWT_TTL_SECONDS).toBe(900);
    expect(() => validateEnvironment({ JWT_TTL_SECONDS: '28800' })).toThrow(/JWT_TTL_SECONDS must not exceed 900/);
  });

  it('turns the demo clock on only outside production, and reads only true/false', () => {
    expect(validateEnvironment({}).DEMO_MODE).toBe(false);
    expect(validateEnvironment({ DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
    expect(
      validateEnvironment({
        DEMO_MODE: 'false',
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('base64'),
      }).DEMO_MODE,
    ).toBe(false);
    expect(() => validateEnvironment({ DEMO_MODE: 'yes' })).toThrow(/DEMO_MODE must be true or false/);
    expect(() =>
      validateEnvironment({
        DEMO_MODE: 'true',
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('base64'),
      }),
    ).toThrow(/DEMO_MODE: a demo clock is refused in production/);
  });
});
