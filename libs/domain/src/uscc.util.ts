/**
 * The unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters: position 1 registration-authority code, 2 organisation-type code, 3-8 the six-digit
 * administrative division code, 9-17 the organisation code, 18 a check character computed modulo 31 over the
 * first 17 characters with fixed weights (3^(i-1) mod 31).
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ALLOWED_LETTERS = USCC_CHARSET.slice(10);

/** The check character (position 18) for the first 17 characters of a code. Throws on bad input. */
export function usccCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string') throw new Error('the first 17 characters must be given as a string');
  if (first17.length !== 17) throw new Error(`need exactly the first 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0) {
      throw new Error(
        `character '${first17[i]}' at position ${i + 1} is not allowed (allowed: digits and upper-case ${ALLOWED_LETTERS})`,
      );
    }
    sum += value * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/** null when the code is valid, otherwise an English sentence saying what is wrong and how to fix it. */
export function usccProblem(code: string): string | null {
  if (typeof code !== 'string') return 'must be a text of 18 characters';
  if (code.length !== 18) return `must be 18 characters, got ${code.length}`;
  for (let i = 0; i < 18; i++) {
    const upper = code[i].toUpperCase();
    if (code[i] !== upper && USCC_CHARSET.includes(upper)) {
      return `must be written in upper case: '${code[i]}' at position ${i + 1} should be '${upper}'`;
    }
  }
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(code[i])) {
      return `character '${code[i]}' at position ${i + 1} is not allowed (allowed: digits and ${ALLOWED_LETTERS})`;
    }
  }
  const division = code.slice(2, 8);
  if (!/^[0-9]{6}$/.test(division)) {
    return `positions 3-8 must be the six-digit administrative division code, got '${division}'`;
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return `check character should be '${expected}' but is '${code[17]}'`;
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}
