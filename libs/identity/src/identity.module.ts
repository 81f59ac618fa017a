import { Module } from '@nestjs/common';
import { BankAccountHistoryEntity } from './bank-account-history.entity';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationQueries } from './organisation.queries';
import { SetBankAccountUseCase } from './set-bank-account.usecase';
import { SignInUseCase } from './sign-in.usecase';
import { UserEntity } from './user.entity';

/** The tables of this context; PersistenceModule registers every context's list. */
export const IDENTITY_ENTITIES = [OrganisationEntity, UserEntity, BankAccountHistoryEntity];

/**
 * Organisations and user accounts: sign-in (password check and rehash), the organisation's own profile and its
 * payee bank account. Needs PersistenceModule's DataSource. `principalOf` and password hashing stay plain functions.
 */
@Module({
  providers: [SignInUseCase, OrganisationQueries, SetBankAccountUseCase],
  exports: [SignInUseCase, OrganisationQueries, SetBankAccountUseCase],
})
export class IdentityModule {}
