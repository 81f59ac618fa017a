/** The shortest password an account may set. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * A small list of passwords seen first in every leaked-password list (compared case-insensitively); a password that
 * is one of them, or one of them with digits appended, is refused.
 */
const COMMON_PASSWORDS = new Set([
  'password',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'abc123',
  'abcdefg',
  'iloveyou',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'monkey',
  'dragon',
  'sunshine',
  'football',
  'baseball',
  'princess',
  'woaini',
  'changeme',
  '1q2w3e4r',
  '1qaz2wsx',
  'zaq12wsx',
  'aaaaaaaaaa',
  '1234567890',
  '0123456789',
  '0987654321',
  '1111111111',
  '123123123',
  '5201314',
  '88888888',
  '66666666',
]);

/**
 * What is wrong with `password` for the account `username`, or null when it meets the policy: at least
 * PASSWORD_MIN_LENGTH characters, not the username (nor the username reversed, nor containing it), not a common one.
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  const folded = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && (folded.includes(name) || folded.includes([...name].reverse().join(''))))
    return 'password must not contain the username';
  const stem = folded.replace(/\d+$/, '');
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(stem) || /^(.)\1*$/.test(folded))
    return 'password is too common; choose another';
  if (/^\d+$/.test(folded) && isRun(folded)) return 'password is too common; choose another';
  return null;
}

/** digits counting up or down by one (1234567890, 9876543210) */
function isRun(digits: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < digits.length; i++) steps.add((Number(digits[i]) - Number(digits[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}
