import { describe, expect, it } from 'vitest';
import { cellText, drillDownSum, FILING_STATUSES, label, REQUEST_STATES } from './stats-terms';

describe('the service month in the console', () => {
  it('prints a cell as the seed does: (n)unit', () => {
    expect(cellText(12, '场次')).toBe('(12)场次');
    expect(cellText(0, '篇')).toBe('(0)篇');
  });

  it('sums a drill-down over the activities’ contributions and the closed requests', () => {
    expect(drillDownSum({ activities: [{ contributes: 80 }, { contributes: 25 }], requests: [] })).toBe(105);
    expect(drillDownSum({ activities: [], requests: [{}, {}] })).toBe(2);
  });

  it('names states in the chosen language, and an unknown code as itself', () => {
    expect(label(FILING_STATUSES, 'late', 'zh')).toBe('逾期未报');
    expect(label(REQUEST_STATES, 'closed', 'en')).toBe('Closed');
    expect(label(REQUEST_STATES, 'other', 'zh')).toBe('other');
    expect(label(REQUEST_STATES, null, 'zh')).toBe('');
  });
});
