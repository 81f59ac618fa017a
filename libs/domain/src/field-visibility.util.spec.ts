import { type Principal, PUBLIC_PRINCIPAL } from './access-policy.util';
import { AccreditationState } from './accreditation/accreditation.types';
import {
  mayReadAggregate,
  type Viewer,
  viewerOf,
  visibleHistory,
  visibleObjection,
  visiblePanelMember,
} from './field-visibility.util';
import { Role } from './roles';

const FTZ = '/CN/370000/370200/370211/370211-FTZ/';
const scope = {
  organisationId: 'org-qd',
  jurisdictionPath: FTZ,
  programmeJurisdictionPath: FTZ,
  state: AccreditationState.Acceptance,
  activeEvaluatorIds: ['ev-1', 'ev-2'],
};
const principal = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  ...PUBLIC_PRINCIPAL,
  id: `${role}-user`,
  role,
  ...extra,
});

/** Every kind of reader the brief names, as the policy sees them. */
const VIEWERS: Record<string, Viewer> = {
  applicant: viewerOf(principal(Role.Applicant, { organisationId: 'org-qd' }), scope),
  author: viewerOf(principal(Role.Evaluator, { id: 'ev-1' }), scope),
  otherEvaluator: viewerOf(principal(Role.Evaluator, { id: 'ev-2' }), scope),
  programmeRegulator: viewerOf(principal(Role.Regulator, { jurisdictionPath: FTZ }), scope),
  otherRegulator: viewerOf(principal(Role.Regulator, { jurisdictionPath: '/CN/370000/370200/' }), {
    ...scope,
    programmeJurisdictionPath: '/CN/370000/', // a provincial programme: the city regulator follows, does not decide
  }),
  finance: viewerOf(principal(Role.Finance, { jurisdictionPath: FTZ }), scope),
  admin: viewerOf(principal(Role.Admin, { jurisdictionPath: '/CN/' }), scope),
  public: viewerOf(PUBLIC_PRINCIPAL, scope),
};

const row = (event: string, actorId: string | null, actorRole: string, reason: string | null, payload = {}) => ({
  version: 7,
  event,
  fromState: 'acceptance',
  toState: 'acceptance',
  actorId,
  actorRole,
  reason,
  payload,
  at: new Date('2026-03-02T02:00:00Z'),
});

const SCORE = row('SUBMIT_SCORE', 'ev-1', 'evaluator', null, {
  scores: { system_completeness: 88 },
  weightedScore: 8240,
  comment: '制度较完善，但培训记录不足',
});
const CONFLICT = row('DECLARE_CONFLICT', 'ev-1', 'evaluator', '曾任申报单位技术顾问');
const ASSIGN = row('ASSIGN_EVALUATOR', 'reg-1', 'regulator', null, { evaluatorId: 'ev-1' });
const OBJECTION = row('FILE_OBJECTION', 'someone', 'applicant', '冒用他人技术', { objectionId: 'o-1' });
const RULING = row('RULE_OBJECTION', 'reg-1', 'regulator', '异议不成立', { objectionId: 'o-1', decision: 'dismissed' });

/** Which readers see a field: the expected table, row by row. */
function readers(sees: (v: Viewer) => boolean): string[] {
  return Object.entries(VIEWERS)
    .filter(([, v]) => sees(v))
    .map(([name]) => name);
}

