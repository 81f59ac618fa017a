import {
  applyDisbursementEvent,
  BUDGET_STATES,
  DisbursementEvent,
  DisbursementEventType,
  DomainError,
  DomainErrorCode,
  isWithin,
  Principal,
  Role,
} from '@app/domain';
import { DisbursementEntity, DisbursementHistoryEntity } from '@app/persistence';
import { JobRequest, payDisbursementJob, writeOutbox } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock';

export interface DisbursementChange {
  disbursement: DisbursementEntity;
  history: DisbursementHistoryEntity;
}

/**
 * The one place a disbursement changes state: lock, check scope and version, ask the machine, then save the row,
 * its history and any outbox job in the caller's transaction.
 */
@Injectable()
export class DisbursementEngine {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async fire(id: string, principal: Principal, event: DisbursementEvent, expectedVersion: number | null, extra: Extra = {}): Promise<DisbursementChange> {
    return this.db.transaction((tx) => this.fireInTx(tx, id, principal, event, expectedVersion, extra));
  }

  async lock(tx: EntityManager, id: string, principal: Principal): Promise<DisbursementEntity> {
    const d = await tx
      .getRepository(DisbursementEntity)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    if (!d || !canSeeDisbursement(principal, d)) throw new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`);
    return d;
  }

  async fireInTx(
    tx: EntityManager,
    id: string,
    principal: Principal,
    event: DisbursementEvent,
    expectedVersion: number | null,
    extra: Extra = {},
  ): Promise<DisbursementChange> {
    const d = await this.lock(tx, id, principal);
    if (expectedVersion !== null && expectedVersion !== d.version) {
      throw new DomainError(
        DomainErrorCode.VersionConflict,
        `the disbursement changed since you read it (your version ${expectedVersion}, current version ${d.version})`,
        { currentVersion: d.version },
      );
    }
    const next = applyDisbursementEvent({ state: d.state, context: d.context }, event);
    const now = this.clock.now();
    const version = d.version + 1;
    const columns: Partial<DisbursementEntity> = { ...extra.columns };
    const jobs: JobRequest[] = [];
    switch (event.type) {
      case DisbursementEventType.Approve:
        Object.assign(columns, { approvedBy: principal.id, approvedAt: now });
        jobs.push(payDisbursementJob(d.id, version)); // one job id per approval
        break;
      case DisbursementEventType.PaymentSucceeded:
        Object.assign(columns, { bankReference: event.bankReference, paidAt: now, lastError: null });
        break;
      case DisbursementEventType.PaymentFailed:
        Object.assign(columns, { lastError: event.error });
        break;
      default:
        break;
    }
    // keep the policy's committed amount in step with the states that hold budget
    const delta = (BUDGET_STATES.includes(next.state) ? d.amountFen : 0) - (BUDGET_STATES.includes(d.state) ? d.amountFen : 0);
    if (delta !== 0) {
      await tx.query('UPDATE subsidy_policies SET committed_fen = committed_fen + $2 WHERE id = $1', [d.policyId, delta]);
    }
    const res = await tx.update(
      DisbursementEntity,
      { id: d.id, version: d.version },
      { state: next.state, context: next.context, version, updatedAt: now, ...columns },
    );
    if (res.affected !== 1) throw new DomainError(DomainErrorCode.VersionConflict, 'the disbursement changed; reload and try again');
    const history = await tx.getRepository(DisbursementHistoryEntity).save({
      disbursementId: d.id,
      version,
      event: event.type,
      fromState: d.state,
      toState: next.state,
      actorId: principal.id,
      actorRole: principal.role,
      reason: 'reason' in event ? event.reason : 'error' in event ? event.error : null,
      payload: extra.payload ?? {},
      at: now,
    });
    await writeOutbox(tx, jobs);
    Object.assign(d, { state: next.state, context: next.context, version, updatedAt: now }, columns);
    return { disbursement: d, history };
  }
}

interface Extra {
  columns?: Partial<DisbursementEntity>;
  payload?: Record<string, unknown>;
}

/** Finance sees the money of its own bureau and below; the system sees everything. */
export function canSeeDisbursement(p: Principal, d: DisbursementEntity): boolean {
  if (p.role === Role.System) return true;
  if (p.role === Role.Finance || p.role === Role.Admin) {
    return p.jurisdictionPath !== null && isWithin(d.jurisdictionPath, p.jurisdictionPath);
  }
  return false;
}
