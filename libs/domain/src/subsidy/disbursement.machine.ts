import { and, assign, setup, transition } from 'xstate';
import { DomainError, DomainErrorCode } from '../domain-error';
import { formatYuan } from '../money.util';
import { Actor, Role } from '../roles';

/** The life of one subsidy payment. */
export enum DisbursementState {
  /** entitled: waiting for a finance officer of the paying bureau to check entitlement and payee (经办) */
  PendingApproval = 'pending_approval',
  /** checked (经办): waiting for a second finance officer to approve (审批) */
  Verified = 'verified',
  Approved = 'approved',
  Paying = 'paying',
  Paid = 'paid',
  Failed = 'failed',
  Cancelled = 'cancelled',
}

export enum DisbursementEventType {
  /** 经办: a finance officer of the paying bureau checks the entitlement and the payee */
  Verify = 'VERIFY',
  /** 审批: a second finance officer of the paying bureau approves; the payment is queued */
  Approve = 'APPROVE',
  StartPayment = 'START_PAYMENT',
  PaymentSucceeded = 'PAYMENT_SUCCEEDED',
  PaymentFailed = 'PAYMENT_FAILED',
  Retry = 'RETRY',
  Cancel = 'CANCEL',
  /** the organisation's bank account changed after verification or approval: the payee is verified and approved again */
  PayeeChanged = 'PAYEE_CHANGED',
}

export interface DisbursementContext {
  attempts: number;
  /** a failed payment the queue will try again by itself (false after the last attempt: finance decides) */
  autoRetry: boolean;
  createdBy: string | null;
  lastChangedBy: string | null;
  /**
   * the finance officer who verified it in the current round (null while it waits for verification; a payee change
   * or a retry after failure clears it, so the next approval needs a new verification). Absent in snapshots made
   * before verification existed: read as null.
   */
  verifiedBy?: string | null;
}

/**
 * Server facts of a money decision (VERIFY, APPROVE): the jurisdiction path of the bureau that pays and that of the
 * acting officer. Only officers of the paying bureau itself decide, not those of a bureau above it who may read it.
 */
export interface BureauFacts {
  payingBureau: string;
  actorBureau: string | null;
}

type Base<T extends DisbursementEventType> = { type: T; actor: Actor };
export type DisbursementEvent =
  | (Base<DisbursementEventType.Verify> & BureauFacts)
  | (Base<DisbursementEventType.Approve> & BureauFacts)
  | Base<DisbursementEventType.StartPayment>
  | (Base<DisbursementEventType.PaymentSucceeded> & { bankReference: string })
  | (Base<DisbursementEventType.PaymentFailed> & { error: string; final: boolean })
  | (Base<DisbursementEventType.Retry> & { reason?: string })
  | (Base<DisbursementEventType.Cancel> & { reason: string })
  | (Base<DisbursementEventType.PayeeChanged> & { reason: string });

const EVENT_ROLES: Record<DisbursementEventType, readonly Role[]> = {
  [DisbursementEventType.Verify]: [Role.Finance],
  [DisbursementEventType.Approve]: [Role.Finance],
  [DisbursementEventType.StartPayment]: [Role.System],
  [DisbursementEventType.PaymentSucceeded]: [Role.System],
  [DisbursementEventType.PaymentFailed]: [Role.System],
  [DisbursementEventType.Retry]: [Role.Finance],
  // the system cancels when a title is revoked
  [DisbursementEventType.Cancel]: [Role.Finance, Role.System],
  // the applicant who changes the account, or the payment that finds it changed
  [DisbursementEventType.PayeeChanged]: [Role.Applicant, Role.System],
};

/**
 * Four eyes (经办 → 审批): the officer who verified a disbursement does not approve it, nor does whoever created or
 * last changed it. Answers the rule broken, or null.
 */
