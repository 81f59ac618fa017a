import { describe, expect, it } from 'vitest';
import { yuanToFen } from './money';

describe('yuanToFen', () => {
  it('turns yuan with up to two decimals into whole fen, exactly', () => {
    expect(yuanToFen('50000')).toBe(5_000_000);
    expect(yuanToFen('50,000.00')).toBe(5_000_000);
    expect(yuanToFen('1.05')).toBe(105);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen(500000)).toBe(50_000_000);
  });

  it('refuses what is not an amount of yuan', () => {
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('五万')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen('99999999999999999')).toBeNull();
  });
});
