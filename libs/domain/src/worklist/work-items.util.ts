import type { Principal } from '../access-policy.util';
import type { AccreditationSnapshot } from '../accreditation/accreditation.logic';
import { eventsForRole } from '../accreditation/accreditation.logic';
import { AccreditationEventType as E, AccreditationState as S } from '../accreditation/accreditation.types';
import { isWithin } from '../jurisdiction.util';
import { pilotRankingProblem, type PilotRankingStanding } from '../pilot.util';
import { Role } from '../roles';
import {
  DisbursementEventType as D,
  type DisbursementContext,
  DisbursementState,
} from '../subsidy/disbursement.machine';
import { addCalendarDays, chinaDate, startOfChinaDay, type WorkingCalendar } from '../working-calendar.util';

/**
 * Time limits per step, in working days (a programme's `timeLimits`); null = no limit for that step. The steps
 * are the ones somebody waits on (see WAITING_EVENTS below).
 */
export interface TimeLimits {
  /** 初审: the regulator's preliminary review */
  preliminaryReview: number | null;
  /** 退回补正: the applicant's answer to a request for revision */
  revisionRequested: number | null;
  /** 复核 */
  recheck: number | null;
  /** 验收: the regulator organises the panel and decides; each evaluator scores within the same limit */
  acceptance: number | null;
  /** 公示期满 → 认定: the decision after the notice closed */
  noticeClosed: number | null;
  /** 经办: a finance officer of the paying bureau verifies a new entitlement */
  disbursementVerify: number | null;
  /** 审批: a second officer approves */
  disbursementApprove: number | null;
}

/** The defaults every programme starts with (the seeds' Qingdao workflow: 初审 10, 复核 5, 验收 15 working days). */
export const DEFAULT_TIME_LIMITS: TimeLimits = {
  preliminaryReview: 10,
  revisionRequested: 20,
  recheck: 5,
  acceptance: 15,
  noticeClosed: 5,
  disbursementVerify: 5,
  disbursementApprove: 5,
};

/** A programme's limits with the defaults filled in for any step it does not set (older rows, partial input). */
export function timeLimitsOf(stored: Partial<TimeLimits> | null | undefined): TimeLimits {
  const given = Object.entries(stored ?? {}).filter(([k, v]) => k in DEFAULT_TIME_LIMITS && v !== undefined);
  return { ...DEFAULT_TIME_LIMITS, ...Object.fromEntries(given) };
}

/**
 * Who may act on a work item: everyone of a role whose jurisdiction contains `path` (`exact`: only the bureau at
 * `path` itself, as for money decisions), except `excludedUserIds` (four eyes); or an organisation's users; or one
 * user.
 */
export type Audience =
  | { kind: 'scope'; role: Role; path: string; exact: boolean; excludedUserIds: readonly string[] }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'user'; userId: string };

/** One open work item as the rules want it: its step, who may act, the limit that sets its due date. */
export interface WorkItemSpec {
  step: string;
  audience: Audience;
  limit: keyof TimeLimits | null;
  /** an instant the step itself sets (a returned application's lapse), in place of the limit's due date */
  dueAt?: string;
  /** the next steps this audience may take (what the item offers) */
  nextSteps: readonly string[];
}

/**
 * The events somebody waits on, by application state. Left out on purpose (nobody "waits" on them, though they are
 * allowed): WITHDRAW and UPDATE_MATERIALS (the applicant may always), FILE_OBJECTION (the public), CLOSE_NOTICE (the
 * system's timer), REVOKE (a designated title is not pending), REJECT during the public notice (the notice runs;
 * only a ruling on an objection is awaited), and an evaluator's SUBMIT_SCORE or DECLARE_CONFLICT once their score
 * sheet is in (a correction, not a wait).
 */
export const WAITING_EVENTS: Partial<Record<S, readonly E[]>> = {
  [S.Draft]: [E.Submit],
  [S.PreliminaryReview]: [E.PassPreliminary, E.RequestRevision, E.Reject],
  [S.RevisionRequested]: [E.Resubmit],
  [S.Recheck]: [E.PassRecheck, E.RequestRevision, E.Reject],
  [S.Acceptance]: [E.AssignEvaluator, E.OpenPublicNotice, E.Reject, E.SubmitScore, E.DeclareConflict],
  [S.PublicNotice]: [E.RuleObjection],
  [S.NoticeClosed]: [E.Designate, E.Reject],
};

/**
 * Whether an allowed event counts as something `actorId` waits on: one of WAITING_EVENTS of the state, and for an
 * evaluator only while their own score sheet is not in.
 */
