import { DomainError, DomainErrorCode } from '../domain-error';
import { DimensionScores } from '../rubric-scoring.util';
import { AccreditationEventType as E, ObjectionDecision } from './accreditation.types';

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
  filerContact?: string;
}

type Field = Exclude<keyof EventCommand, 'type'>;

/** Which client fields each event requires and which it accepts besides. */
export const EVENT_FIELDS: Record<E, { required: readonly Field[]; optional: readonly Field[] }> = {
  [E.Submit]: { required: [], optional: ['comment'] },
  [E.RequestRevision]: { required: ['reason'], optional: [] },
  [E.Resubmit]: { required: [], optional: ['comment'] },
  [E.PassPreliminary]: { required: [], optional: ['comment'] },
  [E.PassRecheck]: { required: [], optional: ['comment'] },
  [E.AssignEvaluator]: { required: ['evaluatorId'], optional: [] },
  [E.DeclareConflict]: { required: ['reason'], optional: [] },
  [E.SubmitScore]: { required: ['scores'], optional: ['comment'] },
  [E.OpenPublicNotice]: { required: [], optional: ['comment'] },
  [E.FileObjection]: { required: ['reason', 'filerName', 'filerContact'], optional: [] },
  [E.RuleObjection]: { required: ['objectionId', 'decision', 'reason'], optional: [] },
  [E.CloseNotice]: { required: [], optional: [] },
  [E.Designate]: { required: [], optional: ['comment'] },
  [E.Reject]: { required: ['reason'], optional: [] },
  [E.Withdraw]: { required: [], optional: ['reason'] },
  [E.Revoke]: { required: ['reason'], optional: [] },
};

/**
 * Throws a 400-type DomainError naming the fields that are missing or do not belong to this event. A blank text
 * (only spaces) counts as missing: a rejection "because    " gives no reason.
 */
export function checkEventFields(command: EventCommand): void {
  const spec = EVENT_FIELDS[command.type];
  const present = (Object.keys(command) as (keyof EventCommand)[]).filter((k) => {
    const v = command[k];
    return k !== 'type' && v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
  }) as Field[];
  const missing = spec.required.filter((f) => !present.includes(f));
  const extra = present.filter((f) => !spec.required.includes(f) && !spec.optional.includes(f));
  const problems = [
    ...missing.map((f) => `${f} is required for ${command.type}`),
    ...extra.map((f) => `${f} is not used by ${command.type}`),
  ];
  if (problems.length > 0) {
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: [...missing, ...extra] });
  }
}
