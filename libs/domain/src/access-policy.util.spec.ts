import { canSeeApplication, actingProblem, Principal, PUBLIC_PRINCIPAL } from './access-policy.util';
import { AccreditationState } from './accreditation/accreditation.types';
import { Role } from './roles';

const scope = {
  organisationId: 'org-qd',
  jurisdictionPath: '/CN/370000/370200/370211/370211-FTZ/',
  programmeJurisdictionPath: '/CN/370000/370200/370211/370211-FTZ/',
  state: AccreditationState.Acceptance,
  activeEvaluatorIds: ['ev-1'],
};
const p = (role: Role, extra: Partial<Principal> = {}): Principal => ({ ...PUBLIC_PRINCIPAL, id: 'u', role, ...extra });

describe('access policy', () => {
  it('regulators see their subtree only', () => {
    expect(canSeeApplication(p(Role.Regulator, { jurisdictionPath: '/CN/370000/' }), scope)).toBe(true);
    expect(canSeeApplication(p(Role.Regulator, { jurisdictionPath: '/CN/430000/430100/430100-FTZ/' }), scope)).toBe(
      false,
    );
    // a sibling whose code starts the same way is not inside
    expect(
      canSeeApplication(p(Role.Regulator, { jurisdictionPath: '/CN/370000/370200/370211/370211-FTZ/' }), scope),
    ).toBe(true);
    expect(canSeeApplication(p(Role.Regulator, { jurisdictionPath: '/CN/370000/370200/37021/' }), scope)).toBe(false);
  });

  it('applicants see their organisation, evaluators their panel, the public open notices and titles', () => {
    expect(canSeeApplication(p(Role.Applicant, { organisationId: 'org-qd' }), scope)).toBe(true);
    expect(canSeeApplication(p(Role.Applicant, { organisationId: 'org-other' }), scope)).toBe(false);
    expect(canSeeApplication(p(Role.Evaluator, { id: 'ev-1' }), scope)).toBe(true);
    expect(canSeeApplication(p(Role.Evaluator, { id: 'ev-2' }), scope)).toBe(false);
    expect(canSeeApplication(PUBLIC_PRINCIPAL, scope)).toBe(false);
    expect(canSeeApplication(PUBLIC_PRINCIPAL, { ...scope, state: AccreditationState.PublicNotice })).toBe(true);
    expect(canSeeApplication(p(Role.Finance, { jurisdictionPath: '/CN/' }), scope)).toBe(false);
    expect(
      canSeeApplication(p(Role.Finance, { jurisdictionPath: '/CN/' }), {
        ...scope,
        state: AccreditationState.Designated,
      }),
    ).toBe(true);
  });

  it('a regulator below the issuing bureau follows but does not decide', () => {
    const provincial = { ...scope, programmeJurisdictionPath: '/CN/370000/' };
    const city = p(Role.Regulator, { jurisdictionPath: '/CN/370000/370200/' });
    expect(canSeeApplication(city, provincial)).toBe(true);
    expect(actingProblem(city, provincial)).toMatch(/outside your jurisdiction/);
    expect(actingProblem(p(Role.Regulator, { jurisdictionPath: '/CN/370000/' }), provincial)).toBeNull();
  });
});
