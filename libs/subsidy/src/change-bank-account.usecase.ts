import { DisbursementEventType, DisbursementState, type PayeeBankAccount, type Principal } from '@app/domain';
import { type BankAccountChange, type OrganisationProfile, SetBankAccountUseCase } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DisbursementEngine } from './disbursement-engine.service';
import { DisbursementEntity } from './disbursement.entity';

/**
 * An applicant changes the organisation's payee account (identity records the change, masked) and, in the same
 * transaction, every verified or approved disbursement of that organisation not yet being paid goes back to
 * verification (pending_approval) with a PAYEE_CHANGED history row naming the change: the new payee is checked and
 * approved again, by two officers. One being paid (or paid) keeps the account it was approved with.
 * The organisation row is locked first, then the disbursements, in the order approval takes them.
 */
@Injectable()
export class ChangeBankAccountUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly bankAccount: SetBankAccountUseCase,
    private readonly engine: DisbursementEngine,
  ) {}

  async execute(p: Principal, input: PayeeBankAccount): Promise<OrganisationProfile> {
    return this.db.transaction(async (tx) => {
      const { profile, change } = await this.bankAccount.inTx(tx, p, input);
      if (change) await this.sendBack(tx, p, change);
      return profile;
    });
  }

  private async sendBack(tx: EntityManager, p: Principal, change: BankAccountChange): Promise<void> {
    const decided = await tx
      .getRepository(DisbursementEntity)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.organisation_id = :org AND d.state IN (:...states)', {
        org: change.organisationId,
        states: [DisbursementState.Verified, DisbursementState.Approved],
      })
      .orderBy('d.id')
      .getMany();
    const reason = `bank account changed from ${change.from?.maskedAccount ?? 'none'} to ${change.to.maskedAccount}: the payee must be verified and approved again`;
    for (const d of decided) {
      await this.engine.fireInTx(
        tx,
        d.id,
        p,
        { type: DisbursementEventType.PayeeChanged, actor: p, reason },
        null,
        { payload: { bankAccountChangeId: change.id, from: change.from, to: change.to } },
        d,
      );
    }
  }
}