export function countsAsWaiting(snapshot: AccreditationSnapshot, type: E, actorId: string | null): boolean {
  if (!(WAITING_EVENTS[snapshot.state] ?? []).includes(type)) return false;
  if (type === E.SubmitScore || type === E.DeclareConflict) {
    return snapshot.context.panel.some((m) => m.evaluatorId === actorId && m.status === 'active' && m.scores === null);
  }
  return true;
}

/**
 * The disbursement events somebody waits on, by state (RETRY and CANCEL of a failed payment only once the queue no
 * longer retries it by itself).
 */
export function disbursementWaitingEvents(state: DisbursementState, context: DisbursementContext): D[] {
  switch (state) {
    case DisbursementState.PendingApproval:
      return [D.Verify];
    case DisbursementState.Verified:
      return [D.Approve];
    case DisbursementState.Failed:
      return context.autoRetry ? [] : [D.Retry, D.Cancel];
    default:
      return [];
  }
}

const REGULATOR_LIMIT: Partial<Record<S, keyof TimeLimits>> = {
  [S.PreliminaryReview]: 'preliminaryReview',
  [S.Recheck]: 'recheck',
  [S.Acceptance]: 'acceptance',
  [S.NoticeClosed]: 'noticeClosed',
};

/** The deepest jurisdiction both paths lie in (paths are `/CN/370000/370200/`): regulators above it may act. */
export function commonPath(a: string, b: string): string {
  const x = a.split('/');
  const y = b.split('/');
  const out: string[] = [];
  for (let i = 0; i < Math.min(x.length, y.length) && x[i] === y[i]; i++) out.push(x[i]);
  const joined = out.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** What an application needs for its work items (its scope as access-policy's ApplicationScope has it). */
export interface ApplicationWorkFacts {
  snapshot: AccreditationSnapshot;
  organisationId: string;
  jurisdictionPath: string;
  programmeJurisdictionPath: string;
  /** the bureau that pre-reviews instead of the programme's (access-policy's ApplicationScope.preReviewPath) */
  preReviewPath?: string | null;
  /** a pilot application's standing with its province's ranked list (access-policy's ApplicationScope.pilotRanking) */
  pilotRanking?: PilotRankingStanding | null;
}

/**
 * The open work items of an application in its current state. Regulators act when both the application and the
 * programme lie in their jurisdiction (canSeeApplication and actingProblem), so the scope is the two paths' common
 * ancestor; the applicant's organisation answers drafts and revision requests; each active evaluator who has not
 * scored has an item of their own. test/work-items-agreement.int-spec.ts checks this against the engine's guards.
 */
export function applicationWorkItems(a: ApplicationWorkFacts): WorkItemSpec[] {
  const { snapshot } = a;
  const state = snapshot.state;
  // a national pilot step waits for the province's ranked list (pilotRankingProblem), and the notice opens with the
  // national list, not per application
  const regulatorSteps = eventsForRole(snapshot, Role.Regulator).filter(
    (t) =>
      pilotRankingProblem(Role.Regulator, { ...a, state }, t) === null &&
      !(a.preReviewPath && t === E.OpenPublicNotice),
  );
  const nationalWait = a.preReviewPath && a.pilotRanking && a.pilotRanking !== 'ranked';
  // a national pilot programme's pre-review and re-check are its province's alone (actingProblem)
  const preReview = a.preReviewPath && (state === S.PreliminaryReview || state === S.Recheck) ? a.preReviewPath : null;
  const scope = (limit: keyof TimeLimits | null, excludedUserIds: string[] = []): WorkItemSpec => ({
    step: state,
    audience: {
      kind: 'scope',
      role: Role.Regulator,
      path: preReview ?? commonPath(a.jurisdictionPath, a.programmeJurisdictionPath),
      exact: preReview !== null,
      excludedUserIds,
    },
    limit,
    nextSteps: regulatorSteps,
  });
  const organisation = (limit: keyof TimeLimits | null): WorkItemSpec => ({
    step: state,
    audience: { kind: 'organisation', organisationId: a.organisationId },
    limit,
    nextSteps: eventsForRole(snapshot, Role.Applicant),
  });
  switch (state) {
    case S.Draft:
      return [organisation(null)];
    case S.RevisionRequested: {
      // the lapse deadline (review discipline) is the due date when the programme sets one
      const lapse = snapshot.context.revisionDueAt;
      return [lapse ? { ...organisation(null), dueAt: lapse } : organisation('revisionRequested')];
    }
    case S.Recheck: {
      // 复核 by a second regulator: whoever passed the preliminary review is not waited on (SAME_REVIEWER)
      const first = snapshot.context.preliminaryReviewerId;
      const second = snapshot.context.rules.recheckBySecondRegulator !== false && first;
      return [scope('recheck', second ? [first] : [])];
    }
    case S.PreliminaryReview:
      return [scope(REGULATOR_LIMIT[state]!)];
    case S.NoticeClosed:
      // a pilot application its province left off its list waits for its rejection; one not ranked yet for nobody
      return a.preReviewPath && a.pilotRanking === 'awaiting' ? [] : [scope(REGULATOR_LIMIT[state]!)];
    case S.Acceptance:
      return [
        ...(a.preReviewPath && a.pilotRanking === 'awaiting' ? [] : [scope('acceptance')]),
        ...snapshot.context.panel
          .filter((m) => m.status === 'active' && m.scores === null)
          .map((m): WorkItemSpec => ({
            step: 'acceptance.score',
            audience: { kind: 'user', userId: m.evaluatorId },
            limit: 'acceptance',
            nextSteps: eventsForRole(snapshot, Role.Evaluator),
          })),
      ];
    case S.PublicNotice:
      return !nationalWait && snapshot.context.objections.some((o) => o.status === 'open') ? [scope(null)] : [];
    default:
      return [];
  }
}

/** What a disbursement needs for its work items. */
export interface DisbursementWorkFacts {
  state: DisbursementState;
  context: DisbursementContext;
  /** the paying bureau */
  jurisdictionPath: string;
}

/**
 * The open work items of a disbursement: 经办 (VERIFY) and 审批 (APPROVE) belong to the finance officers of the
 * paying bureau itself, and APPROVE to none of those four eyes exclude (who verified, created or last changed it);
 * a failed payment the queue no longer retries waits for finance of the bureau or above (RETRY or CANCEL). Left out:
 * CANCEL while it waits for a decision, RETRY of an approved or paying payment (the system is at work), the
 * applicant's PAYEE_CHANGED.
 */
export function disbursementWorkItems(d: DisbursementWorkFacts): WorkItemSpec[] {
  const bureau = (exact: boolean, excludedUserIds: readonly string[]) => ({
    kind: 'scope' as const,
    role: Role.Finance,
    path: d.jurisdictionPath,
    exact,
    excludedUserIds,
  });
  switch (d.state) {
    case DisbursementState.PendingApproval:
      return [
        {
          step: 'disbursement.verify',
          audience: bureau(true, []),
          limit: 'disbursementVerify',
          nextSteps: [D.Verify, D.Cancel],
        },
      ];
    case DisbursementState.Verified: {
      const c = d.context;
      const excluded = [c.verifiedBy ?? null, c.createdBy, c.lastChangedBy].filter((x): x is string => x !== null);
      return [
        {
          step: 'disbursement.approve',
          audience: bureau(true, [...new Set(excluded)].sort()),
          limit: 'disbursementApprove',
          nextSteps: [D.Approve, D.Cancel],
        },
      ];
    }
    case DisbursementState.Failed:
      return d.context.autoRetry
        ? []
        : [
            {
              step: 'disbursement.failed',
              audience: bureau(false, []),
              limit: null,
              nextSteps: [D.Retry, D.Cancel],
            },
          ];
    default:
      return [];
  }
}

/** Whether a principal is in the audience: the TypeScript form of the to-do list's SQL condition. */
export function audienceIncludes(a: Audience, p: Principal): boolean {
  switch (a.kind) {
    case 'scope':
      return (
        p.role === a.role &&
        p.jurisdictionPath !== null &&
        (a.exact ? a.path === p.jurisdictionPath : isWithin(a.path, p.jurisdictionPath)) &&
        (p.id === null || !a.excludedUserIds.includes(p.id))
      );
    case 'organisation':
      return p.role === Role.Applicant && p.organisationId === a.organisationId;
    case 'user':
      return p.id === a.userId;
  }
}

/**
 * When an item that entered its step at `enteredAt` is due: at the end (24:00 China time) of the `workingDays`-th
 * working day after the day it entered (weekends and holidays do not count, make-up working days do).
 */
export function dueAt(calendar: WorkingCalendar, enteredAt: Date, workingDays: number): Date {
  const { date } = calendar.addWorkingDays(chinaDate(enteredAt), workingDays);
  return startOfChinaDay(addCalendarDays(date, 1));
}

/**
 * Working days left until `due` seen at `now`: the working days after today up to and including the due day's
 * last working day; 0 on the last day; negative (working days late, at least -1) once overdue.
 */
export function workingDaysLeft(calendar: WorkingCalendar, now: Date, due: Date): number {
  const today = chinaDate(now);
  const lastDay = addCalendarDays(chinaDate(due), -1);
  if (now.getTime() < due.getTime()) return calendar.workingDaysBetween(today, lastDay);
  return -Math.max(1, calendar.workingDaysBetween(lastDay, today));
}
