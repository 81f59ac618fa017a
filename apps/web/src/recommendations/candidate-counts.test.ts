import { describe, expect, it } from 'vitest';
import { candidateCountHint, mayAddCandidate } from './candidate-counts';

describe('candidate counts on the list page', () => {
  it('stops adding at the maximum only', () => {
    expect(mayAddCandidate(1, 2)).toBe(true);
    expect(mayAddCandidate(2, 2)).toBe(false);
    expect(mayAddCandidate(9, null)).toBe(true);
  });

  it('says how many are missing before the list can be submitted, and when it is full', () => {
    expect(candidateCountHint(0, 2, 3, 'zh')).toBe('已列入 0 名（每个推荐单位 2–3 名），还需 2 名方可报送');
    expect(candidateCountHint(3, 2, 3, 'zh')).toBe('已列入 3 名（每个推荐单位 2–3 名），已达上限');
    expect(candidateCountHint(1, null, null, 'en')).toBe('1 listed (1+ per recommending bureau)');
    expect(candidateCountHint(2, 2, 2, 'en')).toBe('2 listed (2 per recommending bureau); the maximum is reached');
  });
});
