export { OrganisationEntity, OrganisationKind } from './organisation.entity';
export { UserEntity } from './user.entity';
export { principalOf } from './principal.util';
export { hashPassword, type PasswordCheck, verifyPassword } from './password-hasher';
export { IDENTITY_ENTITIES, IdentityModule } from './identity.module';
