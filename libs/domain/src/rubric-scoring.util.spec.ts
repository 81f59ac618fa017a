import {
  aggregateHundredths,
  formatPoints,
  meetsPassMark,
  Rubric,
  rubricProblems,
  scoreSheetProblems,
  weightedScoreHundredths,
} from './rubric-scoring.util';

const rubric: Rubric = {
  passMark: 70,
  dimensions: [
    { key: 'system_completeness', name: '制度完善', weight: 40, maxScore: 100 },
    { key: 'staff_awareness', name: '人员认知', weight: 30, maxScore: 100 },
    { key: 'results', name: '创建效果', weight: 30, maxScore: 10 },
  ],
};

describe('rubric scoring', () => {
  it('weights each dimension against its own maximum, in exact hundredths', () => {
    // 88/100×40 + 80/100×30 + 7/10×30 = 35.2 + 24 + 21 = 80.2
    expect(weightedScoreHundredths(rubric, { system_completeness: 88, staff_awareness: 80, results: 7 })).toBe(8020);
    expect(weightedScoreHundredths(rubric, { system_completeness: 100, staff_awareness: 100, results: 10 })).toBe(
      10000,
    );
  });

  it('rounds thirds half up once, at the end', () => {
    const thirds: Rubric = { passMark: 50, dimensions: [{ key: 'a', name: 'a', weight: 100, maxScore: 3 }] };
    expect(weightedScoreHundredths(thirds, { a: 1 })).toBe(3333);
    expect(weightedScoreHundredths(thirds, { a: 2 })).toBe(6667);
  });

  it('averages the panel and compares with the pass mark', () => {
    const a = { system_completeness: 70, staff_awareness: 70, results: 7 }; // 70.00
    const b = { system_completeness: 69, staff_awareness: 70, results: 7 }; // 69.60
    expect(aggregateHundredths(rubric, [a, b])).toBe(6980);
    expect(meetsPassMark(rubric, 6980)).toBe(false);
    expect(meetsPassMark(rubric, aggregateHundredths(rubric, [a]))).toBe(true);
    expect(aggregateHundredths(rubric, [])).toBeNull();
    expect(formatPoints(6980)).toBe('69.80');
    expect(formatPoints(705)).toBe('7.05');
  });

  it('names what is wrong with a rubric or a score sheet', () => {
    expect(rubricProblems(rubric)).toEqual([]);
    expect(rubricProblems({ passMark: 101, dimensions: [{ key: 'A', name: 'x', weight: 50, maxScore: 0 }] })).toEqual([
      "rubric dimension key 'A' must be snake_case",
      "maxScore of 'A' must be a positive whole number",
      'rubric weights must add up to 100, they add up to 50',
      'rubric.passMark must be a whole number from 0 to 100',
    ]);
    expect(scoreSheetProblems(rubric, { system_completeness: 101, results: 3.5, extra: 1 })).toEqual([
      'scores.extra is not a rubric dimension (expected: system_completeness, staff_awareness, results)',
      'scores.system_completeness must be a whole number from 0 to 100',
      'scores.staff_awareness is missing',
      'scores.results must be a whole number from 0 to 10',
    ]);
  });
});
