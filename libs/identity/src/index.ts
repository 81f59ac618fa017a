export { OrganisationEntity, OrganisationKind, VerificationStatus } from './organisation.entity';
export { OrganisationEvent, OrganisationHistoryEntity } from './organisation-history.entity';
export { UserEntity } from './user.entity';
export { principalOf } from './principal.util';
export { hashPassword, type PasswordCheck, verifyPassword } from './password-hasher';
export { IDENTITY_ENTITIES, IdentityModule } from './identity.module';
export { SIGN_IN_REFUSED, type SignedInUser, type SignIn, SignInUseCase } from './sign-in.usecase';
export { type ClientInfo, type IssuedSession } from './session.store';
export { SessionCheck } from './session-check';
export { RefreshSessionUseCase } from './refresh-session.usecase';
export { EndSessionUseCase } from './end-session.usecase';
export { type DashboardEntry, DashboardTicketsUseCase } from './dashboard-tickets.usecase';
export { ChangeUserAccessUseCase, type UserAccessChange } from './change-user-access.usecase';
export { type BankAccountChange, type OrganisationProfile, OrganisationQueries } from './organisation.queries';
export { SetBankAccountUseCase } from './set-bank-account.usecase';
export { payeeAccountHash, payeeRecordOf } from './payee-record.util';
export {
  type Registration,
  type RegisterOrganisationCommand,
  RegisterOrganisationUseCase,
} from './register-organisation.usecase';
export {
  type RegistrationExportRow,
  type RegistrationRecord,
  type VerificationDecision,
  VerifyOrganisationUseCase,
} from './verify-organisation.usecase';
export { ChangePasswordUseCase } from './change-password.usecase';
export {
  type NewStaffUser,
  type OneTimeCredential,
  STAFF_ROLES,
  type StaffAccessChange,
  StaffAdministrationUseCase,
  type StaffRole,
  type StaffUser,
} from './staff-administration.usecase';
export { type InvitationAcceptance, InviteColleagueUseCase, type IssuedInvitation } from './invite-colleague.usecase';
