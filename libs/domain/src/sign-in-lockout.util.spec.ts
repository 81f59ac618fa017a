import { lockoutSeconds } from './sign-in-lockout.util';

describe('lockoutSeconds', () => {
  const policy = { threshold: 5, firstLockSeconds: 60, maxLockSeconds: 3600 };

  it('does not lock below the threshold', () => {
    for (const n of [0, 1, 4]) expect(lockoutSeconds(n, policy)).toBeNull();
  });

  it('locks at the threshold, doubles for every further failure and stops at the cap', () => {
    expect([5, 6, 7, 8, 9, 10, 11, 12].map((n) => lockoutSeconds(n, policy))).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
    expect(lockoutSeconds(10_000, policy)).toBe(3600);
  });
});
