import { SYSTEM_PRINCIPAL } from '@app/accreditation';
import {
  DisbursementEvent,
  DisbursementEventType,
  DisbursementState,
  DomainError,
  DomainErrorCode,
  maskAccountNumber,
  PayeeBankAccount,
  payeeProblems,
} from '@app/domain';
import { OrganisationEntity, payeeAccountHash } from '@app/identity';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisbursementEngine } from './disbursement-engine.service';
import { DisbursementEntity } from './disbursement.entity';
import { PaymentFailedError, PaymentGateway } from './payment-gateway';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';

/** What a payment job did; a failure the queue should retry is thrown instead. */
export type PayOutcome = 'paid' | 'already-paid' | 'nothing-to-do' | 'failed-final' | 'payee-changed';

const system = SYSTEM_PRINCIPAL;

/**
 * Pays one approved disbursement. Safe to run any number of times for the same disbursement: the state check
 * skips finished ones, and the gateway's idempotency key (the reference) makes a repeated call pay nothing more.
 */
@Injectable()
export class PayDisbursementUseCase {
  private readonly logger = new Logger(PayDisbursementUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: DisbursementEngine,
    private readonly gateway: PaymentGateway,
  ) {}

  /** `finalAttempt`: this is the queue's last try, so a failure waits for finance instead of being retried. */
  async execute(disbursementId: string, finalAttempt: boolean): Promise<PayOutcome> {
    const start = await this.start(disbursementId);
    if (!start.go) return start.outcome;
    const { d, payee, outcomeUnknown } = start;

    try {
      // the account approved, never the organisation's current one: a payment in flight is not redirected
      const account = d.payee;
      if (outcomeUnknown) {
        // paying already: an earlier delivery may have reached the bank and died before it heard back. Ask first.
        const known = await this.gateway.statusOf(d.reference);
        this.logger.log({ disbursementId: d.id, reference: d.reference, bank: known.status }, 'asked the bank');
        if (known.status === 'paid') {
          const succeeded = {
            type: DisbursementEventType.PaymentSucceeded,
            actor: system,
            bankReference: known.bankReference,
          } as const;
          return (await this.record(d, succeeded, {
            payload: { resolvedBy: 'statusOf' },
          })) === 'recorded'
            ? 'paid'
            : 'already-paid';
        }
        if (known.status === 'failed') throw new PaymentFailedError(`the bank refused: ${known.reason}`, true);
      }
      const problems = account ? payeeProblems(account) : ['no bank account was on file when it was approved'];
      if (problems.length > 0) throw new PaymentFailedError(`payee details unusable: ${problems.join('; ')}`, false);
      const receipt = await this.gateway.pay({
        idempotencyKey: d.reference,
        amountFen: d.amountFen,
        payeeName: payee.name,
        creditCode: payee.creditCode,
        account: account!,
        purpose: payee.purpose,
      });
      const succeeded = {
        type: DisbursementEventType.PaymentSucceeded,
        actor: system,
        bankReference: receipt.bankReference,
      } as const;
      return (await this.record(d, succeeded)) === 'recorded' ? 'paid' : 'already-paid';
    } catch (e) {
      if (e instanceof DomainError) throw e;
      const retryable = !(e instanceof PaymentFailedError) || e.retryable;
      const final = finalAttempt || !retryable;
      const message = e instanceof Error ? e.message : String(e);
      if (
        (await this.record(d, { type: DisbursementEventType.PaymentFailed, actor: system, error: message, final })) ===
        'already-paid'
      ) {
        return 'already-paid'; // another delivery paid it while this one failed
      }
      this.logger.warn({ disbursementId: d.id, reference: d.reference, final, err: message }, 'payment failed');
      if (final) return 'failed-final';
      throw e; // the queue retries with exponential backoff
    }
  }

