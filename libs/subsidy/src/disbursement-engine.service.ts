import {
  applyDisbursementEvent,
  assertWithinBudget,
  BUDGET_STATES,
  DisbursementEvent,
  DisbursementSnapshot,
  DisbursementEventType,
  DisbursementState,
  DomainError,
  DomainErrorCode,
  PayeeBankAccount,
  payeeProblems,
  Principal,
} from '@app/domain';
import { Clock, TransitionChange, TransitionEntry, TransitionWriter } from '@app/platform';
import { JobName, JobRequest, notifyEventJob } from '@app/queue';
import { payeeRecordOf } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'crypto';
import { DisbursementHistoryEntity } from './disbursement-history.entity';
import { DisbursementEntity } from './disbursement.entity';
import { DisbursementWorkItems } from './disbursement-work-items';
import { canSeeDisbursement } from './disbursement-visibility.util';
import { disbursementWrites } from './disbursement-events';

export interface DisbursementChange {
  disbursement: DisbursementEntity;
  history: DisbursementHistoryEntity;
}

/**
 * The one place a disbursement changes state: lock, check scope and version, ask the machine, then save the row,
 * its history and any outbox job in the caller's transaction. Every write of state, version and history goes
 * through one TransitionWriter (creation included: `entitle`).
 */
