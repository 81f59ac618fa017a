import { DomainError, DomainErrorCode, type PayeeBankAccount, payeeProblems, type Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { OrganisationProfile, OrganisationQueries, profileOf } from './organisation.queries';

/**
 * Sets the account an organisation's subsidies are paid to. The details must be payable (payeeProblems) and the
 * account must be in the organisation's registered name.
 */
@Injectable()
export class SetBankAccountUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly organisations: OrganisationQueries,
  ) {}

  async execute(p: Principal, input: PayeeBankAccount): Promise<OrganisationProfile> {
    const org = await this.organisations.ownOrganisation(p);
    const account: PayeeBankAccount = {
      bankName: input.bankName,
      accountName: input.accountName,
      accountNumber: input.accountNumber,
      branchCode: input.branchCode ?? null,
    };
    const problems = payeeProblems(account);
    if (input.accountName?.trim() !== org.name)
      problems.push(`accountName must be the organisation's registered name (${org.name})`);
    if (problems.length)
      throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['bankAccount'] });
    await this.db.getRepository(OrganisationEntity).update({ id: org.id }, { bankAccount: account });
    return profileOf({ ...org, bankAccount: account });
  }
}
