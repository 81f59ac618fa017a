import { randomBytes } from 'crypto';
import { DEV_JWT_SECRET, developmentSecretWarning, estimatedEntropyBits, secretProblem } from './secret-strength.util';

describe('secretProblem (production signing secrets)', () => {
  it('refuses the secrets published in this code base', () => {
    expect(secretProblem(DEV_JWT_SECRET)).toMatch(/published/);
    expect(secretProblem('test-secret-test-secret-test-secret-0123')).toMatch(/published/);
  });

  it('refuses fewer than 32 bytes, counting bytes and not characters', () => {
    expect(secretProblem(randomBytes(24).toString('base64').slice(0, 31))).toMatch(/at least 32 bytes .*has 31/);
    expect(secretProblem('密'.repeat(11))).toMatch(/too predictable/); // 33 bytes, one character repeated
  });

  it('refuses long secrets with little entropy: one character, a short pattern, a few words', () => {
    expect(estimatedEntropyBits('a'.repeat(32))).toBe(0);
    expect(estimatedEntropyBits('abcd'.repeat(8))).toBe(64);
    for (const s of [
      'a'.repeat(32),
      'abcd'.repeat(16),
      'abcd'.repeat(100),
      'password'.repeat(4),
      '0123456789abcdef'.repeat(2),
      'Secret12'.repeat(8),
    ])
      expect(secretProblem(s)).toMatch(/too predictable/);
  });

  it('accepts what the usual generators make', () => {
    for (let i = 0; i < 50; i++) {
      expect(secretProblem(randomBytes(32).toString('hex'))).toBeNull();
      expect(secretProblem(randomBytes(32).toString('base64'))).toBeNull();
      expect(secretProblem(randomBytes(32).toString('base64url'))).toBeNull();
    }
  });
});

describe('developmentSecretWarning', () => {
  it('warns whenever the development secret signs, and only then', () => {
    for (const NODE_ENV of ['development', 'test'])
      expect(developmentSecretWarning({ NODE_ENV, JWT_SECRET: DEV_JWT_SECRET })).toMatch(/DEVELOPMENT secret/);
    expect(
      developmentSecretWarning({ NODE_ENV: 'development', JWT_SECRET: randomBytes(32).toString('hex') }),
    ).toBeNull();
  });
});
