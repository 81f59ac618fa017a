import {
  DisbursementEvent,
  DisbursementEventType as D,
  DisbursementSnapshot,
  DisbursementState,
  Principal,
} from '@app/domain';
import { JobRequest, notifyEventJob, payDisbursementJob } from '@app/queue';
import { DisbursementEntity } from './disbursement.entity';

type EventOf<T extends D> = Extract<DisbursementEvent, { type: T }>;

/** What the server knows when it writes an accepted disbursement event. */
export interface DisbursementWrite<T extends D> {
  disbursement: DisbursementEntity;
  event: EventOf<T>;
  principal: Principal;
  next: DisbursementSnapshot;
  /** the disbursement's version after the event */
  version: number;
  at: Date;
}

/** The server side of one disbursement event: the columns it sets besides state and context, and its jobs. */
export interface DisbursementEventSpec<T extends D> {
  columns?(w: DisbursementWrite<T>): Partial<DisbursementEntity>;
  jobs?(w: DisbursementWrite<T>): JobRequest[];
  /** someone hears of it (libs/notifications decides who): a notify-event job goes into the outbox with the row */
  notify?: true;
}

/**
 * Every disbursement event's writes, one entry each: a mapped type over the event union, so an event without an
 * entry does not compile. The machine (libs/domain/src/subsidy/disbursement.machine.ts) decides whether the event
 * is allowed and the next state; the engine writes the row, its history and these columns and jobs together.
 */
export const DISBURSEMENT_EVENTS: { [T in D]: DisbursementEventSpec<T> } = {
  // the payee checked is fixed by the engine (DisbursementEngine.decideMany) with the officer's decision
  [D.Verify]: {
    columns: (w) => ({ verifiedBy: w.principal.id, verifiedAt: w.at }),
    notify: true,
  },
  [D.Approve]: {
    columns: (w) => ({ approvedBy: w.principal.id, approvedAt: w.at }),
    jobs: (w) => [payDisbursementJob(w.disbursement.id, w.version)], // one job id per approval
  },
  [D.StartPayment]: {},
  [D.PaymentSucceeded]: {
    columns: (w) => ({ bankReference: w.event.bankReference, paidAt: w.at, lastError: null }),
    notify: true,
  },
  [D.PaymentFailed]: {
    columns: (w) => ({ lastError: w.event.error }),
    notify: true,
  },
  [D.Retry]: {
    // back to approval: this round's verification is void
    columns: (w) => (w.next.state === DisbursementState.PendingApproval ? unverified : {}),
    // a stuck payment re-queued by finance: a job id of the new version, which BullMQ has never seen; a failed one
    // goes back to approval and is queued when approved again
    jobs: (w) =>
      w.next.state === DisbursementState.PendingApproval ? [] : [payDisbursementJob(w.disbursement.id, w.version)],
    notify: true,
  },
  [D.Cancel]: { notify: true },
  [D.PayeeChanged]: { columns: () => unverified },
};

/** A disbursement sent back to verification: the last round's verifier no longer stands. */
const unverified: Partial<DisbursementEntity> = { verifiedBy: null, verifiedAt: null };

/** The columns and jobs of an accepted event, from its entry. */
export function disbursementWrites(w: DisbursementWrite<D>): {
  columns: Partial<DisbursementEntity>;
  jobs: JobRequest[];
} {
  const spec = DISBURSEMENT_EVENTS[w.event.type] as DisbursementEventSpec<D>;
  const jobs = spec.jobs?.(w) ?? [];
  if (spec.notify) jobs.push(notifyEventJob('disbursement', w.disbursement.id, w.version));
  return { columns: spec.columns?.(w) ?? {}, jobs };
}