export function fourEyesProblem(context: DisbursementContext, actor: Actor): string | null {
  if (actor.id === null) return null;
  if (actor.id === (context.verifiedBy ?? null)) {
    return 'four eyes: you verified this disbursement (经办), so another finance officer of the paying bureau must approve it (审批)';
  }
  if (actor.id === context.createdBy || actor.id === context.lastChangedBy) {
    return 'four eyes: you created or last changed this disbursement, so another finance officer must approve it';
  }
  return null;
}

/** Money decisions belong to the paying bureau's own finance officers. Answers the rule broken, or null. */
export function payingBureauProblem(event: BureauFacts & { type: DisbursementEventType }): string | null {
  if (event.actorBureau !== null && event.actorBureau === event.payingBureau) return null;
  return `${event.type} is for the finance officers of the paying bureau only`;
}

/**
 * The budget rule: approving `amountFen` must fit in what the programme's budget has left. Throws
 * BUDGET_EXCEEDED naming both amounts in yuan.
 */
export function assertWithinBudget(amountFen: number, remainingFen: number): void {
  if (amountFen <= remainingFen) return;
  const left = Math.max(remainingFen, 0);
  throw new DomainError(
    DomainErrorCode.BudgetExceeded,
    `approving ${formatYuan(amountFen)} yuan would exceed the programme budget: ${formatYuan(left)} yuan remain`,
    { remainingFen: left, amountFen },
  );
}

export const disbursementMachine = setup({
  types: {
    context: {} as DisbursementContext,
    events: {} as DisbursementEvent,
    input: {} as { createdBy: string | null },
  },
  guards: {
    role: ({ event }) => EVENT_ROLES[event.type].includes(event.actor.role),
    fourEyes: ({ context, event }) => fourEyesProblem(context, event.actor) === null,
    payingBureau: ({ event }) => 'payingBureau' in event && payingBureauProblem(event) === null,
    autoRetry: ({ context }) => context.autoRetry,
    finalFailure: ({ event }) => event.type === DisbursementEventType.PaymentFailed && event.final,
  },
  actions: {
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    retryLater: assign({ autoRetry: true }),
    waitForFinance: assign({ autoRetry: false }),
    changedBy: assign({ lastChangedBy: ({ context, event }) => event.actor.id ?? context.lastChangedBy }),
    verifiedBy: assign({ verifiedBy: ({ event }) => event.actor.id }),
    unverified: assign({ verifiedBy: null }),
  },
}).createMachine({
  id: 'disbursement',
  initial: DisbursementState.PendingApproval,
  context: ({ input }) => ({
    attempts: 0,
    autoRetry: false,
    createdBy: input.createdBy,
    lastChangedBy: input.createdBy,
    verifiedBy: null,
  }),
  states: {
    [DisbursementState.PendingApproval]: {
      on: {
        VERIFY: {
          target: DisbursementState.Verified,
          guard: and(['role', 'payingBureau']),
          actions: ['verifiedBy', 'changedBy'],
        },
        CANCEL: { target: DisbursementState.Cancelled, guard: 'role', actions: 'changedBy' },
      },
    },
    [DisbursementState.Verified]: {
      on: {
        APPROVE: {
          target: DisbursementState.Approved,
          guard: and(['role', 'payingBureau', 'fourEyes']),
          actions: 'changedBy',
        },
        CANCEL: { target: DisbursementState.Cancelled, guard: 'role', actions: 'changedBy' },
        // the payee checked is no longer the organisation's account: it is verified again
        PAYEE_CHANGED: {
          target: DisbursementState.PendingApproval,
          guard: 'role',
          actions: ['unverified', 'changedBy'],
        },
      },
    },
    [DisbursementState.Approved]: {
      on: {
        START_PAYMENT: { target: DisbursementState.Paying, guard: 'role', actions: 'countAttempt' },
        CANCEL: { target: DisbursementState.Cancelled, guard: 'role', actions: 'changedBy' },
        PAYEE_CHANGED: {
          target: DisbursementState.PendingApproval,
          guard: 'role',
          actions: ['unverified', 'changedBy'],
        },
        // finance re-queues a payment that never started (a new job; the approval stands)
        RETRY: { target: DisbursementState.Approved, guard: 'role', actions: 'changedBy' },
      },
    },
    [DisbursementState.Paying]: {
      on: {
        PAYMENT_SUCCEEDED: { target: DisbursementState.Paid, guard: 'role' },
        // a payment stuck with its outcome unknown: finance re-queues it (the job asks the bank first), or cancels
        // it once the bank has said it does not know the reference
        RETRY: { target: DisbursementState.Paying, guard: 'role', actions: 'changedBy' },
        CANCEL: { target: DisbursementState.Cancelled, guard: 'role', actions: 'changedBy' },
        PAYMENT_FAILED: [
          { target: DisbursementState.Failed, guard: 'finalFailure', actions: 'waitForFinance' },
          { target: DisbursementState.Failed, guard: 'role', actions: 'retryLater' },
        ],
      },
    },
    [DisbursementState.Failed]: {
      on: {
        START_PAYMENT: { target: DisbursementState.Paying, guard: 'autoRetry', actions: 'countAttempt' },
        RETRY: {
          target: DisbursementState.PendingApproval,
          guard: 'role',
          actions: ['waitForFinance', 'unverified', 'changedBy'],
        },
        CANCEL: { target: DisbursementState.Cancelled, guard: 'role', actions: ['waitForFinance', 'changedBy'] },
      },
    },
    [DisbursementState.Paid]: { type: 'final' },
    [DisbursementState.Cancelled]: { type: 'final' },
  },
});

