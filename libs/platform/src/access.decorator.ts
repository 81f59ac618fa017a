import { Role } from '@app/domain';
import { SetMetadata } from '@nestjs/common';

export const ACCESS = 'access';

/**
 * Whose rows a route answers about, which decides what the caller's place changes:
 * - `none`: nobody's row in particular (reference data, sign-in, the caller's own lists, filtered to what they may
 *   see, and the caller's own organisation): past the roles, everyone gets an answer;
 * - `application`: one application named in the path; who may know of it (404 otherwise, its existence does not
 *   leak) is APPLICATION_RIGHTS;
 * - `disbursement`: one disbursement named in the path; DISBURSEMENT_RIGHTS;
 * - `policy`: one subsidy policy named in the path; money too, so DISBURSEMENT_RIGHTS;
 * - `jurisdiction`: a jurisdiction or programme named in the body (public reference data, so 403, not 404, outside
 *   the caller's jurisdiction): JURISDICTION_RIGHTS.
 */
export type AccessScope = 'none' | 'application' | 'disbursement' | 'policy' | 'jurisdiction';

/** What a request gets from access control: past it (2xx, or a 4xx about the input or the state), 401, 403, 404. */
export type AccessOutcome = 'allowed' | 401 | 403 | 404;

/** The roles of the access matrix: every account role and the public (no account, no token). */
export const MATRIX_ROLES = [
  Role.Applicant,
  Role.Regulator,
  Role.Evaluator,
  Role.Finance,
  Role.Admin,
  Role.Public,
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * Where the row is, seen from the caller: the caller's own (an applicant's organisation, an evaluator's assigned
 * application, a bureau's jurisdiction), another organisation of the same jurisdiction, another jurisdiction.
 * (An organisation lies in one jurisdiction, so "own organisation, other jurisdiction" does not exist.)
 */
export const PLACES = ['own', 'other-organisation', 'other-jurisdiction'] as const;
export type Place = (typeof PLACES)[number];

type Rights = Record<MatrixRole, Record<Place, AccessOutcome>>;
const all = (o: AccessOutcome): Record<Place, AccessOutcome> => ({
  own: o,
  'other-organisation': o,
  'other-jurisdiction': o,
});
const bureau: Record<Place, AccessOutcome> = {
  own: 'allowed',
  'other-organisation': 'allowed',
  'other-jurisdiction': 404,
};
const own: Record<Place, AccessOutcome> = { own: 'allowed', 'other-organisation': 404, 'other-jurisdiction': 404 };

/**
 * Who may know of a designated application (the matrix's fixture; the rule for every state is canSeeApplication in
 * libs/domain): its organisation's applicants, the evaluators on its panel, the regulators and finance staff of its
 * jurisdiction and above (the admin is national), and the public, since titles are published.
 */
export const APPLICATION_RIGHTS: Rights = {
  [Role.Applicant]: own,
  [Role.Regulator]: bureau,
  [Role.Evaluator]: own,
  [Role.Finance]: bureau,
  [Role.Admin]: all('allowed'),
  [Role.Public]: all('allowed'),
};

/** Money is seen by the finance staff (and admins) of its jurisdiction and above; nobody else knows of it. */
export const DISBURSEMENT_RIGHTS: Rights = {
  [Role.Applicant]: all(404),
  [Role.Regulator]: all(404),
  [Role.Evaluator]: all(404),
  [Role.Finance]: bureau,
  [Role.Admin]: all('allowed'),
  [Role.Public]: all(404),
};

/** A bureau acts in its own jurisdiction and below; naming another one is refused (403: jurisdictions are public). */
export const JURISDICTION_RIGHTS: Rights = {
  [Role.Applicant]: all(403),
  [Role.Regulator]: { own: 'allowed', 'other-organisation': 'allowed', 'other-jurisdiction': 403 },
  [Role.Evaluator]: all(403),
  [Role.Finance]: { own: 'allowed', 'other-organisation': 'allowed', 'other-jurisdiction': 403 },
  [Role.Admin]: all('allowed'),
  [Role.Public]: all(403),
};

const SCOPE_RIGHTS: Record<Exclude<AccessScope, 'none'>, Rights> = {
  application: APPLICATION_RIGHTS,
  disbursement: DISBURSEMENT_RIGHTS,
  policy: DISBURSEMENT_RIGHTS,
  jurisdiction: JURISDICTION_RIGHTS,
};

/** A route's access, declared next to its handler with `@Access`. */
export interface AccessDeclaration {
  scope: AccessScope;
  /** the roles the use case admits, for a route without `@Roles` whose use case checks the role itself */
  roles?: readonly Role[];
  /** cells that differ from what the roles and the scope give, with the reason in a comment at the route */
  except?: Partial<Record<MatrixRole, AccessOutcome>>;
}

/**
 * Declares what every role gets from the route, for the access matrix (test/access-matrix.e2e-spec.ts), which fails
 * on a route without one. The roles come from `@Roles` and `@Public`; this adds whose rows the route is about.
 *
 *   @Get(':id') @Access('application')
 *   @Post(':id/events') @Access('application', { roles: [...] })   // roles checked by the engine, not the guard
 */
export const Access = (scope: AccessScope, options: Omit<AccessDeclaration, 'scope'> = {}) =>
  SetMetadata(ACCESS, { scope, ...options } satisfies AccessDeclaration);

/** What the guard and the declaration say about one route. */
export interface RouteAccess {
  /** `@Public`: no token needed */
  isPublic: boolean;
  /** `@Roles`, if any */
  roles?: readonly Role[];
  access: AccessDeclaration;
}

/**
 * The answer a caller in `role` should get from the route for a row at `place`: 401 without a token on a route that
 * needs one, 403 for a role the route (or its use case) does not admit, then the declared exception or the scope's
 * rights.
 */
export function expectedAccess(route: RouteAccess, role: MatrixRole, place: Place): AccessOutcome {
  if (role === Role.Public && !route.isPublic) return 401;
  for (const admitted of [route.roles, route.access.roles]) if (admitted && !admitted.includes(role)) return 403;
  const except = route.access.except?.[role];
  if (except !== undefined) return except;
  if (route.access.scope === 'none') return 'allowed';
  return SCOPE_RIGHTS[route.access.scope][role][place];
}
