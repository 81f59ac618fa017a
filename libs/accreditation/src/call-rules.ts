import { callWindowProblem, DomainError, DomainErrorCode, organisationKindProblem } from '@app/domain';
import type { ProgrammeEntity } from '@app/programmes';

/**
 * The programme's call admits an application now: the window is open (CALL_NOT_OPEN / CALL_CLOSED, 409, with the
 * window in the details) and the applicant's kind of organisation is one the programme admits (NOT_ELIGIBLE, 422,
 * rule `organisation_kind`). Checked when a draft is opened and again when it is submitted; not when an application
 * returned for revision is resubmitted — it was submitted in time, and the bureau's request for more cannot make it
 * late.
 */
export function assertCallAdmits(
  programme: Pick<ProgrammeEntity, 'code' | 'unitKind' | 'opensAt' | 'closesAt' | 'eligibleOrganisationKinds'>,
  organisation: { name: string; kind: string },
  now: Date,
): void {
  const window = { opensAt: new Date(programme.opensAt), closesAt: new Date(programme.closesAt) };
  const details = { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString() };
  switch (callWindowProblem(window, now)) {
    case 'call_not_open':
      throw new DomainError(
        DomainErrorCode.CallNotOpen,
        `the call of ${programme.code} opens at ${details.opensAt}; applications cannot be opened or submitted before`,
        details,
      );
    case 'call_closed':
      throw new DomainError(
        DomainErrorCode.CallClosed,
        `the call of ${programme.code} closed at ${details.closesAt}; applications can no longer be opened or submitted`,
        details,
      );
    case null:
      break;
  }
  if (organisationKindProblem(organisation.kind, programme.unitKind, programme.eligibleOrganisationKinds)) {
    throw new DomainError(
      DomainErrorCode.NotEligible,
      `${organisation.name} is a ${organisation.kind}: ${programme.code} admits ${programme.eligibleOrganisationKinds.join(', ')}`,
      {
        rule: 'organisation_kind',
        organisationKind: organisation.kind,
        eligibleOrganisationKinds: programme.eligibleOrganisationKinds,
      },
    );
  }
}
