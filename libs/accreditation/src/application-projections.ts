import { AccreditationEventType as E, chinaDate, EventOf, weightedScoreHundredths } from '@app/domain';
import { closeNoticeJob } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EvaluatorAssignmentEntity } from './evaluator-assignment.entity';
import { ObjectionEntity } from './objection.entity';
import { TransitionContext } from './transition-context';

/**
 * Keeps the query tables (panel, scores, objections, dates) in step with the machine, in the engine's
 * transaction. The machine snapshot stays the source of truth for the guards; these rows serve the queries.
 */
@Injectable()
export class ApplicationProjections {
  async apply(tx: EntityManager, t: TransitionContext): Promise<void> {
    const e = t.event;
    const appId = t.application.id;
    switch (e.type) {
      case E.Submit:
        t.columns.submittedAt = t.application.submittedAt ?? t.now;
        break;
      case E.AssignEvaluator:
        await tx.insert(EvaluatorAssignmentEntity, {
          applicationId: appId,
          evaluatorId: e.evaluatorId,
          assignedBy: t.principal.id!,
          assignedAt: t.now,
        });
        break;
      case E.DeclareConflict:
        await tx.update(
          EvaluatorAssignmentEntity,
          { applicationId: appId, evaluatorId: e.actor.id! },
          { status: 'excused', conflictReason: e.reason, excusedAt: t.now, scores: null, weightedScore: null, scoredAt: null },
        );
        break;
      case E.SubmitScore: {
        const weighted = weightedScoreHundredths(t.after.context.rules.rubric, e.scores);
        await tx.update(
          EvaluatorAssignmentEntity,
          { applicationId: appId, evaluatorId: e.actor.id! },
          { scores: e.scores, weightedScore: weighted, comment: t.command.comment ?? null, scoredAt: t.now },
        );
        t.payload.weightedScore = weighted;
        break;
      }
      case E.OpenPublicNotice: {
        const endsAt = new Date(e.noticeEndsAt);
        t.columns.noticeEndsAt = endsAt;
        t.jobs.push(closeNoticeJob(appId, t.after.context.noticeRound, endsAt));
        break;
      }
      case E.FileObjection:
        await tx.insert(ObjectionEntity, {
          id: e.objectionId,
          applicationId: appId,
          noticeRound: t.after.context.noticeRound,
          filedBy: t.principal.id,
          filerName: t.command.filerName!,
          filerContact: t.command.filerContact!,
          reason: e.reason,
        });
        break;
      case E.RuleObjection:
        await tx.update(
          ObjectionEntity,
          { id: e.objectionId, applicationId: appId },
          { status: e.decision, ruledBy: t.principal.id, rulingReason: e.reason, ruledAt: t.now },
        );
        break;
      case E.Designate:
        t.columns.designatedAt = t.now;
        t.columns.validUntil = validUntil(chinaDate(t.now), t.programme.validityYears);
        break;
      default:
        break;
    }
  }
}

/** The title's last valid day: the same calendar date `years` later, minus one day (null: until revoked). */
export function validUntil(designatedOn: string, years: number | null): string | null {
  if (years === null) return null;
  const [y, m, d] = designatedOn.split('-').map(Number);
  const end = new Date(Date.UTC(y + years, m - 1, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

export type DesignateEvent = EventOf<E.Designate>;