  /**
   * Reads the disbursement with its payee (one query, no lock) and moves it to paying if it may be paid. Another
   * delivery of the same job, or finance, may change it in between: the write then finds a newer version and the
   * decision is made again on a fresh read.
   */
  private async start(
    id: string,
  ): Promise<
    { go: false; outcome: PayOutcome } | { go: true; d: DisbursementEntity; payee: Payee; outcomeUnknown: boolean }
  > {
    for (let attempt = 0; ; attempt++) {
      const { entities, raw } = await this.db
        .getRepository(DisbursementEntity)
        .createQueryBuilder('d')
        .innerJoin(OrganisationEntity, 'o', 'o.id = d.organisation_id')
        .innerJoin(SubsidyPolicyEntity, 'p', 'p.id = d.policy_id')
        .addSelect('o.name', 'payee_name')
        .addSelect('o.credit_code', 'payee_credit_code')
        .addSelect('o.bank_account', 'current_bank_account')
        .addSelect('p.purpose', 'payee_purpose')
        .where('d.id = :id', { id })
        .getRawAndEntities();
      const d = entities[0];
      if (!d) return { go: false, outcome: 'nothing-to-do' };
      const payee: Payee = {
        name: raw[0].payee_name,
        creditCode: raw[0].payee_credit_code,
        purpose: raw[0].payee_purpose,
      };
      const current: PayeeBankAccount | null = raw[0].current_bank_account;
      if (d.state === DisbursementState.Paid) return { go: false, outcome: 'already-paid' };
      // a redelivery after a crash, or a retry of a stuck payment: the bank may or may not have it
      if (d.state === DisbursementState.Paying) return { go: true, d, payee, outcomeUnknown: true };
      if (d.state !== DisbursementState.Approved && !(d.state === DisbursementState.Failed && d.context.autoRetry))
        return { go: false, outcome: 'nothing-to-do' };
      if (d.state === DisbursementState.Approved && !samePayee(d, current)) {
        await this.sendBack(d.id);
        return { go: false, outcome: 'payee-changed' };
      }
      try {
        await this.engine.fireOptimistic(d, system, { type: DisbursementEventType.StartPayment, actor: system });
        return { go: true, d, payee, outcomeUnknown: false };
      } catch (e) {
        if (!(e instanceof DomainError && e.code === DomainErrorCode.VersionConflict) || attempt >= 3) throw e;
      }
    }
  }

  /**
   * The organisation's account is no longer the one approved (a change that raced the approval, or a row approved
   * before payees were recorded): back to approval instead of paying, checked again under the locks.
   */
  private async sendBack(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [org]: { bank_account: PayeeBankAccount | null }[] = await tx.query(
        `SELECT o.bank_account FROM organisations o JOIN disbursements d ON d.organisation_id = o.id
          WHERE d.id = $1 FOR SHARE OF o`,
        [id],
      );
      const d = await this.engine.lock(tx, id, system);
      if (d.state !== DisbursementState.Approved || samePayee(d, org?.bank_account ?? null)) return;
      const reason = `the bank account on file (${org?.bank_account ? maskAccountNumber(org.bank_account.accountNumber) : 'none'}) is not the one approved (${d.payee ? maskAccountNumber(d.payee.accountNumber) : 'none'}): verify and approve the payee again`;
      this.logger.warn({ disbursementId: id, reference: d.reference }, 'payee changed since approval: sent back');
      await this.engine.fireInTx(
        tx,
        id,
        system,
        { type: DisbursementEventType.PayeeChanged, actor: system, reason },
        null,
        {},
        d,
      );
    });
  }

  /** Records the gateway's answer; if another delivery has meanwhile recorded the payment, says so instead. */
  private async record(
    d: DisbursementEntity,
    event: DisbursementEvent,
    extra: { columns?: Partial<DisbursementEntity>; payload?: Record<string, unknown> } = {},
  ): Promise<'recorded' | 'already-paid'> {
    try {
      await this.engine.fireOptimistic(d, system, event, extra);
      return 'recorded';
    } catch (e) {
      if (!(e instanceof DomainError && e.code === DomainErrorCode.VersionConflict)) throw e;
      const now = await this.db.getRepository(DisbursementEntity).findOneByOrFail({ id: d.id });
      if (now.state === DisbursementState.Paid) return 'already-paid';
      throw e;
    }
  }
}

interface Payee {
  name: string;
  creditCode: string;
  purpose: string;
}

/** Whether the organisation's account is still the one approved (both none counts as the same). */
function samePayee(d: DisbursementEntity, current: PayeeBankAccount | null): boolean {
  return (current ? payeeAccountHash(current) : null) === d.payeeAccountHash;
}
