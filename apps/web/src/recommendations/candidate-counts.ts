import type { Lang } from '../i18n/dictionary';

/** Whether one more candidate fits the list (the programme's maximum per recommending bureau; null: none). */
export function mayAddCandidate(listed: number, max: number | null): boolean {
  return max === null || listed < max;
}

/** The line above the list: how many are listed against the programme's minimum and maximum, and what is missing. */
export function candidateCountHint(listed: number, min: number | null, max: number | null, lang: Lang): string {
  const least = Math.max(min ?? 1, 1);
  const range = max === null ? `${least}+` : least === max ? `${least}` : `${least}–${max}`;
  if (lang === 'zh') {
    const missing = listed < least ? `，还需 ${least - listed} 名方可报送` : '';
    const full = max !== null && listed >= max ? '，已达上限' : '';
    return `已列入 ${listed} 名（每个推荐单位 ${range} 名）${missing}${full}`;
  }
  const missing = listed < least ? `; ${least - listed} more before it can be submitted` : '';
  const full = max !== null && listed >= max ? '; the maximum is reached' : '';
  return `${listed} listed (${range} per recommending bureau)${missing}${full}`;
}
