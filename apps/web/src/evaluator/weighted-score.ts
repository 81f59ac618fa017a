import type { Rubric } from '../common/rules';

/**
 * The weighted score of a sheet on the 0..100 scale, as the evaluator types (the API computes the one that
 * counts): Σ weight × score / maxScore, the weights summing to 100. null until every dimension has a whole number
 * within its range.
 */
export function weightedScore(rubric: Rubric, scores: Record<string, number | null | undefined>): number | null {
  let total = 0;
  for (const d of rubric.dimensions) {
    const s = scores[d.key];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > d.maxScore) return null;
    total += (d.weight * s) / d.maxScore;
  }
  return Math.round(total * 100) / 100;
}
