import { MAX_NESTING_DEPTH, tooDeepUnder } from './nesting-depth.util';

const nestedArrays = (depth: number): unknown => {
  let v: unknown = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
};

describe('tooDeepUnder', () => {
  it('accepts values up to the limit and names the top-level key of the first one beyond it', () => {
    expect(tooDeepUnder({ a: 1, b: 'x' })).toBeNull();
    expect(tooDeepUnder(null)).toBeNull();
    expect(tooDeepUnder('text')).toBeNull();
    // the body is level 1, so a field may hold MAX - 1 levels
    expect(tooDeepUnder({ ok: nestedArrays(MAX_NESTING_DEPTH - 1) })).toBeNull();
    expect(tooDeepUnder({ ok: 1, deep: nestedArrays(MAX_NESTING_DEPTH) })).toBe('deep');
    expect(tooDeepUnder({ materials: [{ key: 'a', title: 't' }], days: [{ date: 'x' }] })).toBeNull();
    expect(tooDeepUnder(nestedArrays(MAX_NESTING_DEPTH + 1))).toBe('');
    expect(tooDeepUnder({ a: { b: { c: 1 } } }, 3)).toBeNull();
    expect(tooDeepUnder({ a: { b: { c: {} } } }, 3)).toBe('a');
  });

  it('measures a value nested 200,000 deep without overflowing the stack', () => {
    expect(tooDeepUnder({ comment: nestedArrays(200_000) })).toBe('comment');
  });
});
