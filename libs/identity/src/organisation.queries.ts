import {
  DomainError,
  DomainErrorCode,
  type PayeeBankAccount,
  type PayeeRecord,
  type Principal,
  usccProblem,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BankAccountHistoryEntity } from './bank-account-history.entity';
import { OrganisationEntity, OrganisationKind, VerificationStatus } from './organisation.entity';

/** A change of payee as recorded in the organisation's bank-account history: masked, never the full number. */
export interface BankAccountChange {
  id: string;
  organisationId: string;
  changedBy: string;
  changedAt: Date;
  /** null when the organisation had no account before */
  from: PayeeRecord | null;
  to: PayeeRecord;
}

/** An organisation as its own applicants see it. */
export interface OrganisationProfile {
  id: string;
  creditCode: string;
  name: string;
  kind: OrganisationKind;
  jurisdictionCode: string;
  /** 实名认证: only a verified organisation may apply */
  verificationStatus: VerificationStatus;
  bankAccount: PayeeBankAccount | null;
  createdAt: Date;
  /** whether the credit code's check character is right */
  creditCodeValid: boolean;
}

export function profileOf(org: OrganisationEntity): OrganisationProfile {
  return {
    id: org.id,
    creditCode: org.creditCode,
    name: org.name,
    kind: org.kind,
    jurisdictionCode: org.jurisdictionCode,
    verificationStatus: org.verificationStatus,
    bankAccount: org.bankAccount,
    createdAt: org.createdAt,
    creditCodeValid: usccProblem(org.creditCode) === null,
  };
}

/** Reads of organisations, scoped to the caller's own. */
@Injectable()
export class OrganisationQueries {
  constructor(private readonly db: DataSource) {}

  /** The caller's organisation; 404 for a principal that acts for none. */
  async mine(p: Principal): Promise<OrganisationProfile> {
    return profileOf(await this.ownOrganisation(p));
  }

  /** The caller's organisation row, for the context's use cases. */
  async ownOrganisation(p: Principal): Promise<OrganisationEntity> {
    const org = p.organisationId
      ? await this.db.getRepository(OrganisationEntity).findOneBy({ id: p.organisationId })
      : null;
    if (!org) throw new DomainError(DomainErrorCode.NotFound, 'you act for no organisation');
    return org;
  }

  /** The caller's organisation's bank-account changes, newest first: masked numbers and hashes only. */
  async bankAccountHistory(p: Principal): Promise<BankAccountChange[]> {
    const org = await this.ownOrganisation(p);
    const rows = await this.db
      .getRepository(BankAccountHistoryEntity)
      .find({ where: { organisationId: org.id }, order: { changedAt: 'DESC', id: 'DESC' } });
    return rows.map((h) => ({
      id: h.id,
      organisationId: h.organisationId,
      changedBy: h.changedBy,
      changedAt: h.changedAt,
      from: h.fromAccount,
      to: h.toAccount,
    }));
  }
}
