import { DimensionScores } from '../rubric-scoring.util';
import { AccreditationEventType as E, ObjectionDecision } from './accreditation.types';

/** One document of an application, as the applicant lists it. */
export interface MaterialRecord {
  key: string;
  title: string;
  /** where the document is kept (document store key or URL) */
  reference: string;
}

/** An event as a client sends it: the type plus the fields that event takes. Server facts are never here. */
export interface EventCommand {
  type: E;
  reason?: string;
  evaluatorId?: string;
  scores?: DimensionScores;
  comment?: string;
  objectionId?: string;
  decision?: ObjectionDecision;
  filerName?: string;
  filerOrganisation?: string;
  filerContact?: string;
  materials?: MaterialRecord[];
  /** REVOKE: the administrative penalty decision's reference (行政处罚决定书文号) */
  penaltyReference?: string;
  /** REVOKE: where the penalty is published in the credit system (国家企业信用信息公示系统: record number or URL) */
  creditPublication?: string;
}

/** The name of a field a client may send with an event. */
export type ClientField = Exclude<keyof EventCommand, 'type'>;

/** A material list names each key once: the sentences for each key listed twice (empty when none is). */
export function materialKeyProblems(materials: readonly MaterialRecord[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const m of materials) (seen.has(m.key) ? twice : seen).add(m.key);
  return [...twice].map((key) => `materials: key '${key}' appears twice`);
}
