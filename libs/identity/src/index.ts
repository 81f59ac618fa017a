export { OrganisationEntity, OrganisationKind } from './organisation.entity';
export { UserEntity } from './user.entity';
export { principalOf } from './principal.util';
export { hashPassword, type PasswordCheck, verifyPassword } from './password-hasher';
export { IDENTITY_ENTITIES, IdentityModule } from './identity.module';
export { type SignedInUser, type SignIn, SignInUseCase } from './sign-in.usecase';
export { type BankAccountChange, type OrganisationProfile, OrganisationQueries } from './organisation.queries';
export { SetBankAccountUseCase } from './set-bank-account.usecase';
export { payeeAccountHash, payeeRecordOf } from './payee-record.util';
