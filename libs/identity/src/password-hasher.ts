import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { verify as verifyBcrypt } from '@node-rs/bcrypt';

/**
 * Passwords are hashed with Argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane) in native code on libuv's
 * thread pool, so a burst of sign-ins never blocks the event loop. Hashes made before (bcrypt, `$2…`) still
 * verify, also in native code and in the same queue, and are replaced on the next successful sign-in.
 */
const OPTIONS = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * One hash at a time per process: each takes ~20 ms of a core and 19 MiB. Run four at once (libuv's pool) and a
 * burst of sign-ins takes both cores of a small server and 80 MiB, and every other request waits for CPU; one at
 * a time, sign-ins queue behind each other and everything else keeps a core.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export function hashPassword(password: string): Promise<string> {
  return oneAtATime(() => hash(password, OPTIONS));
}

export interface PasswordCheck {
  ok: boolean;
  /** the stored hash is of an older kind or weaker settings: store hashPassword(password) instead */
  needsRehash: boolean;
}

const CURRENT_PREFIX = `$argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}$`;
let dummy: Promise<string> | undefined;

/** Checks a password against a stored hash; `stored` undefined (no such user) costs the same as a wrong password. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<PasswordCheck> {
  if (stored === undefined) {
    dummy ??= hashPassword('no such user');
    const standIn = await dummy;
    await oneAtATime(() => verify(standIn, password)).catch(() => false);
    return { ok: false, needsRehash: false };
  }
  if (stored.startsWith('$2')) {
    const ok = await oneAtATime(() => verifyBcrypt(password, stored)).catch(() => false);
    return { ok, needsRehash: ok };
  }
  const ok = await oneAtATime(() => verify(stored, password)).catch(() => false);
  return { ok, needsRehash: ok && !stored.startsWith(CURRENT_PREFIX) };
}
