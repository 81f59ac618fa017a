import { NotificationKind } from './notification-kinds';
import { applicationRules, disbursementRules, emailAddressIn, invitationRules } from './notification-rules.util';

const app = { toState: 'x', organisationId: 'org-1', jurisdictionCode: '370211-FTZ', payload: {} };

describe('applicationRules', () => {
  it.each([
    'REQUEST_REVISION',
    'PASS_PRELIMINARY',
    'PASS_RECHECK',
    'OPEN_PUBLIC_NOTICE',
    'RULE_OBJECTION',
    'DESIGNATE',
    'REJECT',
    'REVOKE',
  ])('tells the applicant organisation of %s', (event) => {
    expect(applicationRules({ ...app, event })).toContainEqual({
      kind: NotificationKind.ApplicationDecision,
      audience: { type: 'organisation', organisationId: 'org-1' },
    });
  });

  it.each(['SUBMIT', 'RESUBMIT', 'CLOSE_NOTICE', 'WITHDRAW'])(
    'gives the regulators of the jurisdiction %s to act on',
    (event) => {
      expect(applicationRules({ ...app, event })).toEqual([
        {
          kind: NotificationKind.ApplicationToReview,
          audience: { type: 'regulators', jurisdictionCode: '370211-FTZ' },
        },
      ]);
    },
  );

  it('invites the assigned evaluator only', () => {
    expect(applicationRules({ ...app, event: 'ASSIGN_EVALUATOR', payload: { evaluatorId: 'ev-1' } })).toEqual([
      { kind: NotificationKind.EvaluatorInvited, audience: { type: 'user', userId: 'ev-1' } },
    ]);
  });

  it('does not invite again an evaluator who joined by accepting an invitation', () => {
    expect(
      applicationRules({ ...app, event: 'ASSIGN_EVALUATOR', payload: { evaluatorId: 'ev-1' }, viaInvitation: true }),
    ).toEqual([]);
  });

  it('tells nobody of scores, conflicts or material updates', () => {
    for (const event of ['SUBMIT_SCORE', 'DECLARE_CONFLICT', 'UPDATE_MATERIALS', 'ASSIGN_EVALUATOR'])
      expect(applicationRules({ ...app, event })).toEqual([]);
  });

  it('tells the regulators of an objection, and sends a receipt to an objector who left an e-mail address', () => {
    expect(applicationRules({ ...app, event: 'FILE_OBJECTION', objectorContact: ' wang@example.com ' })).toEqual([
      { kind: NotificationKind.ObjectionFiled, audience: { type: 'regulators', jurisdictionCode: '370211-FTZ' } },
      { kind: NotificationKind.ObjectionReceipt, audience: { type: 'email', address: 'wang@example.com' } },
    ]);
    expect(applicationRules({ ...app, event: 'FILE_OBJECTION', objectorContact: '13800138000' })).toHaveLength(1);
  });
});

describe('disbursementRules', () => {
  const d = { organisationId: 'org-1', payingJurisdictionCode: '370211-FTZ', toState: 'x' };
  const finance = { type: 'finance', jurisdictionCode: '370211-FTZ' };
  const applicant = { type: 'organisation', organisationId: 'org-1' };

  it('asks finance of the paying bureau to decide on a new, a verified or a failed disbursement', () => {
    for (const event of ['ENTITLE', 'VERIFY', 'PAYMENT_FAILED'])
      expect(disbursementRules({ ...d, event })).toEqual([
        { kind: NotificationKind.PaymentDecisionNeeded, audience: finance },
      ]);
    expect(disbursementRules({ ...d, event: 'RETRY', toState: 'pending_approval' })).toHaveLength(1);
    expect(disbursementRules({ ...d, event: 'RETRY', toState: 'approved' })).toEqual([]);
  });

  it('tells the applicant when the subsidy was paid or cancelled', () => {
    for (const event of ['PAYMENT_SUCCEEDED', 'CANCEL'])
      expect(disbursementRules({ ...d, event })).toEqual([
        { kind: NotificationKind.PaymentUpdate, audience: applicant },
      ]);
  });

  it('is silent on the steps nobody acts on', () => {
    for (const event of ['APPROVE', 'START_PAYMENT', 'PAYEE_CHANGED'])
      expect(disbursementRules({ ...d, event })).toEqual([]);
  });
});

describe('emailAddressIn', () => {
  it('finds an address and refuses a phone number or junk', () => {
    expect(emailAddressIn('a.b@example.com')).toBe('a.b@example.com');
    expect(emailAddressIn('13800138000')).toBeNull();
    expect(emailAddressIn('wang@')).toBeNull();
    expect(emailAddressIn(null)).toBeNull();
  });
});

describe('invitationRules', () => {
  const facts = { evaluatorId: 'ev-1', invitedBy: 'reg-1' };
  it('tells the evaluator of their invitation', () => {
    expect(invitationRules({ ...facts, event: 'evaluator.invited' })).toEqual([
      { kind: NotificationKind.EvaluatorInvited, audience: { type: 'user', userId: 'ev-1' } },
    ]);
  });
  it.each(['evaluator.invitation_declined', 'evaluator.invitation_expired'])(
    'tells the inviting regulator of %s, to replace the evaluator',
    (event) => {
      expect(invitationRules({ ...facts, event })).toEqual([
        { kind: NotificationKind.InvitationToReplace, audience: { type: 'user', userId: 'reg-1' } },
      ]);
    },
  );
  it('tells nobody of an acceptance', () => {
    expect(invitationRules({ ...facts, event: 'evaluator.invitation_accepted' })).toEqual([]);
  });
});