export interface DisbursementSnapshot {
  state: DisbursementState;
  context: DisbursementContext;
}

export function startDisbursement(createdBy: string | null): DisbursementSnapshot {
  return {
    state: DisbursementState.PendingApproval,
    context: { attempts: 0, autoRetry: false, createdBy, lastChangedBy: createdBy, verifiedBy: null },
  };
}

/** Applies one event or throws a DomainError that names what is allowed instead. */
export function applyDisbursementEvent(s: DisbursementSnapshot, event: DisbursementEvent): DisbursementSnapshot {
  const snapshot = disbursementMachine.resolveState({ value: s.state, context: s.context });
  const accepted = [...new Set(snapshot._nodes.flatMap((n) => n.ownEvents))];
  if (!accepted.includes(event.type)) {
    throw new DomainError(
      DomainErrorCode.EventNotAllowed,
      `${event.type} is not allowed for a disbursement in state ${s.state}; allowed: ${accepted.join(', ') || 'none (final state)'}`,
      { state: s.state, allowedEvents: accepted },
    );
  }
  if (!EVENT_ROLES[event.type].includes(event.actor.role)) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      `${event.type} can only be done by ${EVENT_ROLES[event.type].join(' or ')}`,
    );
  }
  if (event.type === DisbursementEventType.Verify || event.type === DisbursementEventType.Approve) {
    const problem = payingBureauProblem(event);
    if (problem) throw new DomainError(DomainErrorCode.Forbidden, problem);
  }
  if (event.type === DisbursementEventType.Approve) {
    const problem = fourEyesProblem(s.context, event.actor);
    if (problem) throw new DomainError(DomainErrorCode.FourEyes, problem);
  }
  if (disbursementMachine.getTransitionData(snapshot, event).length === 0) {
    throw new DomainError(
      DomainErrorCode.GuardFailed,
      `${event.type} refused in state ${s.state}: the payment is waiting for finance to retry or cancel it`,
    );
  }
  const [next] = transition(disbursementMachine, snapshot, event);
  return { state: next.value as DisbursementState, context: next.context };
}

export const DISBURSEMENT_OPEN_STATES: readonly DisbursementState[] = [
  DisbursementState.PendingApproval,
  DisbursementState.Verified,
  DisbursementState.Approved,
  DisbursementState.Failed,
];

/** States whose amount counts against the budget. */
export const BUDGET_STATES: readonly DisbursementState[] = [
  DisbursementState.Approved,
  DisbursementState.Paying,
  DisbursementState.Paid,
  DisbursementState.Failed,
];
