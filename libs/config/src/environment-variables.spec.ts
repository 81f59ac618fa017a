import { validateEnvironment } from './environment-variables';

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

  it('refuses the development JWT secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
  });
});
