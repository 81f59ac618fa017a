import { DisbursementEventType, DisbursementState, DomainError, DomainErrorCode, Principal } from '@app/domain';
import { JobName, JobProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisbursementChange, DisbursementEngine } from './disbursement-engine.service';
import { canSeeDisbursement } from './disbursement-visibility.util';
import { DisbursementEntity } from './disbursement.entity';
import { PaymentGateway } from './payment-gateway';
import { requireVersion } from './require-version.util';

/**
 * Finance's way out of a payment that is stuck or failed, or of an entitlement that must not be paid: retry or
 * cancel it, with a reason recorded on the history row (who and why) and the version the officer saw (required). A retry of an approved or paying disbursement re-queues its
 * payment under a new job id (the job asks the bank first); a retry of a failed one sends it back for approval. A
 * paying disbursement is cancelled only when no payment job of it is running (one may be at the bank right now)
 * and the bank says it does not have the reference.
 */
@Injectable()
export class ResolvePaymentUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: DisbursementEngine,
    private readonly gateway: PaymentGateway,
    private readonly jobs: JobProducer,
  ) {}

  async retry(
    id: string,
    principal: Principal,
    reason: string | undefined,
    expectedVersion: number | null,
  ): Promise<DisbursementChange> {
    const version = requireVersion(expectedVersion);
    const d = await this.read(id, principal);
    if (d.state !== DisbursementState.Failed && !reason?.trim()) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        'reason is required to retry a payment that is stuck: say why, it is kept in the history',
        { fields: ['reason'] },
      );
    }
    const event = reason?.trim()
      ? { type: DisbursementEventType.Retry, actor: principal, reason: reason.trim() }
      : { type: DisbursementEventType.Retry, actor: principal };
    return this.engine.fire(id, principal, event as never, version);
  }

  async cancel(
    id: string,
    principal: Principal,
    reason: string,
    expectedVersion: number | null,
  ): Promise<DisbursementChange> {
    const version = requireVersion(expectedVersion);
    const d = await this.read(id, principal);
    if (d.state === DisbursementState.Paying) {
      // a job running now may call the bank after the bank was asked below: wait until it has ended
      const running = await this.jobs.activeJobIds(JobName.PayDisbursement, (p) => p.disbursementId === id);
      if (running.length > 0) {
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `a payment attempt of ${d.reference} is running now (job ${running.join(', ')}): it cannot be cancelled until that attempt has ended`,
          { activeJobs: running },
        );
      }
      const known = await this.gateway.statusOf(d.reference);
      if (known.status === 'paid') {
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `the bank reports ${d.reference} paid (bank reference ${known.bankReference}): it cannot be cancelled; retry to record the payment`,
          { bankReference: known.bankReference },
        );
      }
      return this.engine.fire(
        id,
        principal,
        { type: DisbursementEventType.Cancel, actor: principal, reason },
        version,
        { payload: { bank: known.status } },
      );
    }
    return this.engine.fire(id, principal, { type: DisbursementEventType.Cancel, actor: principal, reason }, version);
  }

  private async read(id: string, principal: Principal): Promise<DisbursementEntity> {
    const d = await this.db.getRepository(DisbursementEntity).findOneBy({ id });
    if (!d || !canSeeDisbursement(principal, d))
      throw new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`);
    return d;
  }
}
