/** A share of a whole as a whole percentage for a bar (0 when the whole is 0; never above 100). */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.min(100, Math.round((part / whole) * 100));
}

/** The tone of a step's time against its limit: over it in the p90 is a warning, over it in the median an error. */
export function stepTone(
  median: number | null,
  p90: number | null,
  limit: number | null,
): 'success' | 'warning' | 'error' | 'default' {
  if (median === null || limit === null) return 'default';
  if (median > limit) return 'error';
  if (p90 !== null && p90 > limit) return 'warning';
  return 'success';
}

/** The tone of a directory report's status. */
export function reportTone(status: string): 'success' | 'warning' | 'error' | 'default' {
  switch (status) {
    case 'submitted':
      return 'success';
    case 'submitted_late':
      return 'warning';
    case 'overdue':
      return 'error';
    default:
      return 'default';
  }
}
