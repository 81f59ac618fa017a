import { Role } from '@app/domain';
import { expectedAccess, type RouteAccess } from './access.decorator';

describe('expectedAccess', () => {
  const route = (r: Partial<RouteAccess> & Pick<RouteAccess, 'access'>): RouteAccess => ({ isPublic: false, ...r });

  it('answers 401 to the public on a route that needs a token, before anything else', () => {
    expect(expectedAccess(route({ access: { scope: 'none' } }), Role.Public, 'own')).toBe(401);
    expect(expectedAccess(route({ isPublic: true, access: { scope: 'none' } }), Role.Public, 'own')).toBe('allowed');
  });

  it('answers 403 to a role neither @Roles nor the declared roles admit', () => {
    const guarded = route({ roles: [Role.Regulator], access: { scope: 'application' } });
    expect(expectedAccess(guarded, Role.Applicant, 'own')).toBe(403);
    expect(expectedAccess(guarded, Role.Regulator, 'own')).toBe('allowed');
    const inUseCase = route({ access: { scope: 'none', roles: [Role.Finance] } });
    expect(expectedAccess(inUseCase, Role.Evaluator, 'own')).toBe(403);
    expect(expectedAccess(inUseCase, Role.Finance, 'own')).toBe('allowed');
  });

  it("hides another organisation's or jurisdiction's application (404) and refuses another jurisdiction (403)", () => {
    const application = route({ access: { scope: 'application' } });
    expect(expectedAccess(application, Role.Applicant, 'own')).toBe('allowed');
    expect(expectedAccess(application, Role.Applicant, 'other-organisation')).toBe(404);
    expect(expectedAccess(application, Role.Regulator, 'other-organisation')).toBe('allowed');
    expect(expectedAccess(application, Role.Regulator, 'other-jurisdiction')).toBe(404);
    expect(expectedAccess(application, Role.Admin, 'other-jurisdiction')).toBe('allowed');
    const jurisdiction = route({ access: { scope: 'jurisdiction' } });
    expect(expectedAccess(jurisdiction, Role.Regulator, 'other-jurisdiction')).toBe(403);
  });

  it('lets a declared exception win over the scope', () => {
    const r = route({ access: { scope: 'application', except: { [Role.Evaluator]: 403 } } });
    expect(expectedAccess(r, Role.Evaluator, 'own')).toBe(403);
    expect(expectedAccess(r, Role.Applicant, 'own')).toBe('allowed');
  });
});
