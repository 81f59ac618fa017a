/**
 * Money is a whole number of fen (分, 1 yuan = 100 fen). Yuan appear only as text with two decimals; the
 * conversions below work on the digits as text and never multiply floating-point numbers.
 */
export type Fen = number;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Throws a RangeError naming `field` unless `value` is a safe, non-negative integer number of fen. */
export function assertFen(value: unknown, field: string): asserts value is Fen {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const shown = typeof value === 'number' ? String(value) : typeof value;
    throw new RangeError(`${field} must be a whole, non-negative number of fen (1 yuan = 100 fen), got ${shown}`);
  }
}

/** 5000000 → "50000.00", -1230 → "-12.30"; no thousands separators. */
export function formatYuan(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be a whole number of fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * "50000" → 5000000, "50000.5" → 5000050, "-12.30" → -1230. Leading and trailing blanks are ignored; more than two
 * decimals, thousands separators, exponents, a leading '+' or '.', and empty text are refused with a RangeError.
 */
export function parseYuan(text: string): Fen {
  if (typeof text !== 'string') throw new RangeError('an amount in yuan must be given as text');
  const m = /^(-)?([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text.trim());
  if (!m) {
    throw new RangeError(`'${text}' is not an amount in yuan: use digits with at most two decimals, e.g. 50000.00`);
  }
  const digits = `${m[2]}${(m[3] ?? '').padEnd(2, '0')}`.replace(/^0+(?=[0-9])/, '');
  if (BigInt(digits) > MAX_SAFE) throw new RangeError(`'${text}' is too large an amount`);
  const fen = Number(digits);
  return m[1] && fen !== 0 ? -fen : fen;
}

/** Sum of fen amounts; throws a RangeError if an amount is not a safe integer or the total leaves the safe range. */
export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`amount #${i + 1} must be a whole number of fen, got ${v}`);
    total += v;
    if (!Number.isSafeInteger(total)) throw new RangeError('the sum of the amounts is too large');
  });
  return total;
}

/**
 * An amount as bank statements write it: "50,000.00", "¥50,000.00", "￥50000", "50000.5", "-1,230.00"; the yuan sign
 * (half- or full-width) and thousands separators in groups of three are allowed, then parseYuan's rules apply.
 * "50,00.00" (a misplaced separator) is refused with a RangeError rather than read as another amount.
 */
export function parseStatementAmount(text: string): Fen {
  if (typeof text !== 'string') throw new RangeError('an amount in yuan must be given as text');
  const m = /^(-)?\s*[¥￥]?\s*(-)?((?:\d{1,3}(?:,\d{3})+)|\d+)(\.\d{1,2})?$/.exec(text.trim());
  if (!m || (m[1] && m[2])) {
    throw new RangeError(
      `'${text}' is not an amount in yuan: use digits with at most two decimals, e.g. 50000.00, 50,000.00 or ¥50,000.00`,
    );
  }
  return parseYuan(`${m[1] ?? m[2] ?? ''}${m[3].replace(/,/g, '')}${m[4] ?? ''}`);
}
