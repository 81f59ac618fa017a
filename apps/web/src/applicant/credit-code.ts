// The credit-code rule is the API's own (libs/domain/src/uscc.util.ts, a module that imports nothing): the web
// bundles that one file rather than a copy of the checksum, so the form and the API cannot disagree. The lint
// boundary lets apps/web import exactly this module from the libs (scripts/lint/import-boundaries.mjs).
import { usccCheckCharacter, usccProblem } from '@app/domain/uscc.util';
import type { Lang } from '../i18n/dictionary';

/** null when the code is valid; otherwise what is wrong, in the reader's language (said while typing). */
export function creditCodeProblem(code: string, lang: Lang): string | null {
  const zh = lang === 'zh';
  const value = code.trim();
  if (value === '') return zh ? '请输入统一社会信用代码' : 'Enter the credit code';
  if (value.length !== 18) {
    return zh ? `应为 18 位，当前 ${value.length} 位` : `18 characters needed, ${value.length} given`;
  }
  const problem = usccProblem(value);
  if (problem === null) return null;
  if (/upper case/.test(problem)) return zh ? '字母须大写' : 'Letters must be upper case';
  if (/not allowed/.test(problem)) {
    return zh
      ? '含有不允许的字符（不使用 I、O、Z、S、V）'
      : 'Contains a character that is not allowed (no I, O, Z, S, V)';
  }
  if (/division/.test(problem)) return zh ? '第 3–8 位应为六位行政区划代码' : 'Positions 3–8 must be a division code';
  const expected = usccCheckCharacter(value.slice(0, 17));
  return zh ? `校验位应为 ${expected}，请核对` : `The check character should be ${expected}`;
}
