import { describe, expect, it } from 'vitest';
import { percentOf, reportTone, stepTone } from './report-figures';

describe('report figures', () => {
  it('shares as bar percentages', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(5, 4)).toBe(100);
    expect(percentOf(-1, 4)).toBe(0);
  });

  it('a step against its limit', () => {
    expect(stepTone(null, null, 10)).toBe('default');
    expect(stepTone(5, 8, null)).toBe('default');
    expect(stepTone(5, 8, 10)).toBe('success');
    expect(stepTone(5, 12, 10)).toBe('warning');
    expect(stepTone(11, 12, 10)).toBe('error');
  });

  it('a report’s status', () => {
    expect(reportTone('submitted')).toBe('success');
    expect(reportTone('submitted_late')).toBe('warning');
    expect(reportTone('overdue')).toBe('error');
    expect(reportTone('open')).toBe('default');
  });
});
