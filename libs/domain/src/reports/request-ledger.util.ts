import { DomainError, DomainErrorCode } from '../domain-error';

/**
 * The enterprise request ledger (诉求台账, seed 001 §4): a request or complaint about trade-secret protection, recorded
 * by staff or submitted by the enterprise, assigned to a regulator, answered, and closed with the feedback the
 * enterprise reads. Flagging it as an enforcement lead (线索) is possible in any state.
 */
export enum RequestState {
  /** 已登记 */
  Received = 'received',
  /** 已分派 */
  Assigned = 'assigned',
  /** 已答复 */
  Answered = 'answered',
  /** 已办结 */
  Closed = 'closed',
}

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  [RequestState.Received]: '已登记',
  [RequestState.Assigned]: '已分派',
  [RequestState.Answered]: '已答复',
  [RequestState.Closed]: '已办结',
};

export enum RequestEvent {
  Record = 'record',
  Assign = 'assign',
  Answer = 'answer',
  Close = 'close',
  FlagLead = 'flag_lead',
  UnflagLead = 'unflag_lead',
}

/** Who recorded it: the enterprise itself or a regulator on its behalf (a call, a visit, a symposium). */
export enum RequestSource {
  Enterprise = 'enterprise',
  Staff = 'staff',
}

/** From which states each event may be sent; the state it leads to (null: stays). */
const TRANSITIONS: Record<
  Exclude<RequestEvent, RequestEvent.Record>,
  { from: readonly RequestState[]; to: RequestState | null }
> = {
  [RequestEvent.Assign]: { from: [RequestState.Received, RequestState.Assigned], to: RequestState.Assigned },
  [RequestEvent.Answer]: { from: [RequestState.Assigned, RequestState.Answered], to: RequestState.Answered },
  [RequestEvent.Close]: { from: [RequestState.Answered], to: RequestState.Closed },
  [RequestEvent.FlagLead]: { from: Object.values(RequestState), to: null },
  [RequestEvent.UnflagLead]: { from: Object.values(RequestState), to: null },
};

/** The events a request in `state` accepts. */
export function requestEventsFrom(state: RequestState): RequestEvent[] {
  return (Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]).filter((e) => TRANSITIONS[e].from.includes(state));
}

/** The state after `event`, or 409 naming the state and the events it allows. */
export function requestTransition(
  state: RequestState,
  event: Exclude<RequestEvent, RequestEvent.Record>,
): RequestState {
  const t = TRANSITIONS[event];
  if (!t.from.includes(state))
    throw new DomainError(DomainErrorCode.EventNotAllowed, `a request that is ${state} cannot take ${event}`, {
      state,
      allowed: requestEventsFrom(state),
    });
  return t.to ?? state;
}
