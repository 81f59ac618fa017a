import { DomainError, DomainErrorCode } from '../domain-error';
import { formatYuan } from '../money.util';
import { Actor, Role } from '../roles';

/**
 * A subsidy policy's life: one finance officer of the paying bureau proposes terms (amount and budget), a second
 * approves them before they apply. A change is proposed the same way; the terms in force keep applying until the
 * change is approved.
 */
export enum PolicyStatus {
  /** proposed, never approved: designations create no entitlement under it */
  Pending = 'pending',
  /** its terms apply */
  Active = 'active',
  /** its first proposal was refused; a new proposal makes it pending again */
  Rejected = 'rejected',
}

export enum PolicyEventType {
  Propose = 'PROPOSE',
  Approve = 'APPROVE',
  Reject = 'REJECT',
}

/** What a proposal may change: everything that decides how much money goes out. */
export interface PolicyTerms {
  name: string;
  /** per designation, in fen */
  amountFen: number;
  /** the programme year's budget, in fen */
  budgetFen: number;
  purpose: string;
}

/** What the rules need to know of a policy. */
export interface PolicyFacts {
  status: PolicyStatus;
  /** the proposal awaiting a decision, if any, and who made it */
  pending: { terms: PolicyTerms; proposedBy: string } | null;
  /** what approved disbursements already hold of the budget, in fen */
  committedFen: number;
  /** the paying bureau's jurisdiction path */
  payingBureau: string;
}

export interface PolicyDecision {
  actor: Actor;
  /** the acting officer's jurisdiction path */
  actorBureau: string | null;
}

/**
 * Decides one event on a policy: answers the status after it, or throws a DomainError naming the rule. PROPOSE
 * needs no proposal waiting; APPROVE needs one, made by someone else; REJECT needs one. Only finance officers of the
 * paying bureau itself act.
 */
export function decidePolicyEvent(
  policy: PolicyFacts,
  type: PolicyEventType,
  decision: PolicyDecision,
  proposal?: PolicyTerms,
): PolicyStatus {
  const { actor, actorBureau } = decision;
  if (actor.role !== Role.Finance)
    throw new DomainError(DomainErrorCode.Forbidden, `${type} of a subsidy policy can only be done by finance`);
  if (actorBureau === null || actorBureau !== policy.payingBureau)
    throw new DomainError(
      DomainErrorCode.Forbidden,
      `${type} of a subsidy policy is for the finance officers of the paying bureau only`,
    );
  switch (type) {
    case PolicyEventType.Propose: {
      if (policy.pending)
        throw new DomainError(
          DomainErrorCode.EventNotAllowed,
          'a change of this policy is already awaiting approval: approve or reject it first',
          { allowedEvents: [PolicyEventType.Approve, PolicyEventType.Reject] },
        );
      if (proposal) assertBudgetHoldsCommitted(proposal.budgetFen, policy.committedFen);
      return policy.status === PolicyStatus.Active ? PolicyStatus.Active : PolicyStatus.Pending;
    }
    case PolicyEventType.Approve: {
      const pending = requirePending(policy, type);
      if (actor.id === null || actor.id === pending.proposedBy)
        throw new DomainError(
          DomainErrorCode.FourEyes,
          'four eyes: you proposed these terms, so another finance officer of the paying bureau must approve them',
        );
      assertBudgetHoldsCommitted(pending.terms.budgetFen, policy.committedFen);
      return PolicyStatus.Active;
    }
    case PolicyEventType.Reject: {
      requirePending(policy, type);
      return policy.status === PolicyStatus.Active ? PolicyStatus.Active : PolicyStatus.Rejected;
    }
  }
}

function requirePending(policy: PolicyFacts, type: PolicyEventType): NonNullable<PolicyFacts['pending']> {
  if (!policy.pending)
    throw new DomainError(DomainErrorCode.EventNotAllowed, `${type}: no proposal of this policy awaits a decision`, {
      allowedEvents: [PolicyEventType.Propose],
    });
  return policy.pending;
}

/** A budget cannot fall below what approved disbursements already hold of it. */
function assertBudgetHoldsCommitted(budgetFen: number, committedFen: number): void {
  if (budgetFen >= committedFen) return;
  throw new DomainError(
    DomainErrorCode.BudgetExceeded,
    `a budget of ${formatYuan(budgetFen)} yuan is less than the ${formatYuan(committedFen)} yuan already approved`,
    { budgetFen, committedFen, fields: ['budgetFen'] },
  );
}
