import { assertFen, formatYuan, parseYuan, sumFen, parseStatementAmount } from './money.util';

describe('assertFen', () => {
  it.each([0, 1, 5_000_000, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(() => assertFen(value, 'amount')).not.toThrow();
  });

  it.each([-1, 0.5, 100.01, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, '100', null, undefined, 10n])(
    'rejects %p with a RangeError naming the field',
    (value) => {
      expect(() => assertFen(value, 'grantAmountFen')).toThrow(RangeError);
      expect(() => assertFen(value, 'grantAmountFen')).toThrow(
        /^grantAmountFen must be a whole, non-negative number of fen/,
      );
    },
  );

  it('narrows the type for the compiler', () => {
    const input: unknown = 1234;
    assertFen(input, 'x');
    const narrowed: number = input; // compiles only because of the assertion signature
    expect(narrowed + 1).toBe(1235);
  });
});

describe('formatYuan', () => {
  it.each([
    [5_000_000, '50000.00'],
    [5_000_050, '50000.50'],
    [1_234_567, '12345.67'],
    [100, '1.00'],
    [99, '0.99'],
    [5, '0.05'],
    [0, '0.00'],
    [-1230, '-12.30'],
    [-5, '-0.05'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%p fen → %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('never writes thousands separators or exponents', () => {
    expect(formatYuan(123_456_789_012)).toBe('1234567890.12');
    expect(formatYuan(10 ** 15)).toBe('10000000000000.00');
  });

  it('does not write negative zero', () => {
    expect(formatYuan(-0)).toBe('0.00');
  });

  it.each([0.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 2])('refuses %p', (fen) => {
    expect(() => formatYuan(fen)).toThrow(RangeError);
  });
});

describe('parseYuan', () => {
  it.each([
    ['50000', 5_000_000],
    ['50000.5', 5_000_050],
    ['50000.00', 5_000_000],
    ['50000.05', 5_000_005],
    ['-12.30', -1230],
    ['0.01', 1],
    ['0.1', 10],
    ['0', 0],
    ['007.10', 710],
    [' 12.34 ', 1234],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%p → %p fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it('is exact where floating-point multiplication is not', () => {
    // 1.005 * 100 === 100.49999999999999 and 0.29 * 100 === 28.999999999999996 in floating point
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1.01')).toBe(101);
    expect(parseYuan('4.35')).toBe(435);
    expect(parseYuan('1234567890123.45')).toBe(123456789012345);
  });

  it('returns 0, not -0, for a negative zero', () => {
    expect(Object.is(parseYuan('-0'), 0)).toBe(true);
    expect(Object.is(parseYuan('-0.00'), 0)).toBe(true);
  });

  it.each([
    '',
    '   ',
    '12.345',
    '0.001',
    '50,000',
    '50,000.00',
    '50 000',
    '5e4',
    '1E2',
    '+12',
    '.5',
    '12.',
    '--1',
    '12.3.4',
    'NaN',
    'Infinity',
    '¥12',
    '12元',
    '１２', // full-width digits
    '0x10',
  ])('rejects %p', (text) => {
    expect(() => parseYuan(text)).toThrow(RangeError);
  });

  it('rejects amounts beyond the safe integer range', () => {
    expect(() => parseYuan('90071992547409.92')).toThrow(/too large/);
    expect(() => parseYuan('99999999999999999999')).toThrow(/too large/);
  });

  it('round-trips with formatYuan', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 123_456, -1, -99, -100_001, 5_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(parseYuan(formatYuan(fen))).toBe(fen);
    }
    for (const text of ['0.00', '0.07', '12.30', '-12.30', '50000.00']) {
      expect(formatYuan(parseYuan(text))).toBe(text);
    }
  });
});

describe('sumFen', () => {
  it('adds fen amounts', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([5_000_000])).toBe(5_000_000);
    expect(sumFen([1, 2, 3, 4])).toBe(10);
    expect(sumFen([5_000_000, -1230, 30])).toBe(4_998_800);
  });

  it('reaches exactly the largest safe integer', () => {
    expect(sumFen([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('throws when the total is no longer a safe integer', () => {
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(() => sumFen([-Number.MAX_SAFE_INTEGER, -1])).toThrow(RangeError);
  });

  it('throws even if a later amount would bring an overflowing total back into range', () => {
    // in floating point MAX + 2 rounds to 2^53, so MAX + 2 - 2 would silently give MAX - 1
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 2, -2])).toThrow(RangeError);
  });

  it('throws on amounts that are not whole fen, naming their position', () => {
    expect(() => sumFen([100, 0.5, 0.5])).toThrow(/amount #2/);
    expect(() => sumFen([100, Number.NaN])).toThrow(RangeError);
  });
});

describe('parseStatementAmount', () => {
  it.each([
    ['50,000.00', 5_000_000],
    ['¥50,000.00', 5_000_000],
    ['￥50,000.00', 5_000_000],
    ['¥ 50000', 5_000_000],
    ['50000.5', 5_000_050],
    ['1,234,567.89', 123_456_789],
    ['999', 99_900],
    ['-1,230.00', -123_000],
    ['¥-12.30', -1_230],
    [' 0.01 ', 1],
  ])('reads %p as %p fen', (text, fen) => {
    expect(parseStatementAmount(text)).toBe(fen);
  });

  it.each(['50,00.00', '5,0000.00', ',500', '500,', '50.000', '1e3', '', '¥', '--1', '-¥-1', '50 000', '12.345', '+1'])(
    'refuses %p',
    (text) => {
      expect(() => parseStatementAmount(text)).toThrow(RangeError);
    },
  );
});
