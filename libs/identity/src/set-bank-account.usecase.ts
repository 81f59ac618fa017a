import { DomainError, DomainErrorCode, type PayeeBankAccount, payeeProblems, type Principal } from '@app/domain';
import { Clock } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BankAccountHistoryEntity } from './bank-account-history.entity';
import { OrganisationEntity } from './organisation.entity';
import { BankAccountChange, OrganisationProfile, OrganisationQueries, profileOf } from './organisation.queries';
import { payeeRecordOf } from './payee-record.util';

/**
 * Sets the account an organisation's subsidies are paid to. The details must be payable (payeeProblems) and the
 * account must be in the organisation's registered name. A different account is recorded in the bank-account
 * history (masked, with hashes); the same account again changes nothing.
 */
@Injectable()
export class SetBankAccountUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly organisations: OrganisationQueries,
    private readonly clock: Clock,
  ) {}

  async execute(p: Principal, input: PayeeBankAccount): Promise<OrganisationProfile> {
    return (await this.db.transaction((tx) => this.inTx(tx, p, input))).profile;
  }

  /**
   * The same in the caller's transaction, with the organisation row locked until it ends; answers the change
   * recorded (null when the account is the one already on file), so the caller can act on it in the same
   * transaction.
   */
  async inTx(
    tx: EntityManager,
    p: Principal,
    input: PayeeBankAccount,
  ): Promise<{ profile: OrganisationProfile; change: BankAccountChange | null }> {
    const own = await this.organisations.ownOrganisation(p);
    const account: PayeeBankAccount = {
      bankName: input.bankName,
      accountName: input.accountName,
      accountNumber: input.accountNumber,
      branchCode: input.branchCode ?? null,
    };
    const problems = payeeProblems(account);
    if (input.accountName?.trim() !== own.name)
      problems.push(`accountName must be the organisation's registered name (${own.name})`);
    if (problems.length)
      throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['bankAccount'] });

    const org = await tx
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .setLock('for_no_key_update') // not FOR UPDATE: rows that only reference it may still be inserted
      .where('o.id = :id', { id: own.id })
      .getOneOrFail();
    const from = org.bankAccount ? payeeRecordOf(org.bankAccount) : null;
    const to = payeeRecordOf(account);
    if (from?.accountHash === to.accountHash) return { profile: profileOf(org), change: null };

    await tx.getRepository(OrganisationEntity).update({ id: org.id }, { bankAccount: account });
    const row = await tx.getRepository(BankAccountHistoryEntity).save({
      organisationId: org.id,
      changedBy: p.id!,
      changedAt: this.clock.now(),
      fromAccount: from,
      toAccount: to,
    });
    return {
      profile: profileOf({ ...org, bankAccount: account }),
      change: { id: row.id, organisationId: org.id, changedBy: row.changedBy, changedAt: row.changedAt, from, to },
    };
  }
}
