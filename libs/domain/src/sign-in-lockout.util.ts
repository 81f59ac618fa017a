/** How an account is locked after failed sign-ins (the settings SIGN_IN_LOCKOUT_*). */
export interface LockoutPolicy {
  /** consecutive failures that lock the account the first time */
  threshold: number;
  /** the first lock, in seconds */
  firstLockSeconds: number;
  /** no lock is longer than this */
  maxLockSeconds: number;
}

/**
 * How long to lock an account that has just failed its `failures`-th consecutive sign-in: nothing below the
 * threshold, then the first lock, doubled for every further failure, up to the cap (5 failures → 1 min, 6 → 2 min,
 * 7 → 4 min, … → 1 h with the defaults). Attempts while locked are refused without being counted, so each doubling
 * costs an attacker one lock period.
 */
export function lockoutSeconds(failures: number, policy: LockoutPolicy): number | null {
  if (failures < policy.threshold) return null;
  const doublings = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.firstLockSeconds * 2 ** doublings, policy.maxLockSeconds);
}