describe('field visibility', () => {
  it('knows a regulator of the programme from one who only follows the application', () => {
    expect(VIEWERS.programmeRegulator.programmeRegulator).toBe(true);
    expect(VIEWERS.otherRegulator.programmeRegulator).toBe(false);
    expect(VIEWERS.admin.programmeRegulator).toBe(false);
  });

  it("shows a score sheet and its comment to its author and the programme's regulators only", () => {
    const sees = (v: Viewer) => 'scores' in visibleHistory(v, SCORE).payload;
    expect(readers(sees)).toEqual(['author', 'programmeRegulator']);
    // the comment and the weighted score go with the sheet
    for (const v of Object.values(VIEWERS)) {
      const p = visibleHistory(v, SCORE).payload;
      expect(['weightedScore' in p, 'comment' in p]).toEqual([sees(v), sees(v)]);
    }
  });

  it('keeps the step and says which fields were withheld, never their values', () => {
    const seen = visibleHistory(VIEWERS.applicant, SCORE);
    expect(seen).toEqual({
      ...SCORE,
      actorId: null,
      payload: {},
      withheld: ['actorId', 'payload.scores', 'payload.weightedScore', 'payload.comment'],
    });
    expect(JSON.stringify(seen)).not.toMatch(/8240|培训|ev-1/);
    expect(visibleHistory(VIEWERS.programmeRegulator, SCORE)).toEqual({ ...SCORE, withheld: [] });
    // an evaluator who has not scored learns that another did, not how
    expect(visibleHistory(VIEWERS.otherEvaluator, SCORE)).toMatchObject({
      event: 'SUBMIT_SCORE',
      actorId: 'ev-1',
      actorRole: 'evaluator',
      payload: {},
    });
  });

  it('shows a conflict reason to regulators and the evaluator who declared it', () => {
    expect(readers((v) => visibleHistory(v, CONFLICT).reason !== null)).toEqual([
      'author',
      'programmeRegulator',
      'otherRegulator',
    ]);
  });

  it('does not tell the applicant, finance or the public who is on the panel', () => {
    expect(readers((v) => 'evaluatorId' in visibleHistory(v, ASSIGN).payload)).toEqual([
      'author',
      'otherEvaluator',
      'programmeRegulator',
      'otherRegulator',
      'admin',
    ]);
  });

  it('shows who objected to regulators only; the objection and its ruling to every reader', () => {
    expect(readers((v) => visibleHistory(v, OBJECTION).actorId !== null)).toEqual([
      'programmeRegulator',
      'otherRegulator',
    ]);
    for (const v of Object.values(VIEWERS)) {
      expect(visibleHistory(v, OBJECTION).reason).toBe('冒用他人技术');
      expect(visibleHistory(v, RULING)).toEqual({ ...RULING, withheld: [] });
    }
  });

  it('hides another evaluator’s sheet and conflict reason on the panel', () => {
    const member = {
      evaluatorId: 'ev-1',
      status: 'active',
      conflictReason: '曾任顾问',
      scores: { results: 9 },
      weightedScore: 9000,
      comment: '好',
      scoredAt: new Date(),
    };
    expect(readers((v) => visiblePanelMember(v, member).scores !== null)).toEqual(['author', 'programmeRegulator']);
    expect(readers((v) => visiblePanelMember(v, member).comment !== null)).toEqual(['author', 'programmeRegulator']);
    expect(readers((v) => visiblePanelMember(v, member).conflictReason !== null)).toEqual([
      'author',
      'programmeRegulator',
      'otherRegulator',
    ]);
    expect(visiblePanelMember(VIEWERS.otherEvaluator, member)).toEqual({
      ...member,
      conflictReason: null,
      scores: null,
      weightedScore: null,
      comment: null,
    });
  });

  it("shows an objector's name, organisation, contact and account to regulators only", () => {
    const o = {
      id: 'o-1',
      reason: '冒用他人技术',
      filedBy: 'someone',
      filerName: '王五',
      filerOrganisation: '某某公司',
      filerContact: '13800000000',
    };
    expect(readers((v) => visibleObjection(v, o).filerContact !== null)).toEqual([
      'programmeRegulator',
      'otherRegulator',
    ]);
    expect(visibleObjection(VIEWERS.applicant, o)).toEqual({
      id: 'o-1',
      reason: '冒用他人技术',
      filedBy: null,
      filerName: null,
      filerOrganisation: null,
      filerContact: null,
    });
  });

  it("shows the aggregate to the programme's regulators always, to the others once the notice has opened", () => {
    expect(readers((v) => mayReadAggregate(v, false))).toEqual(['programmeRegulator']);
    expect(readers((v) => mayReadAggregate(v, true))).toEqual(Object.keys(VIEWERS));
  });

  it('leaves the rows of other events whole', () => {
    const submit = row('SUBMIT', 'app-1', 'applicant', null, { materials: ['a'] });
    for (const v of Object.values(VIEWERS)) expect(visibleHistory(v, submit)).toEqual({ ...submit, withheld: [] });
  });
});