@Injectable()
export class DisbursementEngine {
  private transitions?: TransitionWriter<DisbursementEntity, DisbursementHistoryEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly work: DisbursementWorkItems,
  ) {}

  private get writer(): TransitionWriter<DisbursementEntity, DisbursementHistoryEntity> {
    return (this.transitions ??= new TransitionWriter(
      this.db,
      DisbursementEntity,
      DisbursementHistoryEntity,
      'disbursementId',
      // the work items (经办, 审批, a failed payment) follow every write, in its transaction
      (tx, written) => this.work.follow(tx, written),
    ));
  }

  /**
   * Creates an entitlement at version 1 with its ENTITLE history row, in the caller's transaction; a second one
   * for the same application and policy is refused by the unique key and answers null (nothing written).
   */
  async entitle(
    tx: EntityManager,
    values: Partial<Omit<DisbursementEntity, 'version'>>,
    entry: Omit<TransitionEntry, 'event' | 'fromState'>,
  ): Promise<string | null> {
    // the id is drawn here so the finance officers' notify job can name it (written only if the row is)
    const id = values.id ?? randomUUID();
    const created = await this.writer.create(
      tx,
      { ...values, id },
      { ...entry, event: 'ENTITLE', fromState: null },
      { ifAbsent: true, jobs: [notifyEventJob('disbursement', id, 1)] },
    );
    return created?.id ?? null;
  }

  async fire(
    id: string,
    principal: Principal,
    event: DisbursementEvent,
    expectedVersion: number | null,
    extra: Extra = {},
  ): Promise<DisbursementChange> {
    return this.db.transaction((tx) => this.fireInTx(tx, id, principal, event, expectedVersion, extra));
  }

  async lock(tx: EntityManager, id: string, principal: Principal): Promise<DisbursementEntity> {
    const d = await tx
      .getRepository(DisbursementEntity)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOne();
    if (!d || !canSeeDisbursement(principal, d))
      throw new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`);
    return d;
  }

  async fireInTx(
    tx: EntityManager,
    id: string,
    principal: Principal,
    event: DisbursementEvent,
    expectedVersion: number | null,
    extra: Extra = {},
    locked?: DisbursementEntity,
  ): Promise<DisbursementChange> {
    const d = locked ?? (await this.lock(tx, id, principal));
    const plan = this.plan(d, principal, event, expectedVersion, extra);
    if (plan.delta !== 0) {
      await tx.query('UPDATE subsidy_policies SET committed_fen = committed_fen + $2 WHERE id = $1', [
        d.policyId,
        plan.delta,
      ]);
    }
    const history = await this.writer.write(tx, plan.change);
    if (!history)
      throw new DomainError(DomainErrorCode.VersionConflict, 'the disbursement changed; reload and try again');
    applyPlan(d, plan);
    return { disbursement: d, history };
  }

  /**
   * Applies an event to a disbursement read without a lock, in one short transaction: the row is updated only if
   * its version is still the one read, with its history row, its work items (a failed payment waits for finance)
   * and, for an outcome people hear of, its notify job. For the worker's payment steps, where contention is rare and round trips count; an event
   * that queues a job or moves the policy's committed amount needs the caller's transaction (fireInTx). Throws
   * VersionConflict when the row changed since it was read; nothing is written then.
   */
  async fireOptimistic(
    d: DisbursementEntity,
    principal: Principal,
    event: DisbursementEvent,
    extra: Extra = {},
  ): Promise<DisbursementChange> {
    if (!canSeeDisbursement(principal, d))
      throw new DomainError(DomainErrorCode.NotFound, `disbursement ${d.id} not found`);
    const plan = this.plan(d, principal, event, null, extra);
    if (plan.jobs.some((j) => j.name !== JobName.NotifyEvent) || plan.delta !== 0)
      throw new Error(`${event.type} queues jobs or moves the budget; use fireInTx`);
    // the row, its history, its work items and the notify job of an outcome people hear of commit together
    const history = await this.db.transaction((tx) => this.writer.write(tx, plan.change));
    if (!history) {
      throw new DomainError(
        DomainErrorCode.VersionConflict,
        `disbursement ${d.id} changed since it was read (version ${d.version})`,
      );
    }
    applyPlan(d, plan);
    return { disbursement: d, history };
  }

  /**
   * One of the two money decisions on many disbursements in one transaction (VERIFY, 经办: entitlement and payee
   * checked; APPROVE, 审批: by another officer, within the budget). The payees' organisations and the rows (and, to
   * approve, their policies) are locked in id order; each item is checked on its own at the version the officer
   * saw (state, role, paying bureau, four eyes, payee, the budget left after the items before it) and the accepted
   * ones are written with one statement per table. A refused item is reported and does not stop the others.
   */
  async decideMany(
    tx: EntityManager,
    type: MoneyDecision,
    items: readonly VersionedId[],
    principal: Principal,
  ): Promise<ApprovalOutcome[]> {
    const ids = items.map((i) => i.id);
    // the payees first (organisation rows before disbursement rows, as a change of bank account locks them), held
    // until the decision commits, so a concurrent change either comes before and is decided on, or after and sends
    // the disbursement back to verification
    const payees = await this.lockPayees(tx, ids);
    const found = ids.length
      ? await tx
          .getRepository(DisbursementEntity)
          .createQueryBuilder('d')
          .setLock('pessimistic_write')
          .where('d.id IN (:...ids)', { ids: [...new Set(ids)] })
          .orderBy('d.id')
          .getMany()
      : [];
    const byId = new Map(found.filter((d) => canSeeDisbursement(principal, d)).map((d) => [d.id, d]));
    const approving = type === DisbursementEventType.Approve;
    const policyIds = approving ? [...new Set([...byId.values()].map((d) => d.policyId))].sort() : [];
    const policies: { id: string; budget_fen: string; committed_fen: string }[] = policyIds.length
      ? await tx.query(
          `SELECT id, budget_fen, committed_fen FROM subsidy_policies WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
          [policyIds],
        )
      : [];
    const remaining = new Map(policies.map((p) => [p.id, Number(p.budget_fen) - Number(p.committed_fen)]));

    // in the order given: a refusal, or an accepted plan whose history row comes from the write below
    const outcomes: (ApprovalOutcome | { id: string; d: DisbursementEntity; plan: Plan })[] = [];
    const plans: Plan[] = [];
    for (const { id, version } of items) {
      const d = byId.get(id);
      if (!d) {
        outcomes.push({ id, error: new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`) });
        continue;
      }
      try {
        const account = payees.get(d.organisationId) ?? null;
        const event = {
          type,
          actor: principal,
          payingBureau: d.jurisdictionPath,
          actorBureau: principal.jurisdictionPath,
        } as DisbursementEvent;
        const plan = this.plan(d, principal, event, version, approving ? approval(d, account) : verification(account));
        if (approving) {
          const left = remaining.get(d.policyId) ?? 0;
          assertWithinBudget(plan.delta, left);
          remaining.set(d.policyId, left - plan.delta);
        }
        plans.push(plan);
        outcomes.push({ id, d, plan });
        // later items (a repeated id) see the decided state
        applyPlan(d, plan);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        outcomes.push({ id, error: e });
      }
    }
    if (plans.length === 0) return outcomes as ApprovalOutcome[];

    const deltas = new Map<string, number>();
    for (const p of plans) if (p.delta !== 0) deltas.set(p.policyId, (deltas.get(p.policyId) ?? 0) + p.delta);
    if (deltas.size > 0) {
      await tx.query(
        `UPDATE subsidy_policies sp SET committed_fen = sp.committed_fen + v.delta
           FROM unnest($1::uuid[], $2::bigint[]) AS v(id, delta) WHERE sp.id = v.id`,
        [[...deltas.keys()], [...deltas.values()]],
      );
    }
    // the rows are locked, so each is still at the version it was planned from; one not written is a bug
    const histories = await this.writer.writeMany(
      tx,
      plans.map((p) => p.change),
    );
    if (histories.some((h) => h === null)) {
      throw new DomainError(
        DomainErrorCode.VersionConflict,
        'a disbursement changed while it was decided on; reload and try again',
      );
    }
    const historyOf = new Map(plans.map((p, i) => [p, histories[i]!]));
    return outcomes.map((o) => ('plan' in o ? { id: o.id, disbursement: o.d, history: historyOf.get(o.plan)! } : o));
  }

  /** Locks (FOR SHARE, in id order) the organisations paid by these disbursements; answers their bank accounts. */
  private async lockPayees(tx: EntityManager, ids: readonly string[]): Promise<Map<string, PayeeBankAccount | null>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; bank_account: PayeeBankAccount | null }[] = await tx.query(
      `SELECT o.id, o.bank_account FROM organisations o
        WHERE o.id IN (SELECT d.organisation_id FROM disbursements d WHERE d.id = ANY($1::uuid[]))
        ORDER BY o.id FOR SHARE`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r.bank_account]));
  }

  /** What one event does to one locked disbursement, decided before anything is written. Throws a DomainError. */
  private plan(
    d: DisbursementEntity,
    principal: Principal,
    event: DisbursementEvent,
    expectedVersion: number | null,
    extra: Extra,
  ): Plan {
    if (expectedVersion !== null && expectedVersion !== d.version) {
      throw new DomainError(
        DomainErrorCode.VersionConflict,
        `the disbursement changed since you read it (your version ${expectedVersion}, current version ${d.version})`,
        { currentVersion: d.version },
      );
    }
    const next = applyDisbursementEvent({ state: d.state, context: d.context }, event);
    const at = this.clock.now();
    const version = d.version + 1;
    // the event's own columns and jobs, from its entry in DISBURSEMENT_EVENTS
    const writes = disbursementWrites({ disbursement: d, event, principal, next, version, at });
    const columns: Partial<DisbursementEntity> = { ...extra.columns, ...writes.columns };
    const jobs: JobRequest[] = writes.jobs;
    // the policy's committed amount follows the states that hold budget
    const delta =
      (BUDGET_STATES.includes(next.state) ? d.amountFen : 0) - (BUDGET_STATES.includes(d.state) ? d.amountFen : 0);
    const entry: TransitionEntry = {
      event: event.type,
      fromState: d.state,
      toState: next.state,
      actorId: principal.id,
      actorRole: principal.role,
      reason: ('reason' in event ? event.reason : 'error' in event ? event.error : null) ?? null,
      payload: extra.payload ?? {},
      at,
    };
    const change: TransitionChange<DisbursementEntity> = {
      id: d.id,
      fromVersion: d.version,
      set: { state: next.state, context: next.context, updatedAt: at, ...columns },
      history: entry,
      jobs,
      // what its work items are made from (they read the rest only when the new state wants items)
      subject: { state: next.state, context: next.context, jurisdictionPath: d.jurisdictionPath },
    };
    return { policyId: d.policyId, next, version, at, columns, delta, jobs, change };
  }
}

/** The disbursement as the plan leaves it (after its write, or for the later items of the same approval). */
function applyPlan(d: DisbursementEntity, plan: Plan): void {
  Object.assign(
    d,
    { state: plan.next.state, context: plan.next.context, version: plan.version, updatedAt: plan.at },
    plan.columns,
  );
}

/**
 * VERIFY checks the payee the organisation has on file and fixes it on the disbursement (full details on the row,
 * masked with a hash in the history): there must be one that can be paid to.
 */
function verification(account: PayeeBankAccount | null): Extra {
  const problems = account ? payeeProblems(account) : ['no bank account is on file'];
  if (problems.length > 0)
    throw new DomainError(
      DomainErrorCode.GuardFailed,
      `the payee cannot be verified: ${problems.join('; ')} (the organisation must give its bank account first)`,
      { problems },
    );
  const record = payeeRecordOf(account!);
  return { columns: { payee: account, payeeAccountHash: record.accountHash }, payload: { payee: record } };
}

/**
 * APPROVE approves the payee that was verified: the organisation's account must still be that one (a change of
 * account sends the disbursement back to verification in the change's own transaction; this is the last check).
 */
function approval(d: DisbursementEntity, account: PayeeBankAccount | null): Extra {
  const record = account ? payeeRecordOf(account) : null;
  if (d.state === DisbursementState.Verified && (record === null || record.accountHash !== d.payeeAccountHash))
    throw new DomainError(
      DomainErrorCode.GuardFailed,
      'the payee on file is not the one verified: it must be verified again before it is approved',
    );
  return { payload: { payee: record } };
}

/** The two money decisions a finance officer takes on a disbursement, by two different officers. */
export type MoneyDecision = DisbursementEventType.Verify | DisbursementEventType.Approve;

/** A disbursement and the version the officer saw. */
export interface VersionedId {
  id: string;
  version: number;
}

/** One item of a money decision: the changed disbursement and its history row, or why it was refused. */
export type ApprovalOutcome =
  | { id: string; disbursement: DisbursementEntity; history: DisbursementHistoryEntity; error?: undefined }
  | { id: string; error: DomainError; disbursement?: undefined; history?: undefined };

interface Plan {
  policyId: string;
  next: DisbursementSnapshot;
  version: number;
  at: Date;
  columns: Partial<DisbursementEntity>;
  delta: number;
  jobs: JobRequest[];
  /** what the writer writes: the row at the version read, its history row and its jobs */
  change: TransitionChange<DisbursementEntity>;
}

interface Extra {
  columns?: Partial<DisbursementEntity>;
  payload?: Record<string, unknown>;
}
