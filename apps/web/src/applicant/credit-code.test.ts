import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from './credit-code';

// 91370211MA3C5XKX1Q style codes: the check character is computed by the API's own rule (libs/domain uscc.util.ts)
const VALID = '91350100M000100Y43';

describe('creditCodeProblem', () => {
  it('accepts a code whose check character holds', () => {
    expect(creditCodeProblem(VALID, 'zh')).toBeNull();
  });

  it('says while typing how many characters are still missing', () => {
    expect(creditCodeProblem('9135', 'zh')).toBe('应为 18 位，当前 4 位');
  });

  it('names the check character the code should have', () => {
    const wrong = VALID.slice(0, 17) + (VALID[17] === '3' ? '4' : '3');
    expect(creditCodeProblem(wrong, 'zh')).toBe('校验位应为 3，请核对');
    expect(creditCodeProblem(wrong, 'en')).toBe('The check character should be 3');
  });

  it('refuses lower case and letters the standard leaves out', () => {
    expect(creditCodeProblem(VALID.toLowerCase(), 'zh')).toBe('字母须大写');
    expect(creditCodeProblem('I' + VALID.slice(1), 'zh')).toMatch(/不允许的字符/);
  });
});
