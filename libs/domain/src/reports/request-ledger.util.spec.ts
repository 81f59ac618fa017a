import { DomainErrorCode } from '../domain-error';
import { RequestEvent as E, requestEventsFrom, RequestState as S, requestTransition } from './request-ledger.util';

describe('the request ledger', () => {
  it('goes received → assigned → answered → closed', () => {
    expect(requestTransition(S.Received, E.Assign)).toBe(S.Assigned);
    expect(requestTransition(S.Assigned, E.Answer)).toBe(S.Answered);
    expect(requestTransition(S.Answered, E.Close)).toBe(S.Closed);
  });

  it('flags a lead in any state without moving it', () => {
    for (const s of Object.values(S)) expect(requestTransition(s, E.FlagLead)).toBe(s);
  });

  it('refuses closing an unanswered request, naming the state and the allowed events', () => {
    expect(() => requestTransition(S.Received, E.Close)).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.EventNotAllowed,
        details: { state: S.Received, allowed: [E.Assign, E.FlagLead, E.UnflagLead] },
      }),
    );
    expect(requestEventsFrom(S.Closed)).toEqual([E.FlagLead, E.UnflagLead]);
  });
});
