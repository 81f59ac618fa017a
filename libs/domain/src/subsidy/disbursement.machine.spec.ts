import { getShortestPaths } from 'xstate/graph';
import { DomainErrorCode } from '../domain-error';
import { Role } from '../roles';
import {
  applyDisbursementEvent,
  assertWithinBudget,
  DisbursementContext,
  DisbursementEvent,
  DisbursementEventType as D,
  disbursementMachine,
  DisbursementState as S,
  startDisbursement,
} from './disbursement.machine';

const system = { id: null, role: Role.System };
const financeA = { id: 'finance-a', role: Role.Finance };
const financeB = { id: 'finance-b', role: Role.Finance };
const designator = { id: 'regulator-1', role: Role.Regulator };
const applicant = { id: 'applicant-1', role: Role.Applicant };

/** the paying bureau (Qingdao FTZ) and the city above it, whose finance office may read but not decide */
const BUREAU = {
  payingBureau: '/CN/370000/370200/370211/370211-FTZ',
  actorBureau: '/CN/370000/370200/370211/370211-FTZ',
};
const CITY = { ...BUREAU, actorBureau: '/CN/370000/370200' };
const verify = (actor: typeof financeA) => ({ type: D.Verify, actor, ...BUREAU }) as const;
const approve = (actor: typeof financeA) => ({ type: D.Approve, actor, ...BUREAU }) as const;

const EVENTS: DisbursementEvent[] = [
  verify(financeA),
  verify(financeB),
  approve(financeA),
  approve(financeB),
  { type: D.Approve, actor: designator, ...BUREAU },
  { type: D.Verify, actor: financeA, ...CITY },
  { type: D.StartPayment, actor: system },
  { type: D.PaymentSucceeded, actor: system, bankReference: 'B1' },
  { type: D.PaymentFailed, actor: system, error: 'timeout', final: false },
  { type: D.PaymentFailed, actor: system, error: 'account closed', final: true },
  { type: D.Retry, actor: financeA },
  { type: D.Cancel, actor: financeB, reason: 'unit dissolved' },
  { type: D.PayeeChanged, actor: applicant, reason: 'bank account changed' },
  { type: D.Retry, actor: financeB, reason: 'stuck at the bank' },
];

describe('disbursement machine (paths from xstate/graph)', () => {
  const paths = getShortestPaths(disbursementMachine, {
    input: { createdBy: designator.id },
    events: EVENTS,
    serializeState: (s) =>
      JSON.stringify([
        s.value,
        (s.context as DisbursementContext).autoRetry,
        (s.context as DisbursementContext).lastChangedBy,
        (s.context as DisbursementContext).verifiedBy,
      ]),
  });

  it('reaches every state', () => {
    expect(new Set(paths.map((p) => p.state.value))).toEqual(new Set(Object.values(S)));
  });

  it('replays every path through applyDisbursementEvent to the same state', () => {
    for (const p of paths) {
      const events = p.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.')) as DisbursementEvent[];
      const end = events.reduce((s, e) => applyDisbursementEvent(s, e), startDisbursement(designator.id));
      expect(end.state).toBe(p.state.value);
    }
  });
});

/** verified by `verifier`, then approved by `approver` */
const approvedBy = (approver = financeA, verifier = approver === financeA ? financeB : financeA) =>
  applyDisbursementEvent(applyDisbursementEvent(startDisbursement(designator.id), verify(verifier)), approve(approver));

describe('four eyes (经办 → 审批)', () => {
  const entitled = startDisbursement(designator.id);

  it('verification comes first: an entitled disbursement cannot be approved, only verified or cancelled', () => {
    expect(() => applyDisbursementEvent(entitled, approve(financeA))).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.EventNotAllowed,
        details: { state: 'pending_approval', allowedEvents: ['VERIFY', 'CANCEL'] },
      }),
    );
    const verified = applyDisbursementEvent(entitled, verify(financeA));
    expect(verified).toMatchObject({ state: S.Verified, context: { verifiedBy: 'finance-a' } });
  });

  it('the officer who verified cannot approve; another officer of the paying bureau can', () => {
    const verified = applyDisbursementEvent(entitled, verify(financeA));
    expect(() => applyDisbursementEvent(verified, approve(financeA))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.FourEyes, message: expect.stringMatching(/you verified/) }),
    );
    expect(applyDisbursementEvent(verified, approve(financeB))).toMatchObject({
      state: S.Approved,
      context: { verifiedBy: 'finance-a', lastChangedBy: 'finance-b' },
    });
  });

  it('the other way round too: whoever verifies, the same person is refused at approval', () => {
    const verified = applyDisbursementEvent(entitled, verify(financeB));
    expect(() => applyDisbursementEvent(verified, approve(financeB))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.FourEyes }),
    );
    expect(applyDisbursementEvent(verified, approve(financeA)).state).toBe(S.Approved);
  });

  it('only finance officers of the paying bureau itself verify and approve (not a bureau above it)', () => {
    expect(() => applyDisbursementEvent(entitled, { ...verify(financeA), ...CITY })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden, message: expect.stringMatching(/paying bureau/) }),
    );
    const verified = applyDisbursementEvent(entitled, verify(financeA));
    expect(() => applyDisbursementEvent(verified, { ...approve(financeB), ...CITY })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden }),
    );
    expect(() => applyDisbursementEvent(entitled, { ...verify(financeA), actorBureau: null })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden }),
    );
    expect(() => applyDisbursementEvent(entitled, { type: D.Verify, actor: designator, ...BUREAU })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden, message: 'VERIFY can only be done by finance' }),
    );
  });

  it('a snapshot made before verification existed (no verifiedBy) reads as not verified', () => {
    const old = {
      state: S.PendingApproval,
      context: { attempts: 0, autoRetry: false, createdBy: 'r', lastChangedBy: 'r' },
    };
    expect(applyDisbursementEvent(old, verify(financeA))).toMatchObject({ state: S.Verified });
  });
});

