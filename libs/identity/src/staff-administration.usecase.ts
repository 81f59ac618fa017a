import { DomainError, DomainErrorCode, isWithin, type Principal, Role } from '@app/domain';
import { Clock, subtreePattern } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { endSessionsOf, oneTimePassword } from './account-password.util';
import { hashPassword } from './password-hasher';
import { type AccountChange, UserHistoryEntity, UserEvent } from './user-history.entity';
import { UserEntity } from './user.entity';

/** The roles a bureau administrator manages. */
export const STAFF_ROLES = [Role.Regulator, Role.Finance, Role.Evaluator] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  jurisdictionCode: string;
  active: boolean;
  mustChangePassword: boolean;
  createdBy: string | null;
  createdAt: Date;
}

export interface NewStaffUser {
  username: string;
  displayName: string;
  role: StaffRole;
  jurisdictionCode: string;
}

export interface StaffAccessChange {
  active?: boolean;
  role?: StaffRole;
  jurisdictionCode?: string;
}

/** A new account or a reset: the one-time password is shown once, to the administrator, and never stored. */
export interface OneTimeCredential {
  user: StaffUser;
  oneTimePassword: string;
}

const staffOf = (u: UserEntity): StaffUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role as StaffRole,
  jurisdictionCode: u.jurisdictionCode!,
  active: u.active,
  mustChangePassword: u.mustChangePassword,
  createdBy: u.createdBy,
  createdAt: u.createdAt,
});

/**
 * Bureau administrators manage the staff (regulators, finance officers, evaluators) of their jurisdiction's subtree:
 * create an account with a one-time password, disable or enable it, change its role or jurisdiction (within the
 * subtree), reset its password. A one-time password must be changed at the first sign-in. Disabling, a change of
 * role or jurisdiction and a reset end the user's sessions. Each action is on the user's history with who did it.
 * A user outside the subtree, an applicant or an administrator is a 404 here.
 */
