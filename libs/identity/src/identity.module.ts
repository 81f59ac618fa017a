import { Module } from '@nestjs/common';
import { BankAccountHistoryEntity } from './bank-account-history.entity';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationQueries } from './organisation.queries';
import { SetBankAccountUseCase } from './set-bank-account.usecase';
import { SignInUseCase } from './sign-in.usecase';
import { UserEntity } from './user.entity';
import { SessionEntity } from './session.entity';
import { DashboardTicketEntity } from './dashboard-ticket.entity';
import { SessionCheck } from './session-check';
import { SessionStore } from './session.store';
import { RefreshSessionUseCase } from './refresh-session.usecase';
import { EndSessionUseCase } from './end-session.usecase';
import { DashboardTicketsUseCase } from './dashboard-tickets.usecase';
import { ChangeUserAccessUseCase } from './change-user-access.usecase';
import { OrganisationHistoryEntity } from './organisation-history.entity';
import { RegisterOrganisationUseCase } from './register-organisation.usecase';
import { VerifyOrganisationUseCase } from './verify-organisation.usecase';
import { InvitationEntity } from './invitation.entity';
import { UserHistoryEntity } from './user-history.entity';
import { ChangePasswordUseCase } from './change-password.usecase';
import { StaffAdministrationUseCase } from './staff-administration.usecase';
import { InviteColleagueUseCase } from './invite-colleague.usecase';

/** The tables of this context; PersistenceModule registers every context's list. */
export const IDENTITY_ENTITIES = [
  OrganisationEntity,
  UserEntity,
  BankAccountHistoryEntity,
  SessionEntity,
  DashboardTicketEntity,
  OrganisationHistoryEntity,
  InvitationEntity,
  UserHistoryEntity,
];

/**
 * Organisations and user accounts: sign-in (password check and rehash, lock-out), sessions (refresh-token rotation,
 * sign-out, the per-request liveness check, queue dashboard tickets), changes of a user's access, the organisation's
 * own profile and its payee bank account, registration of organisations and their verification (实名认证),
 * invitations of colleagues, staff administration and password changes. Needs PersistenceModule's DataSource. `principalOf` and password hashing stay plain functions.
 */
@Module({
  providers: [
    SignInUseCase,
    OrganisationQueries,
    SetBankAccountUseCase,
    SessionCheck,
    SessionStore,
    RefreshSessionUseCase,
    EndSessionUseCase,
    DashboardTicketsUseCase,
    ChangeUserAccessUseCase,
    RegisterOrganisationUseCase,
    VerifyOrganisationUseCase,
    ChangePasswordUseCase,
    StaffAdministrationUseCase,
    InviteColleagueUseCase,
  ],
  exports: [
    SignInUseCase,
    OrganisationQueries,
    SetBankAccountUseCase,
    SessionCheck,
    RefreshSessionUseCase,
    EndSessionUseCase,
    DashboardTicketsUseCase,
    ChangeUserAccessUseCase,
    RegisterOrganisationUseCase,
    VerifyOrganisationUseCase,
    ChangePasswordUseCase,
    StaffAdministrationUseCase,
    InviteColleagueUseCase,
  ],
})
export class IdentityModule {}
