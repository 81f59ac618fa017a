import { DomainError, DomainErrorCode, isWithin, type Principal, Role } from '@app/domain';
import { Clock, cursorBatches, subtreePattern } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrganisationEvent, OrganisationHistoryEntity } from './organisation-history.entity';
import { OrganisationEntity, OrganisationKind, VerificationStatus } from './organisation.entity';
import { UserEntity } from './user.entity';

/** A registration as the regulators who verify it see it. */
export interface RegistrationRecord {
  id: string;
  name: string;
  creditCode: string;
  kind: OrganisationKind;
  jurisdictionCode: string;
  verificationStatus: VerificationStatus;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  registeredAt: Date;
  /** the users acting for the organisation */
  users: { id: string; username: string; displayName: string }[];
  history: {
    event: OrganisationEvent;
    fromStatus: string | null;
    toStatus: string;
    actorId: string | null;
    actorRole: string;
    reason: string | null;
    at: Date;
  }[];
}

/** One row of the registrations export: the list's organisation with its jurisdiction's name. */
export interface RegistrationExportRow {
  name: string;
  credit_code: string;
  kind: string;
  jurisdiction_code: string;
  jurisdiction_name: string | null;
  verification_status: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  registered_at: Date;
}

export type VerificationDecision = 'verified' | 'refused';

/**
 * 实名认证: regulators (and the admin) list the organisations of their jurisdiction's subtree by status and verify
 * or refuse a pending one; a refusal needs a reason. The decision is checked against the status the row has under
 * lock, written with a history row in the same transaction. An organisation outside the caller's subtree is a 404.
 */
@Injectable()
export class VerifyOrganisationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(
    principal: Principal,
    status: VerificationStatus = VerificationStatus.Pending,
  ): Promise<RegistrationRecord[]> {
    this.assertBureau(principal);
    const orgs = await this.db
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .innerJoin(JurisdictionEntity, 'j', 'j.code = o.jurisdiction_code')
      .where('o.verification_status = :status', { status })
      .andWhere(`j.path LIKE :prefix`, { prefix: subtreePattern(principal.jurisdictionPath!) })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(500)
      .getMany();
    return Promise.all(orgs.map((o) => this.recordOf(this.db.manager, o)));
  }

  /** The same list as `list`, whole (no cap), for an export: a cursor's batches, in the list's order. */
  exportRows(
    principal: Principal,
    status: VerificationStatus = VerificationStatus.Pending,
  ): AsyncIterable<readonly RegistrationExportRow[]> {
    this.assertBureau(principal);
    const [sql, params] = this.db
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .innerJoin(JurisdictionEntity, 'j', 'j.code = o.jurisdiction_code')
      .where('o.verification_status = :status', { status })
      .andWhere(`j.path LIKE :prefix`, { prefix: subtreePattern(principal.jurisdictionPath!) })
      .select([
        'o.name AS name',
        'o.credit_code AS credit_code',
        'o.kind AS kind',
        'o.jurisdiction_code AS jurisdiction_code',
        'j.name AS jurisdiction_name',
        'o.verification_status AS verification_status',
        'o.contact_name AS contact_name',
        'o.contact_phone AS contact_phone',
        'o.contact_email AS contact_email',
        'o.created_at AS registered_at',
      ])
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getQueryAndParameters();
    return cursorBatches<RegistrationExportRow>(this.db, sql, params);
  }

  async get(principal: Principal, id: string): Promise<RegistrationRecord> {
    this.assertBureau(principal);
    return this.recordOf(this.db.manager, await this.visible(this.db.manager, principal, id, false));
  }

  async decide(
    principal: Principal,
    id: string,
    decision: VerificationDecision,
    reason?: string | null,
  ): Promise<RegistrationRecord> {
    this.assertBureau(principal);
    if (decision !== 'verified' && decision !== 'refused')
      throw new DomainError(DomainErrorCode.ValidationFailed, 'decision must be verified or refused', {
        fields: ['decision'],
      });
    const why = reason?.trim() || null;
    if (decision === 'refused' && !why)
      throw new DomainError(DomainErrorCode.ValidationFailed, 'a refusal needs a reason', { fields: ['reason'] });
    return this.db.transaction(async (tx) => {
      const org = await this.visible(tx, principal, id, true);
      if (org.verificationStatus !== VerificationStatus.Pending)
        throw new DomainError(
          DomainErrorCode.EventNotAllowed,
          `${org.name} is ${org.verificationStatus}, not pending: nothing to decide`,
          { state: org.verificationStatus, allowed: [] },
        );
      const to = decision === 'verified' ? VerificationStatus.Verified : VerificationStatus.Refused;
      await tx.getRepository(OrganisationEntity).update({ id: org.id }, { verificationStatus: to });
      await tx.getRepository(OrganisationHistoryEntity).insert({
        organisationId: org.id,
        event: to === VerificationStatus.Verified ? OrganisationEvent.Verify : OrganisationEvent.Refuse,
        fromStatus: org.verificationStatus,
        toStatus: to,
        actorId: principal.id,
        actorRole: principal.role,
        reason: why,
        at: this.clock.now(),
      });
      return this.recordOf(tx, { ...org, verificationStatus: to });
    });
  }

  private assertBureau(principal: Principal): void {
    if ((principal.role !== Role.Regulator && principal.role !== Role.Admin) || !principal.jurisdictionPath)
      throw new DomainError(DomainErrorCode.Forbidden, 'only regulators and admins verify organisations');
  }

  /** The organisation, if it lies in the caller's subtree (404 otherwise: its existence does not leak). */
  private async visible(
    tx: EntityManager,
    principal: Principal,
    id: string,
    lock: boolean,
  ): Promise<OrganisationEntity> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    let q = tx.getRepository(OrganisationEntity).createQueryBuilder('o').where('o.id = :id', { id });
    if (lock) q = q.setLock('pessimistic_write');
    const org = uuid ? await q.getOne() : null;
    const jurisdiction = org
      ? await tx.getRepository(JurisdictionEntity).findOneBy({ code: org.jurisdictionCode })
      : null;
    if (!org || !jurisdiction || !isWithin(jurisdiction.path, principal.jurisdictionPath!))
      throw new DomainError(DomainErrorCode.NotFound, `no organisation ${id} in your jurisdiction`);
    return org;
  }

  private async recordOf(tx: EntityManager, o: OrganisationEntity): Promise<RegistrationRecord> {
    // one statement at a time: a transaction's connection runs one query at a time (pg deprecates queuing them)
    const users = await tx
      .getRepository(UserEntity)
      .find({ where: { organisationId: o.id }, order: { createdAt: 'ASC' } });
    const history = await tx
      .getRepository(OrganisationHistoryEntity)
      .find({ where: { organisationId: o.id }, order: { at: 'ASC' } });
    return {
      id: o.id,
      name: o.name,
      creditCode: o.creditCode,
      kind: o.kind,
      jurisdictionCode: o.jurisdictionCode,
      verificationStatus: o.verificationStatus,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      contactEmail: o.contactEmail,
      registeredAt: o.createdAt,
      users: users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName })),
      history: history.map(({ event, fromStatus, toStatus, actorId, actorRole, reason, at }) => ({
        event,
        fromStatus,
        toStatus,
        actorId,
        actorRole,
        reason,
        at,
      })),
    };
  }
}