describe('disbursement rules', () => {
  it('a stuck payment: finance re-queues it (approved or paying stays so) or cancels one the bank never had', () => {
    const approved = approvedBy(financeA);
    const requeued = applyDisbursementEvent(approved, { type: D.Retry, actor: financeB, reason: 'no job ran' });
    expect(requeued).toMatchObject({ state: S.Approved, context: { lastChangedBy: 'finance-b', attempts: 0 } });
    const paying = applyDisbursementEvent(approved, { type: D.StartPayment, actor: system });
    const retried = applyDisbursementEvent(paying, { type: D.Retry, actor: financeA, reason: 'stuck' });
    expect(retried).toMatchObject({ state: S.Paying, context: { attempts: 1 } });
    expect(applyDisbursementEvent(retried, { type: D.Cancel, actor: financeB, reason: 'x' }).state).toBe(S.Cancelled);
    expect(() => applyDisbursementEvent(paying, { type: D.Retry, actor: system })).toThrow(/only be done by finance/);
  });

  it('counts attempts and retries by itself until the last attempt, then waits for finance', () => {
    let s = approvedBy();
    s = applyDisbursementEvent(s, { type: D.StartPayment, actor: system });
    s = applyDisbursementEvent(s, { type: D.PaymentFailed, actor: system, error: 'timeout', final: false });
    expect(s).toMatchObject({ state: S.Failed, context: { attempts: 1, autoRetry: true } });
    s = applyDisbursementEvent(s, { type: D.StartPayment, actor: system });
    s = applyDisbursementEvent(s, { type: D.PaymentFailed, actor: system, error: 'timeout', final: true });
    expect(s).toMatchObject({ state: S.Failed, context: { attempts: 2, autoRetry: false } });
    expect(() => applyDisbursementEvent(s, { type: D.StartPayment, actor: system })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.GuardFailed }),
    );
  });

  it('a failed payment sent back by finance is verified and approved again, by two officers', () => {
    let s = approvedBy(financeB, financeA);
    s = applyDisbursementEvent(s, { type: D.StartPayment, actor: system });
    s = applyDisbursementEvent(s, { type: D.PaymentFailed, actor: system, error: 'account closed', final: true });
    s = applyDisbursementEvent(s, { type: D.Retry, actor: financeA });
    expect(s).toMatchObject({ state: S.PendingApproval, context: { verifiedBy: null } });
    expect(() => applyDisbursementEvent(s, approve(financeB))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.EventNotAllowed }),
    );
    s = applyDisbursementEvent(s, verify(financeB)); // this round, the earlier approver verifies
    expect(() => applyDisbursementEvent(s, approve(financeB))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.FourEyes }),
    );
    expect(applyDisbursementEvent(s, approve(financeA)).state).toBe(S.Approved);
  });

  it('a changed bank account sends a verified or approved payment back to verification; one being paid is not redirected', () => {
    const changed = { type: D.PayeeChanged, actor: applicant, reason: 'bank account changed' } as const;
    const back = applyDisbursementEvent(approvedBy(), changed);
    expect(back).toMatchObject({
      state: S.PendingApproval,
      context: { lastChangedBy: applicant.id, verifiedBy: null },
    });
    expect(() => applyDisbursementEvent(back, approve(financeA))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.EventNotAllowed }),
    );
    expect(applyDisbursementEvent(applyDisbursementEvent(back, verify(financeB)), approve(financeA)).state).toBe(
      S.Approved,
    );
    const verified = applyDisbursementEvent(startDisbursement(designator.id), verify(financeA));
    expect(applyDisbursementEvent(verified, changed)).toMatchObject({
      state: S.PendingApproval,
      context: { verifiedBy: null },
    });
    const paying = applyDisbursementEvent(approvedBy(), { type: D.StartPayment, actor: system });
    expect(() => applyDisbursementEvent(paying, changed)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.EventNotAllowed }),
    );
    expect(() => applyDisbursementEvent(approvedBy(), { ...changed, actor: financeB })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden }),
    );
  });

  it('only finance approves; a paid disbursement cannot be cancelled', () => {
    expect(() => approvedBy(designator)).toThrow(expect.objectContaining({ code: DomainErrorCode.Forbidden }));
    let s = approvedBy();
    s = applyDisbursementEvent(s, { type: D.StartPayment, actor: system });
    s = applyDisbursementEvent(s, { type: D.PaymentSucceeded, actor: system, bankReference: 'B1' });
    expect(() => applyDisbursementEvent(s, { type: D.Cancel, actor: system, reason: 'revoked' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.EventNotAllowed, details: { state: 'paid', allowedEvents: [] } }),
    );
  });
});

describe('the budget rule', () => {
  it('lets an approval through that fits exactly, and refuses one fen more, naming both amounts in yuan', () => {
    expect(() => assertWithinBudget(5_000_000, 5_000_000)).not.toThrow();
    expect(() => assertWithinBudget(5_000_000, 4_999_999)).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.BudgetExceeded,
        message: 'approving 50000.00 yuan would exceed the programme budget: 49999.99 yuan remain',
        details: { remainingFen: 4_999_999, amountFen: 5_000_000 },
      }),
    );
  });

  it('reports an overdrawn budget as nothing left', () => {
    expect(() => assertWithinBudget(100, -50)).toThrow(
      expect.objectContaining({ details: { remainingFen: 0, amountFen: 100 } }),
    );
  });
});
