import { NotificationKind } from './notification-kinds';

/** Who hears of an event, before the database turns it into people. */
export type Audience =
  /** every active user acting for the organisation (the applicant) */
  | { type: 'organisation'; organisationId: string }
  /**
   * the active regulators bound to exactly this jurisdiction (the bureau that must act), less `except` (whoever
   * a four-eyes rule keeps off the step: the regulator who passed 初审 is not asked for 复核)
   */
  | { type: 'regulators'; jurisdictionCode: string; except?: readonly string[] }
  /** the active finance officers of this (paying) jurisdiction, less `except` (the verifier is not asked to approve) */
  | { type: 'finance'; jurisdictionCode: string; except?: readonly string[] }
  | { type: 'user'; userId: string }
  /** an outside address (no account): an objector who left an e-mail */
  | { type: 'email'; address: string };

export interface NotificationRule {
  kind: NotificationKind;
  audience: Audience;
}

/** One history row of an application, with what the rules need of the application. */
export interface ApplicationEventFacts {
  event: string;
  toState: string;
  organisationId: string;
  jurisdictionCode: string;
  payload: Record<string, unknown>;
  /** the contact the objector left (FILE_OBJECTION only) */
  objectorContact?: string | null;
  /** ASSIGN_EVALUATOR only: the evaluator joined by accepting an invitation (and heard of it then) */
  viaInvitation?: boolean;
}

/** One event of an evaluator's invitation (invitation_history). */
export interface InvitationEventFacts {
  event: string;
  evaluatorId: string;
  invitedBy: string;
}

/** One history row of a disbursement. */
export interface DisbursementEventFacts {
  event: string;
  toState: string;
  organisationId: string;
  payingJurisdictionCode: string;
}

const DECISIONS_FOR_APPLICANT = new Set([
  'REQUEST_REVISION',
  'PASS_PRELIMINARY',
  'PASS_RECHECK',
  'OPEN_PUBLIC_NOTICE',
  'RULE_OBJECTION',
  'DESIGNATE',
  'REJECT',
  'REVOKE',
]);
const FOR_REVIEWERS = new Set(['SUBMIT', 'RESUBMIT', 'CLOSE_NOTICE', 'WITHDRAW']);

/** A loose e-mail check for the contact an objector left (a phone number or an address). */
export function emailAddressIn(contact: string | null | undefined): string | null {
  const c = contact?.trim() ?? '';
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(c) ? c : null;
}

/**
 * Who hears of an application's event, and as what. Scores (SUBMIT_SCORE), conflicts and material updates are
 * heard of by nobody: scoring is blind, and nobody must act on them.
 */
export function applicationRules(f: ApplicationEventFacts): NotificationRule[] {
  const rules: NotificationRule[] = [];
  if (DECISIONS_FOR_APPLICANT.has(f.event))
    rules.push({
      kind: NotificationKind.ApplicationDecision,
      audience: { type: 'organisation', organisationId: f.organisationId },
    });
  if (FOR_REVIEWERS.has(f.event))
    rules.push({
      kind: NotificationKind.ApplicationToReview,
      audience: { type: 'regulators', jurisdictionCode: f.jurisdictionCode },
    });
  if (f.event === 'ASSIGN_EVALUATOR' && typeof f.payload.evaluatorId === 'string' && !f.viaInvitation)
    rules.push({ kind: NotificationKind.EvaluatorInvited, audience: { type: 'user', userId: f.payload.evaluatorId } });
  if (f.event === 'FILE_OBJECTION') {
    rules.push({
      kind: NotificationKind.ObjectionFiled,
      audience: { type: 'regulators', jurisdictionCode: f.jurisdictionCode },
    });
    const address = emailAddressIn(f.objectorContact);
    if (address) rules.push({ kind: NotificationKind.ObjectionReceipt, audience: { type: 'email', address } });
  }
  return rules;
}

/**
 * Who hears of an invitation's event: the evaluator of their invitation, the inviting regulator of a decline or an
 * expiry (they replace the evaluator); an acceptance is heard of by nobody (the panel's work items show it).
 */
export function invitationRules(f: InvitationEventFacts): NotificationRule[] {
  switch (f.event) {
    case 'evaluator.invited':
      return [{ kind: NotificationKind.EvaluatorInvited, audience: { type: 'user', userId: f.evaluatorId } }];
    case 'evaluator.invitation_declined':
    case 'evaluator.invitation_expired':
      return [{ kind: NotificationKind.InvitationToReplace, audience: { type: 'user', userId: f.invitedBy } }];
    default:
      return [];
  }
}

/** Who hears of a disbursement's event: finance when they must decide, the applicant when money moved or stopped. */
export function disbursementRules(f: DisbursementEventFacts): NotificationRule[] {
  const finance = { type: 'finance', jurisdictionCode: f.payingJurisdictionCode } as const;
  const applicant = { type: 'organisation', organisationId: f.organisationId } as const;
  switch (f.event) {
    case 'ENTITLE':
    case 'VERIFY':
    case 'PAYMENT_FAILED':
      return [{ kind: NotificationKind.PaymentDecisionNeeded, audience: finance }];
    case 'RETRY':
      return f.toState === 'pending_approval'
        ? [{ kind: NotificationKind.PaymentDecisionNeeded, audience: finance }]
        : [];
    case 'PAYMENT_SUCCEEDED':
    case 'CANCEL':
      return [{ kind: NotificationKind.PaymentUpdate, audience: applicant }];
    default:
      return [];
  }
}