@Injectable()
export class StaffAdministrationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(admin: Principal, filter: { role?: StaffRole; active?: boolean } = {}): Promise<StaffUser[]> {
    this.assertAdmin(admin);
    let q = this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(JurisdictionEntity, 'j', 'j.code = u.jurisdiction_code')
      .where('u.role IN (:...roles)', { roles: filter.role ? [filter.role] : STAFF_ROLES })
      .andWhere('j.path LIKE :prefix', { prefix: subtreePattern(admin.jurisdictionPath!) });
    if (filter.active !== undefined) q = q.andWhere('u.active = :active', { active: filter.active });
    return (await q.orderBy('u.username', 'ASC').limit(1000).getMany()).map(staffOf);
  }

  async create(admin: Principal, input: NewStaffUser): Promise<OneTimeCredential> {
    this.assertAdmin(admin);
    this.assertStaffRole(input.role);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (tx) => {
      await this.assertInSubtree(tx, admin, input.jurisdictionCode);
      if (await tx.getRepository(UserEntity).existsBy({ username: input.username }))
        throw new DomainError(DomainErrorCode.AlreadyExists, `the username ${input.username} is taken`, {
          fields: ['username'],
        });
      const created = await tx.getRepository(UserEntity).save({
        username: input.username,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        jurisdictionCode: input.jurisdictionCode,
        organisationId: null,
        mustChangePassword: true,
        createdBy: admin.id,
      });
      await this.record(tx, created.id, admin, UserEvent.Create, {
        role: input.role,
        jurisdictionCode: input.jurisdictionCode,
      });
      return tx.getRepository(UserEntity).findOneByOrFail({ id: created.id });
    });
    return { user: staffOf(user), oneTimePassword: password };
  }

  async changeAccess(admin: Principal, userId: string, change: StaffAccessChange): Promise<StaffUser> {
    this.assertAdmin(admin);
    return this.db.transaction(async (tx) => {
      const user = await this.staffMember(tx, admin, userId);
      const diff: StaffAccessChange = {};
      if (change.role !== undefined && change.role !== user.role) {
        this.assertStaffRole(change.role);
        diff.role = change.role;
      }
      if (change.jurisdictionCode !== undefined && change.jurisdictionCode !== user.jurisdictionCode) {
        await this.assertInSubtree(tx, admin, change.jurisdictionCode, 'jurisdictionCode');
        diff.jurisdictionCode = change.jurisdictionCode;
      }
      if (change.active !== undefined && change.active !== user.active) diff.active = change.active;
      if (Object.keys(diff).length === 0)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          'nothing to change: give active, role or jurisdictionCode that differ',
          {
            fields: ['active', 'role', 'jurisdictionCode'],
          },
        );
      // the users table's trigger raises the token version and ends the user's sessions
      await tx.getRepository(UserEntity).update({ id: user.id }, diff);
      await this.record(tx, user.id, admin, UserEvent.ChangeAccess, {
        ...Object.fromEntries(Object.keys(diff).map((k) => [`${k}From`, user[k as keyof StaffAccessChange]])),
        ...diff,
      });
      return staffOf(await tx.getRepository(UserEntity).findOneByOrFail({ id: user.id }));
    });
  }

  async resetPassword(admin: Principal, userId: string): Promise<OneTimeCredential> {
    this.assertAdmin(admin);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const target = await this.staffMember(tx, admin, userId);
      await tx.getRepository(UserEntity).update({ id: target.id }, { passwordHash, mustChangePassword: true });
      await endSessionsOf(tx, target.id);
      await this.record(tx, target.id, admin, UserEvent.ResetPassword, { mustChangePassword: true });
      return tx.getRepository(UserEntity).findOneByOrFail({ id: target.id });
    });
    return { user: staffOf(user), oneTimePassword: password };
  }

  private assertAdmin(p: Principal): void {
    if (p.role !== Role.Admin || !p.jurisdictionPath)
      throw new DomainError(DomainErrorCode.Forbidden, 'only bureau administrators manage staff');
  }

  private assertStaffRole(role: string): void {
    if (!(STAFF_ROLES as readonly string[]).includes(role))
      throw new DomainError(DomainErrorCode.ValidationFailed, `role must be one of ${STAFF_ROLES.join(', ')}`, {
        fields: ['role'],
      });
  }

  /** The jurisdiction exists and lies in the administrator's subtree (403 otherwise: jurisdictions are public). */
  private async assertInSubtree(tx: EntityManager, admin: Principal, code: string, field = 'jurisdictionCode') {
    const j = await tx.getRepository(JurisdictionEntity).findOneBy({ code });
    if (!j)
      throw new DomainError(DomainErrorCode.ValidationFailed, `${field} ${code} does not exist`, { fields: [field] });
    if (!isWithin(j.path, admin.jurisdictionPath!))
      throw new DomainError(DomainErrorCode.Forbidden, `${code} lies outside your jurisdiction`, { fields: [field] });
  }

  /** A staff user of the administrator's subtree, locked for the change (404 otherwise). */
  private async staffMember(tx: EntityManager, admin: Principal, id: string): Promise<UserEntity> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const user = uuid
      ? await tx
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .setLock('pessimistic_write')
          .where('u.id = :id', { id })
          .getOne()
      : null;
    const j = user?.jurisdictionCode
      ? await tx.getRepository(JurisdictionEntity).findOneBy({ code: user.jurisdictionCode })
      : null;
    if (
      !user ||
      !j ||
      !(STAFF_ROLES as readonly string[]).includes(user.role) ||
      !isWithin(j.path, admin.jurisdictionPath!)
    )
      throw new DomainError(DomainErrorCode.NotFound, `no staff user ${id} in your jurisdiction`);
    return user;
  }

  private async record(
    tx: EntityManager,
    userId: string,
    admin: Principal,
    event: UserEvent,
    change: AccountChange,
  ): Promise<void> {
    await tx.getRepository(UserHistoryEntity).insert({
      userId,
      event,
      actorId: admin.id,
      actorRole: admin.role,
      change,
      at: this.clock.now(),
    });
  }
}
