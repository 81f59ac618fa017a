import type { components } from '../api/client';

export type Rubric = components['schemas']['RubricDto'];
type Dimension = components['schemas']['RubricDimensionDto'];

/** ApplicationDetailView.rules as the console reads it: the rubric, panel size and required materials. */
export interface Rules {
  rubric: Rubric;
  panelSize: number;
  requiredMaterials: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isDimension = (v: unknown): v is Dimension =>
  isObject(v) &&
  typeof v.key === 'string' &&
  typeof v.name === 'string' &&
  typeof v.weight === 'number' &&
  typeof v.maxScore === 'number';

/**
 * The document describes `rules` as an open object (a snapshot of the programme's rules kept on the application):
 * its fields are checked here, where they are read, and a rules object of another shape gives null.
 */
export function rulesOf(rules: Record<string, unknown>): Rules | null {
  const rubric = rules.rubric;
  if (!isObject(rubric) || !Array.isArray(rubric.dimensions) || typeof rubric.passMark !== 'number') return null;
  const dimensions = rubric.dimensions.filter(isDimension);
  if (dimensions.length !== rubric.dimensions.length) return null;
  const required = Array.isArray(rules.requiredMaterials)
    ? rules.requiredMaterials.filter((m): m is string => typeof m === 'string')
    : [];
  return {
    rubric: { dimensions, passMark: rubric.passMark },
    panelSize: typeof rules.panelSize === 'number' ? rules.panelSize : 0,
    requiredMaterials: required,
  };
}
