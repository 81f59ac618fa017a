import {
  AccreditationEventType as E,
  DomainError,
  DomainErrorCode,
  type ObjectionDecision,
  Principal,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { FireResult, WorkflowEngine } from './workflow-engine.service';

export interface BulkRuling {
  objectionIds: string[];
  decision: ObjectionDecision;
  reason: string;
}

/** The most objections one bulk ruling takes. */
export const BULK_RULING_LIMIT = 500;

/**
 * The regulator rules on several identical objections at once (typically a first objection and the duplicates
 * recorded against it): one RULE_OBJECTION per objection, in the order given, in one transaction, each with its own
 * ruling and history row; the first at the version the regulator read. Any refusal (an objection already ruled or
 * of another application, a stale version) writes nothing. Upholding an objection rejects the application, after
 * which no further ruling is taken, so a bulk ruling that upholds names exactly one objection.
 */
@Injectable()
export class RuleObjectionsUseCase {
  constructor(private readonly engine: WorkflowEngine) {}

  async execute(
    principal: Principal,
    applicationId: string,
    ruling: BulkRuling,
    expectedVersion: number | null,
  ): Promise<FireResult[]> {
    const ids = ruling.objectionIds;
    if (ids.length === 0 || ids.length > BULK_RULING_LIMIT) {
      throw invalid('objectionIds', `objectionIds must list 1 to ${BULK_RULING_LIMIT} objections`);
    }
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) throw invalid('objectionIds', `objectionIds lists ${[...new Set(twice)].join(', ')} twice`);
    if (ruling.decision === 'upheld' && ids.length > 1) {
      throw invalid(
        'decision',
        'upholding an objection rejects the application: uphold one objection (the others need no ruling then)',
      );
    }
    return this.engine.fireAll(
      applicationId,
      principal,
      ids.map((objectionId) => ({
        type: E.RuleObjection,
        objectionId,
        decision: ruling.decision,
        reason: ruling.reason,
      })),
      { expectedVersion },
    );
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.ValidationFailed, message, { fields: [field] });
}
