import { Module } from '@nestjs/common';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** The tables of this context; PersistenceModule registers every context's list. */
export const IDENTITY_ENTITIES = [OrganisationEntity, UserEntity];

/**
 * Organisations and user accounts. Nothing to inject yet: a user's principal (`principalOf`) and password
 * hashing are plain functions; the module is where an identity service would go.
 */
@Module({})
export class IdentityModule {}
