import { isValidUscc, USCC_CHARSET, usccCheckCharacter, usccProblem } from './uscc.util';

/** Deterministic pseudo-random generator so property tests are reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomFirst17(rand: () => number): string {
  const pick = (set: string) => set[Math.floor(rand() * set.length)];
  let s = pick(USCC_CHARSET) + pick(USCC_CHARSET);
  for (let i = 0; i < 6; i++) s += pick('0123456789');
  for (let i = 0; i < 9; i++) s += pick(USCC_CHARSET);
  return s;
}

describe('USCC_CHARSET', () => {
  it('has 31 distinct characters: the digits and the letters without I, O, Z, S, V', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(new Set(USCC_CHARSET).size).toBe(31);
    expect(USCC_CHARSET.slice(0, 10)).toBe('0123456789');
    for (const forbidden of 'IOZSV') expect(USCC_CHARSET).not.toContain(forbidden);
    expect(USCC_CHARSET).toMatch(/^[0-9A-Z]+$/);
  });
});

describe('usccCheckCharacter', () => {
  it('computes the check character of published codes', () => {
    // 91350100M000100Y43: values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4
    //   sum = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
    //   1640 mod 31 = 28 (31 × 52 = 1612) → 31 - 28 = 3 → '3'
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    // 91110000802100433B: values 9,1,1,1,0,0,0,0,8,0,2,1,0,0,4,3,3
    //   sum = 9 + 3 + 9 + 27 + 160 + 50 + 13 + 40 + 90 + 84 = 485
    //   485 mod 31 = 20 (31 × 15 = 465) → 31 - 20 = 11 → charset[11] = 'B'
    expect(usccCheckCharacter('91110000802100433')).toBe('B');
  });

  it('maps a remainder of 0 (check value 31) to the character 0', () => {
    // all zeros: sum 0 → 31 - 0 = 31 → 0
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    // 9×1 + 1×3 + 1×19 (position 5) = 31 ≡ 0 mod 31 → '0'
    expect(usccCheckCharacter('91001000000000000')).toBe('0');
  });

  it('gives the last charset character for a sum of 1', () => {
    // sum 1 → 31 - 1 = 30 → charset[30] = 'Y'
    expect(usccCheckCharacter('10000000000000000')).toBe('Y');
    // position 17 weight 28, value 1 → 28 → 31 - 28 = 3 → '3'
    expect(usccCheckCharacter('00000000000000001')).toBe('3');
  });

  it('agrees with an independent computation using weights 3^(i-1) mod 31', () => {
    const rand = lcg(42);
    for (let k = 0; k < 200; k++) {
      const first17 = randomFirst17(rand);
      let sum = 0;
      let weight = 1;
      for (const ch of first17) {
        sum += USCC_CHARSET.indexOf(ch) * weight;
        weight = (weight * 3) % 31;
      }
      const expected = USCC_CHARSET[(31 - (sum % 31)) % 31];
      expect(usccCheckCharacter(first17)).toBe(expected);
    }
  });

  it('throws on a wrong length or a character outside the charset', () => {
    expect(() => usccCheckCharacter('9135010')).toThrow(/17/);
    expect(() => usccCheckCharacter('91350100M000100Y43')).toThrow(/17/);
    expect(() => usccCheckCharacter('91350100I000100Y4')).toThrow(/'I' at position 9/);
    expect(() => usccCheckCharacter('91350100m000100Y4')).toThrow(/'m' at position 9/);
    expect(() => usccCheckCharacter(undefined as unknown as string)).toThrow(Error);
  });
});

describe('usccProblem / isValidUscc', () => {
  // Published codes, each checked against this implementation before being kept.
  const PUBLISHED = [
    '91350100M000100Y43',
    '91110000802100433B',
    '91440300708461136T', // 深圳市腾讯计算机系统有限公司
    '914403001922038216', // 华为技术有限公司
  ];

  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(isValidUscc(code)).toBe(true);
  });

  it('accepts every code completed with its computed check character', () => {
    const rand = lcg(7);
    for (let k = 0; k < 200; k++) {
      const first17 = randomFirst17(rand);
      expect(isValidUscc(first17 + usccCheckCharacter(first17))).toBe(true);
    }
  });

  it('rejects every other check character, saying which one is expected', () => {
    const first17 = '91350100M000100Y4';
    for (const ch of USCC_CHARSET) {
      if (ch === '3') continue;
      expect(usccProblem(first17 + ch)).toBe(`check character should be '3' but is '${ch}'`);
      expect(isValidUscc(first17 + ch)).toBe(false);
    }
  });

  it('detects any single-character substitution in positions 1-17', () => {
    const code = '91110000802100433B';
    for (let i = 0; i < 17; i++) {
      const set = i >= 2 && i < 8 ? '0123456789' : USCC_CHARSET;
      for (const ch of set) {
        if (ch === code[i]) continue;
        const mutated = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isValidUscc(mutated)).toBe(false);
        expect(usccProblem(mutated)).toMatch(/^check character should be '.' but is 'B'$/);
      }
    }
  });

  it('detects any swap of two different characters in positions 1-17', () => {
    const code = '91440300708461136T';
    for (let i = 0; i < 17; i++) {
      for (let j = i + 1; j < 17; j++) {
        if (code[i] === code[j]) continue;
        const chars = code.split('');
        [chars[i], chars[j]] = [chars[j], chars[i]];
        expect(isValidUscc(chars.join(''))).toBe(false);
      }
    }
  });

  it('rejects a wrong length, saying how long the input was', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('must be 18 characters, got 17');
    expect(usccProblem('91350100M000100Y433')).toBe('must be 18 characters, got 19');
    expect(usccProblem('')).toBe('must be 18 characters, got 0');
    expect(usccProblem(' 91350100M000100Y43')).toBe('must be 18 characters, got 19');
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
  });

  it.each([
    ['I', 4],
    ['O', 9],
    ['Z', 10],
    ['S', 16],
    ['V', 18],
  ])('rejects the forbidden letter %s at position %i', (letter, position) => {
    const valid = '91350100M000100Y43';
    const code = valid.slice(0, position - 1) + letter + valid.slice(position);
    expect(usccProblem(code)).toBe(
      `character '${letter}' at position ${position} is not allowed (allowed: digits and ABCDEFGHJKLMNPQRTUWXY)`,
    );
    expect(isValidUscc(code)).toBe(false);
  });

  it('rejects punctuation and spaces inside the code', () => {
    expect(usccProblem('9135 100M000100Y43')).toMatch(/^character ' ' at position 5 is not allowed/);
    expect(usccProblem('91350100M00-100Y43')).toMatch(/^character '-' at position 12 is not allowed/);
  });

  it('asks for upper case when letters are lower case', () => {
    expect(usccProblem('91350100m000100Y43')).toBe("must be written in upper case: 'm' at position 9 should be 'M'");
    expect(usccProblem('91110000802100433b')).toBe("must be written in upper case: 'b' at position 18 should be 'B'");
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    // the upper-cased version of the same input is valid: the only problem was the case
    expect(isValidUscc('91350100m000100y43'.toUpperCase())).toBe(true);
  });

  it('requires digits for the administrative division code (positions 3-8)', () => {
    const first17 = '91A50100M000100Y4';
    const code = first17 + usccCheckCharacter(first17);
    expect(usccProblem(code)).toBe("positions 3-8 must be the six-digit administrative division code, got 'A50100'");
    expect(isValidUscc(code)).toBe(false);
  });

  it('handles non-string input without throwing', () => {
    expect(isValidUscc(undefined as unknown as string)).toBe(false);
    expect(isValidUscc(91350100 as unknown as string)).toBe(false);
    expect(usccProblem(null as unknown as string)).toMatch(/18 characters/);
  });
});
