/** How deep a request body, query or header value may nest: far beyond any DTO here (the deepest is 3). */
export const MAX_NESTING_DEPTH = 32;

/**
 * Where `value` nests more than `max` levels of objects and arrays, the top-level key it happens under ('' when the
 * value itself is too deep an array); null when it does not. Walks with its own stack, so a value nested 100,000
 * deep is measured without recursion (class-transformer and class-validator recurse and overflow the call stack).
 */
export function tooDeepUnder(value: unknown, max = MAX_NESTING_DEPTH): string | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: { node: object; depth: number; top: string }[] = [];
  const push = (node: unknown, depth: number, top: string) => {
    if (node !== null && typeof node === 'object') stack.push({ node, depth, top });
  };
  if (Array.isArray(value)) push(value, 1, '');
  else for (const [k, v] of Object.entries(value)) push(v, 2, k);
  while (stack.length > 0) {
    const { node, depth, top } = stack.pop()!;
    if (depth > max) return top;
    for (const child of Array.isArray(node) ? node : Object.values(node)) push(child, depth + 1, top);
  }
  return null;
}
