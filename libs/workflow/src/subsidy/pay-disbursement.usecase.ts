import { DisbursementEventType, DisbursementState, DomainError, payeeProblems } from '@app/domain';
import { DisbursementEntity, OrganisationEntity, SubsidyPolicyEntity } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL } from '../close-notice.usecase';
import { DisbursementEngine } from './disbursement-engine.service';
import { PaymentFailedError, PaymentGateway } from './payment-gateway';

export type PayOutcome = 'paid' | 'already-paid' | 'nothing-to-do' | 'failed-will-retry' | 'failed-final';

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
    const start = await this.db.transaction(async (tx) => {
      const d = await this.engine.lock(tx, disbursementId, system);
      if (d.state === DisbursementState.Paid) return { go: false as const, outcome: 'already-paid' as const };
      if (d.state === DisbursementState.Paying) return { go: true as const, d }; // a redelivery after a crash: ask the gateway again
      if (d.state === DisbursementState.Approved || (d.state === DisbursementState.Failed && d.context.autoRetry)) {
        const { disbursement } = await this.engine.fireInTx(tx, d.id, system, { type: DisbursementEventType.StartPayment, actor: system }, null);
        return { go: true as const, d: disbursement };
      }
      return { go: false as const, outcome: 'nothing-to-do' as const };
    });
    if (!start.go) return start.outcome;
    const d = start.d;

    const org = await this.db.getRepository(OrganisationEntity).findOneByOrFail({ id: d.organisationId });
    const policy = await this.db.getRepository(SubsidyPolicyEntity).findOneByOrFail({ id: d.policyId });
    try {
      const account = org.bankAccount;
      const problems = account ? payeeProblems(account) : ['the organisation has no bank account on file'];
      if (problems.length > 0) throw new PaymentFailedError(`payee details unusable: ${problems.join('; ')}`, false);
      const receipt = await this.gateway.pay({
        idempotencyKey: d.reference,
        amountFen: d.amountFen,
        payeeName: org.name,
        creditCode: org.creditCode,
        account: account!,
        purpose: policy.purpose,
      });
      await this.engine.fire(d.id, system, { type: DisbursementEventType.PaymentSucceeded, actor: system, bankReference: receipt.bankReference }, null, {
        columns: { payee: account },
      });
      this.logger.log({ disbursementId: d.id, reference: d.reference, bankReference: receipt.bankReference }, 'paid');
      return 'paid';
    } catch (e) {
      if (e instanceof DomainError) throw e;
      const retryable = !(e instanceof PaymentFailedError) || e.retryable;
      const final = finalAttempt || !retryable;
      const message = e instanceof Error ? e.message : String(e);
      await this.engine.fire(d.id, system, { type: DisbursementEventType.PaymentFailed, actor: system, error: message, final }, null);
      this.logger.warn({ disbursementId: d.id, reference: d.reference, final, err: message }, 'payment failed');
      if (final) return 'failed-final';
      throw e; // the queue retries with exponential backoff
    }
  }
}

export type { DisbursementEntity };
