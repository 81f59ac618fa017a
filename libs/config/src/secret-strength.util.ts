import { deflateRawSync } from 'zlib';

/** The signing secret used when JWT_SECRET is not set: fine on a developer machine, refused in production. */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-before-production';

/**
 * Secrets anyone can read in this code base (the development default, the tests' secret): refused in production
 * whatever their length.
 */
const KNOWN_SECRETS = new Set([DEV_JWT_SECRET, 'test-secret-test-secret-test-secret-0123']);

/** The fewest bytes a production signing secret may have. */
export const MIN_SECRET_BYTES = 32;
/** The least estimated entropy, in bits, a production signing secret may have. */
export const MIN_SECRET_BITS = 160;

/**
 * An estimate of a string's entropy in bits, the lower of two: its length times the Shannon entropy of its own
 * character frequencies (which sees a small alphabet: 32 × "a" scores 0, "abcd" × 8 scores 64), and its size deflated
 * (which sees repetition: "abcd" × 100 deflates to a few bytes). 64 random hex digits score about 250,
 * `openssl rand -base64 32` about 210; 32 random letters and digits (24 bytes' worth) about 150.
 */
export function estimatedEntropyBits(secret: string): number {
  return Math.min(shannonBits(secret), 8 * deflateRawSync(Buffer.from(secret, 'utf8'), { level: 9 }).length);
}

function shannonBits(secret: string): number {
  const chars = [...secret];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** Why a secret may not sign tokens in production, or null when it may. */
export function secretProblem(secret: string): string | null {
  if (KNOWN_SECRETS.has(secret)) return 'a secret published in this code base is refused in production; set your own';
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) return `must be at least ${MIN_SECRET_BYTES} bytes in production (it has ${bytes})`;
  const bits = Math.floor(estimatedEntropyBits(secret));
  if (bits < MIN_SECRET_BITS)
    return `is too predictable for production (about ${bits} bits of entropy, at least ${MIN_SECRET_BITS} needed); generate one with \`openssl rand -base64 32\``;
  return null;
}

/**
 * What the API says loudly at start when it signs with the built-in development secret (outside production; in
 * production that secret is refused), or null.
 */
export function developmentSecretWarning(env: { NODE_ENV: string; JWT_SECRET: string }): string | null {
  if (env.JWT_SECRET !== DEV_JWT_SECRET) return null;
  return `JWT_SECRET is not set: tokens are signed with the built-in DEVELOPMENT secret, which anyone can read in this code base (NODE_ENV=${env.NODE_ENV}). Anyone can forge a sign-in. Never expose this API; set JWT_SECRET (e.g. openssl rand -base64 32) and NODE_ENV=production for real use.`;
}
