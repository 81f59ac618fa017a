import { describe, expect, it } from 'vitest';
import { moved } from './ranking-order';
import { currentHalfYear } from './pilot-compilation-page';

describe('the province’s ranking order', () => {
  it('moves one application up or down one place', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });

  it('leaves the first and the last where they are at the ends', () => {
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moved(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe('the compilation’s default half-year', () => {
  it('is the half-year of today', () => {
    expect(currentHalfYear(new Date(2026, 11, 7))).toBe('2026-H2');
    expect(currentHalfYear(new Date(2027, 5, 30))).toBe('2027-H1');
  });
});
