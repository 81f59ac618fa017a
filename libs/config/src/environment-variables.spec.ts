import { validateEnvironment } from './environment-variables';

describe('validateEnvironment', () => {
  it('fills the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/accreditation');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names every bad variable in one message', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL must be a postgres:\/\/ URL[\s\S]*JWT_SECRET must be at least 32 characters/,
    );
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
  });
});
