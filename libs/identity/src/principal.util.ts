import { Principal, Role } from '@app/domain';
import { JurisdictionEntity } from '@app/programmes';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** The principal of a user account, with its jurisdiction's path looked up from the tree. */
export async function principalOf(db: DataSource | EntityManager, user: UserEntity): Promise<Principal> {
  const jurisdiction = user.jurisdictionCode
    ? await db.getRepository(JurisdictionEntity).findOneBy({ code: user.jurisdictionCode })
    : null;
  return {
    id: user.id,
    role: user.role as Role,
    username: user.username,
    jurisdictionCode: user.jurisdictionCode,
    jurisdictionPath: jurisdiction?.path ?? null,
    organisationId: user.organisationId,
  };
}
