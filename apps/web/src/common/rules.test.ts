import { describe, expect, it } from 'vitest';
import { rulesOf } from './rules';

const rubric = {
  dimensions: [
    { key: 'system_completeness', name: '制度完善', weight: 40, maxScore: 100 },
    { key: 'staff_awareness', name: '员工意识', weight: 60, maxScore: 100 },
  ],
  passMark: 70,
};

describe('rulesOf (the application’s rules, an open object in the document)', () => {
  it('reads the rubric, panel size and required materials', () => {
    const r = rulesOf({ rubric, panelSize: 3, requiredMaterials: ['application_form', 'self_assessment'] });
    expect(r?.rubric.passMark).toBe(70);
    expect(r?.rubric.dimensions.map((d) => d.key)).toEqual(['system_completeness', 'staff_awareness']);
    expect(r?.panelSize).toBe(3);
    expect(r?.requiredMaterials).toEqual(['application_form', 'self_assessment']);
  });

  it('answers null for rules of another shape instead of trusting them', () => {
    expect(rulesOf({})).toBeNull();
    expect(rulesOf({ rubric: { dimensions: 'x', passMark: 70 } })).toBeNull();
    expect(rulesOf({ rubric: { dimensions: [{ key: 'a', weight: '40' }], passMark: 70 } })).toBeNull();
  });
});
