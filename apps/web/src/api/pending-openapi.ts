// What the API's OpenAPI document does not describe yet (an object without properties, a nullable field without a
// type: openapi-typescript makes them `Record<string, never>`). The truthful OpenAPI being written in parallel
// (issue 11) describes them; after that merge this file goes and its users take the generated types. Nothing here
// is a request type; these are read-only views of fields the document leaves open, checked where they are read.
import type { components } from './client';

/** LoginResult.user, as GET /auth/login answers it. */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: 'applicant' | 'regulator' | 'evaluator' | 'finance' | 'admin';
  jurisdictionCode: string | null;
  organisationId: string | null;
  mustChangePassword: boolean;
}

/** ApplicationDetailView.rules. */
export interface RubricDimension {
  key: string;
  name: string;
  weight: number;
  maxScore: number;
}
export interface Rubric {
  dimensions: RubricDimension[];
  passMark: number;
}
export interface Rules {
  rubric: Rubric;
  panelSize: number;
  requiredMaterials: string[];
}

export const signedInUser = (r: components['schemas']['LoginResult']): SignedInUser =>
  r.user as unknown as SignedInUser;
export const rulesOf = (rules: unknown): Rules | null => {
  const r = rules as Partial<Rules> | null;
  return r && Array.isArray(r.rubric?.dimensions) && Array.isArray(r.requiredMaterials) ? (r as Rules) : null;
};
/** A nullable scalar field the document types as an empty object: its text, or null. */
export const scalar = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'object' ? null : String(v);

/**
 * The document marks the optional If-Match header as required on the routes that take a version; the console sends
 * the version in the body, and openapi-fetch leaves an undefined header out.
 */
export const NO_IF_MATCH = { 'If-Match': undefined } as unknown as { 'If-Match': string };
