/**
 * The acceptance rubric. Each dimension is scored 0..maxScore by every evaluator on the panel; weights are whole
 * percentages that add up to 100. An evaluator's weighted score is Σ(score/max × weight), on a 0..100 scale; the
 * panel's aggregate is the mean over the evaluators who scored. All comparisons are done in exact integers.
 */
export interface RubricDimension {
  key: string;
  name: string;
  weight: number;
  maxScore: number;
}

export interface Rubric {
  dimensions: RubricDimension[];
  /** 0..100 on the weighted scale */
  passMark: number;
}

export type DimensionScores = Record<string, number>;

/** Problems with a rubric definition, as sentences; empty when it is sound. */
export function rubricProblems(rubric: Rubric): string[] {
  const problems: string[] = [];
  const dims = rubric.dimensions ?? [];
  if (dims.length === 0) problems.push('rubric.dimensions must list at least one dimension');
  const keys = new Set<string>();
  for (const d of dims) {
    if (!/^[a-z][a-z0-9_]*$/.test(d.key ?? '')) problems.push(`rubric dimension key '${d.key}' must be snake_case`);
    if (keys.has(d.key)) problems.push(`rubric dimension key '${d.key}' appears twice`);
    keys.add(d.key);
    if (!Number.isInteger(d.weight) || d.weight <= 0)
      problems.push(`weight of '${d.key}' must be a positive whole number`);
    if (!Number.isInteger(d.maxScore) || d.maxScore <= 0)
      problems.push(`maxScore of '${d.key}' must be a positive whole number`);
  }
  const total = dims.reduce((s, d) => s + (Number.isInteger(d.weight) ? d.weight : 0), 0);
  if (dims.length > 0 && total !== 100) problems.push(`rubric weights must add up to 100, they add up to ${total}`);
  if (!Number.isInteger(rubric.passMark) || rubric.passMark < 0 || rubric.passMark > 100) {
    problems.push('rubric.passMark must be a whole number from 0 to 100');
  }
  return problems;
}

/** Problems with one evaluator's score sheet against the rubric; empty when it is complete and in range. */
export function scoreSheetProblems(rubric: Rubric, scores: DimensionScores): string[] {
  const problems: string[] = [];
  const known = new Set(rubric.dimensions.map((d) => d.key));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) problems.push(`scores.${key} is not a rubric dimension (expected: ${[...known].join(', ')})`);
  }
  for (const d of rubric.dimensions) {
    const v = scores[d.key];
    if (v === undefined) problems.push(`scores.${d.key} is missing`);
    else if (!Number.isInteger(v) || v < 0 || v > d.maxScore) {
      problems.push(`scores.${d.key} must be a whole number from 0 to ${d.maxScore}`);
    }
  }
  return problems;
}

/**
 * Weighted score scaled by the product of all max scores' lcm-free form: we return hundredths of a point
 * (0..10000), rounded half up, which is exact enough for display and used consistently for the pass check.
 */
export function weightedScoreHundredths(rubric: Rubric, scores: DimensionScores): number {
  // Σ score*weight*10000 / (max*100) computed over a common denominator to stay exact before one final rounding
  let numerator = 0n;
  let denominator = 1n;
  for (const d of rubric.dimensions) {
    const term = BigInt(scores[d.key] ?? 0) * BigInt(d.weight) * 100n; // hundredths of a point × maxScore
    const max = BigInt(d.maxScore);
    numerator = numerator * max + term * denominator;
    denominator = denominator * max;
  }
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** Mean of the evaluators' weighted scores in hundredths, rounded half up; null when nobody scored. */
export function aggregateHundredths(rubric: Rubric, sheets: readonly DimensionScores[]): number | null {
  if (sheets.length === 0) return null;
  const total = sheets.reduce((s, sheet) => s + weightedScoreHundredths(rubric, sheet), 0);
  return Math.floor((total * 2 + sheets.length) / (sheets.length * 2));
}

export function meetsPassMark(rubric: Rubric, aggregate: number | null): boolean {
  return aggregate !== null && aggregate >= rubric.passMark * 100;
}

/** 7350 → "73.50" */
export function formatPoints(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
