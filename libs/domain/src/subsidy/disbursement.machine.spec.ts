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

const EVENTS: DisbursementEvent[] = [
  { type: D.Approve, actor: financeA },
  { type: D.Approve, actor: financeB },
  { type: D.Approve, actor: designator },
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

describe('disbursement rules', () => {
  it('a stuck payment: finance re-queues it (approved or paying stays so) or cancels one the bank never had', () => {
    const approved = applyDisbursementEvent(startDisbursement(designator.id), { type: D.Approve, actor: financeA });
    const requeued = applyDisbursementEvent(approved, { type: D.Retry, actor: financeB, reason: 'no job ran' });
    expect(requeued).toMatchObject({ state: S.Approved, context: { lastChangedBy: 'finance-b', attempts: 0 } });
    const paying = applyDisbursementEvent(approved, { type: D.StartPayment, actor: system });
    const retried = applyDisbursementEvent(paying, { type: D.Retry, actor: financeA, reason: 'stuck' });
    expect(retried).toMatchObject({ state: S.Paying, context: { attempts: 1 } });
    expect(applyDisbursementEvent(retried, { type: D.Cancel, actor: financeB, reason: 'x' }).state).toBe(S.Cancelled);
    expect(() => applyDisbursementEvent(paying, { type: D.Retry, actor: system })).toThrow(/only be done by finance/);
  });

  const approvedBy = (actor = financeA) =>
    applyDisbursementEvent(startDisbursement(designator.id), { type: D.Approve, actor });

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

  it('four eyes: whoever sent a failed payment back for approval cannot approve it', () => {
    let s = approvedBy();
    s = applyDisbursementEvent(s, { type: D.StartPayment, actor: system });
    s = applyDisbursementEvent(s, { type: D.PaymentFailed, actor: system, error: 'account closed', final: true });
    s = applyDisbursementEvent(s, { type: D.Retry, actor: financeA });
    expect(s.state).toBe(S.PendingApproval);
    expect(() => applyDisbursementEvent(s, { type: D.Approve, actor: financeA })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.FourEyes }),
    );
    expect(applyDisbursementEvent(s, { type: D.Approve, actor: financeB }).state).toBe(S.Approved);
  });

  it('a changed bank account sends an approved payment back for approval; one being paid is not redirected', () => {
    const changed = { type: D.PayeeChanged, actor: applicant, reason: 'bank account changed' } as const;
    const back = applyDisbursementEvent(approvedBy(), changed);
    expect(back).toMatchObject({ state: S.PendingApproval, context: { lastChangedBy: applicant.id } });
    expect(applyDisbursementEvent(back, { type: D.Approve, actor: financeA }).state).toBe(S.Approved);
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
