import { AccreditationState, type Principal, PUBLIC_STATES, Role } from '@app/domain';
import { NO_ROWS, type SqlCondition, subtreePattern } from '@app/platform';

/**
 * The SQL form of `canSeeApplication` (libs/domain/src/access-policy.util.ts), case for case: the applications
 * under `alias` the principal may know of. Lists and counts filter with it; single reads check the TypeScript
 * predicate. The evaluator's panel is read from `evaluator_assignments`, which the engine keeps equal to the
 * snapshot's panel. test/visibility-agreement.int-spec.ts runs both on every role and relation and asserts they
 * agree row for row: change them together.
 */
export function applicationVisibility(p: Principal, alias = 'a'): SqlCondition {
  switch (p.role) {
    case Role.Applicant:
      return p.organisationId === null
        ? NO_ROWS
        : { sql: `${alias}.organisation_id = :visOrganisationId`, params: { visOrganisationId: p.organisationId } };
    case Role.Regulator:
    case Role.Admin:
      return p.jurisdictionPath === null
        ? NO_ROWS
        : { sql: `${alias}.jurisdiction_path LIKE :visPath`, params: { visPath: subtreePattern(p.jurisdictionPath) } };
    case Role.Evaluator:
      return p.id === null
        ? NO_ROWS
        : {
            sql: `EXISTS (SELECT 1 FROM evaluator_assignments vis_ea WHERE vis_ea.application_id = ${alias}.id AND vis_ea.evaluator_id = :visEvaluatorId AND vis_ea.status = 'active')`,
            params: { visEvaluatorId: p.id },
          };
    case Role.System:
      return { sql: 'true', params: {} };
    case Role.Finance:
      return p.jurisdictionPath === null
        ? NO_ROWS
        : {
            sql: `(${alias}.jurisdiction_path LIKE :visPath AND ${alias}.state IN (:...visFinanceStates))`,
            params: {
              visPath: subtreePattern(p.jurisdictionPath),
              visFinanceStates: [AccreditationState.Designated, AccreditationState.Revoked],
            },
          };
    case Role.Public:
      return { sql: `${alias}.state IN (:...visPublicStates)`, params: { visPublicStates: [...PUBLIC_STATES] } };
  }
}
