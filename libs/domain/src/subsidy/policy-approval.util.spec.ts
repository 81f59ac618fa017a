import { DomainErrorCode } from '../domain-error';
import { Role } from '../roles';
import { decidePolicyEvent, PolicyEventType as P, PolicyFacts, PolicyStatus as S } from './policy-approval.util';

const BUREAU = '/CN/370000/370200/370211/370211-FTZ';
const a = { actor: { id: 'finance-a', role: Role.Finance }, actorBureau: BUREAU };
const b = { actor: { id: 'finance-b', role: Role.Finance }, actorBureau: BUREAU };
const terms = { name: '一次性奖补', amountFen: 5_000_000, budgetFen: 50_000_000, purpose: '培训' };
const proposedByA: PolicyFacts = {
  status: S.Pending,
  pending: { terms, proposedBy: 'finance-a' },
  committedFen: 0,
  payingBureau: BUREAU,
};

describe('subsidy policy four eyes', () => {
  it('a proposal applies only when a second officer approves it; its proposer cannot', () => {
    expect(() => decidePolicyEvent(proposedByA, P.Approve, a)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.FourEyes, message: expect.stringMatching(/you proposed/) }),
    );
    expect(decidePolicyEvent(proposedByA, P.Approve, b)).toBe(S.Active);
  });

  it('a change of an active policy leaves it active (the old terms apply) until approved; rejected, it stays active', () => {
    const active: PolicyFacts = { ...proposedByA, status: S.Active, pending: null };
    expect(decidePolicyEvent(active, P.Propose, a, { ...terms, amountFen: 9_000_000 })).toBe(S.Active);
    const changing = { ...active, pending: { terms, proposedBy: 'finance-a' } };
    expect(decidePolicyEvent(changing, P.Reject, b)).toBe(S.Active);
    expect(decidePolicyEvent(proposedByA, P.Reject, b)).toBe(S.Rejected);
    expect(decidePolicyEvent({ ...proposedByA, status: S.Rejected, pending: null }, P.Propose, a, terms)).toBe(
      S.Pending,
    );
  });

  it('one proposal at a time; nothing to decide without one', () => {
    expect(() => decidePolicyEvent(proposedByA, P.Propose, b, terms)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.EventNotAllowed }),
    );
    const idle: PolicyFacts = { ...proposedByA, status: S.Active, pending: null };
    for (const type of [P.Approve, P.Reject])
      expect(() => decidePolicyEvent(idle, type, b)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.EventNotAllowed, details: { allowedEvents: ['PROPOSE'] } }),
      );
  });

  it('only finance officers of the paying bureau itself; regulators neither', () => {
    expect(() => decidePolicyEvent(proposedByA, P.Approve, { ...b, actorBureau: '/CN/370000/370200' })).toThrow(
      expect.objectContaining({ code: DomainErrorCode.Forbidden, message: expect.stringMatching(/paying bureau/) }),
    );
    expect(() =>
      decidePolicyEvent(proposedByA, P.Approve, { actor: { id: 'r', role: Role.Regulator }, actorBureau: BUREAU }),
    ).toThrow(expect.objectContaining({ code: DomainErrorCode.Forbidden }));
  });

  it('a budget cannot fall below what is already approved, neither proposed nor approved', () => {
    const active: PolicyFacts = { ...proposedByA, status: S.Active, pending: null, committedFen: 10_000_000 };
    expect(() => decidePolicyEvent(active, P.Propose, a, { ...terms, budgetFen: 9_999_999 })).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.BudgetExceeded,
        message: 'a budget of 99999.99 yuan is less than the 100000.00 yuan already approved',
      }),
    );
    expect(decidePolicyEvent(active, P.Propose, a, { ...terms, budgetFen: 10_000_000 })).toBe(S.Active);
    // approvals went on while the change waited
    const changing = {
      ...active,
      committedFen: 20_000_000,
      pending: { terms: { ...terms, budgetFen: 15_000_000 }, proposedBy: 'finance-a' },
    };
    expect(() => decidePolicyEvent(changing, P.Approve, b)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.BudgetExceeded }),
    );
  });
});
