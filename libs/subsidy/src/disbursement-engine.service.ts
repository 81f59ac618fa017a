import {
  applyDisbursementEvent,
  assertWithinBudget,
  BUDGET_STATES,
  DisbursementEvent,
  DisbursementSnapshot,
  DisbursementEventType,
  DomainError,
  DomainErrorCode,
  Principal,
  Role,
} from '@app/domain';
import { Clock } from '@app/platform';
import { JobRequest, payDisbursementJob, writeOutbox } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DisbursementHistoryEntity } from './disbursement-history.entity';
import { DisbursementEntity } from './disbursement.entity';
import { canSeeDisbursement } from './disbursement-visibility.util';

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
    locked?: DisbursementEntity,
  ): Promise<DisbursementChange> {
    const d = locked ?? (await this.lock(tx, id, principal));
    const plan = this.plan(d, principal, event, expectedVersion, extra);
    if (plan.delta !== 0) {
      await tx.query('UPDATE subsidy_policies SET committed_fen = committed_fen + $2 WHERE id = $1', [d.policyId, plan.delta]);
    }
    const res = await tx.update(
      DisbursementEntity,
      { id: d.id, version: d.version },
      { state: plan.next.state, context: plan.next.context, version: plan.version, updatedAt: plan.at, ...plan.columns },
    );
    if (res.affected !== 1) throw new DomainError(DomainErrorCode.VersionConflict, 'the disbursement changed; reload and try again');
    const history = tx.getRepository(DisbursementHistoryEntity).create(plan.history);
    await tx.getRepository(DisbursementHistoryEntity).insert(history as HistoryInsert);
    await writeOutbox(tx, plan.jobs);
    Object.assign(d, { state: plan.next.state, context: plan.next.context, version: plan.version, updatedAt: plan.at }, plan.columns);
    return { disbursement: d, history };
  }

  /**
   * Applies an event to a disbursement read without a lock, in one statement: the row is updated only if its
   * version is still the one read, and the history row and the policy's committed amount change with it (a
   * single statement is atomic on its own). For the worker's payment steps, where contention is rare and round
   * trips count. Throws VersionConflict when the row changed since it was read; nothing is written then.
   */
  async fireOptimistic(d: DisbursementEntity, principal: Principal, event: DisbursementEvent, extra: Extra = {}): Promise<DisbursementChange> {
    if (!canSeeDisbursement(principal, d)) throw new DomainError(DomainErrorCode.NotFound, `disbursement ${d.id} not found`);
    const plan = this.plan(d, principal, event, null, extra);
    if (plan.jobs.length > 0) throw new Error(`${event.type} queues jobs; use fireInTx`);
    const params: unknown[] = [d.id, d.version, plan.next.state, JSON.stringify(plan.next.context), plan.version, plan.at];
    const sets = Object.entries(plan.columns).map(([property, value]) => {
      const column = OPTIMISTIC_COLUMNS[property as keyof DisbursementEntity];
      if (!column) throw new Error(`column ${property} cannot be set by fireOptimistic`);
      params.push(property === 'payee' && value !== null ? JSON.stringify(value) : value);
      return `, ${column} = $${params.length}`;
    });
    const h = plan.history;
    params.push(h.event, h.fromState, h.actorId, h.actorRole, h.reason, JSON.stringify(h.payload), plan.delta);
    const n = params.length;
    const rows: { history_id: string | null }[] = await this.db.query(
      `WITH u AS (
         UPDATE disbursements SET state = $3, context = $4, version = $5, updated_at = $6${sets.join('')}
          WHERE id = $1 AND version = $2
          RETURNING id, policy_id
       ), h AS (
         INSERT INTO disbursement_history (disbursement_id, version, event, from_state, to_state, actor_id, actor_role, reason, payload, at)
         SELECT id, $5, $${n - 6}, $${n - 5}, $3, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $6 FROM u
         RETURNING id
       ), p AS (
         UPDATE subsidy_policies SET committed_fen = committed_fen + $${n} WHERE $${n} <> 0 AND id = (SELECT policy_id FROM u)
       )
       SELECT (SELECT id FROM h) AS history_id`,
      params,
    );
    if (!rows[0]?.history_id) {
      throw new DomainError(DomainErrorCode.VersionConflict, `disbursement ${d.id} changed since it was read (version ${d.version})`);
    }
    Object.assign(d, { state: plan.next.state, context: plan.next.context, version: plan.version, updatedAt: plan.at }, plan.columns);
    const history = Object.assign(new DisbursementHistoryEntity(), h, { id: String(rows[0].history_id) });
    return { disbursement: d, history };
  }

  /**
   * Approves many disbursements in one transaction: the rows and their policies are locked in id order, each item
   * is checked on its own (state, role, four eyes, the budget left after the items before it) and the accepted
   * ones are written with one statement per table. A refused item is reported and does not stop the others.
   */
  async approveMany(tx: EntityManager, ids: readonly string[], principal: Principal, expectedVersion: number | null = null): Promise<ApprovalOutcome[]> {
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
    const policyIds = [...new Set([...byId.values()].map((d) => d.policyId))].sort();
    const policies: { id: string; budget_fen: string; committed_fen: string }[] = policyIds.length
      ? await tx.query(`SELECT id, budget_fen, committed_fen FROM subsidy_policies WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [policyIds])
      : [];
    const remaining = new Map(policies.map((p) => [p.id, Number(p.budget_fen) - Number(p.committed_fen)]));

    const outcomes: ApprovalOutcome[] = [];
    const plans: Plan[] = [];
    const outcomeOfPlan: number[] = [];
    for (const id of ids) {
      const d = byId.get(id);
      if (!d) {
        outcomes.push({ id, error: new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`) });
        continue;
      }
      try {
        const plan = this.plan(d, principal, { type: DisbursementEventType.Approve, actor: principal }, expectedVersion, {});
        const left = remaining.get(d.policyId) ?? 0;
        assertWithinBudget(plan.delta, left);
        remaining.set(d.policyId, left - plan.delta);
        plans.push(plan);
        outcomeOfPlan.push(outcomes.length);
        // later items (a repeated id) see the approved state
        Object.assign(d, { state: plan.next.state, context: plan.next.context, version: plan.version, updatedAt: plan.at }, plan.columns);
        outcomes.push({ id, disbursement: d, history: plan.history as DisbursementHistoryEntity });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        outcomes.push({ id, error: e });
      }
    }
    if (plans.length === 0) return outcomes;

    const deltas = new Map<string, number>();
    for (const p of plans) deltas.set(p.policyId, (deltas.get(p.policyId) ?? 0) + p.delta);
    await tx.query(
      `UPDATE subsidy_policies sp SET committed_fen = sp.committed_fen + v.delta
         FROM unnest($1::uuid[], $2::bigint[]) AS v(id, delta) WHERE sp.id = v.id`,
      [[...deltas.keys()], [...deltas.values()]],
    );
    // for an UPDATE, TypeORM's postgres driver answers [rows, affected row count]
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE disbursements d
          SET state = v.state, context = v.context, version = v.version, updated_at = v.at, approved_by = v.approved_by, approved_at = v.at
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::uuid[]) AS v(id, version, state, context, at, approved_by)
        WHERE d.id = v.id AND d.version = v.version - 1`,
      [
        plans.map((p) => p.id),
        plans.map((p) => p.version),
        plans.map((p) => p.next.state),
        plans.map((p) => JSON.stringify(p.next.context)),
        plans.map((p) => p.at),
        plans.map(() => principal.id),
      ],
    );
    if (affected !== plans.length) throw new DomainError(DomainErrorCode.VersionConflict, 'a disbursement changed while it was approved; reload and try again');
    const histories = plans.map((p) => tx.getRepository(DisbursementHistoryEntity).create(p.history));
    for (let i = 0; i < histories.length; i += 1000) await tx.getRepository(DisbursementHistoryEntity).insert(histories.slice(i, i + 1000) as HistoryInsert[]);
    histories.forEach((h, i) => Object.assign(outcomes[outcomeOfPlan[i]], { history: h }));
    await writeOutbox(tx, plans.flatMap((p) => p.jobs));
    return outcomes;
  }

  /** What one event does to one locked disbursement, decided before anything is written. Throws a DomainError. */
  private plan(d: DisbursementEntity, principal: Principal, event: DisbursementEvent, expectedVersion: number | null, extra: Extra): Plan {
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
    const columns: Partial<DisbursementEntity> = { ...extra.columns };
    const jobs: JobRequest[] = [];
    switch (event.type) {
      case DisbursementEventType.Approve:
        Object.assign(columns, { approvedBy: principal.id, approvedAt: at });
        jobs.push(payDisbursementJob(d.id, version)); // one job id per approval
        break;
      case DisbursementEventType.PaymentSucceeded:
        Object.assign(columns, { bankReference: event.bankReference, paidAt: at, lastError: null });
        break;
      case DisbursementEventType.PaymentFailed:
        Object.assign(columns, { lastError: event.error });
        break;
      default:
        break;
    }
    // the policy's committed amount follows the states that hold budget
    const delta = (BUDGET_STATES.includes(next.state) ? d.amountFen : 0) - (BUDGET_STATES.includes(d.state) ? d.amountFen : 0);
    const history: Partial<DisbursementHistoryEntity> = {
      disbursementId: d.id,
      version,
      event: event.type,
      fromState: d.state,
      toState: next.state,
      actorId: principal.id,
      actorRole: principal.role,
      reason: 'reason' in event ? event.reason : 'error' in event ? event.error : null,
      payload: extra.payload ?? {},
      at,
    };
    return { id: d.id, policyId: d.policyId, next, version, at, columns, jobs, delta, history };
  }
}

/** One item of an approval: the changed disbursement and its history row, or why it was refused. */
export type ApprovalOutcome =
  | { id: string; disbursement: DisbursementEntity; history: DisbursementHistoryEntity; error?: undefined }
  | { id: string; error: DomainError; disbursement?: undefined; history?: undefined };

/** The columns an event may set besides state, context and version, and their names in the table. */
const OPTIMISTIC_COLUMNS: Partial<Record<keyof DisbursementEntity, string>> = {
  bankReference: 'bank_reference',
  paidAt: 'paid_at',
  lastError: 'last_error',
  payee: 'payee',
};

type HistoryInsert = QueryDeepPartialEntity<DisbursementHistoryEntity>;

interface Plan {
  id: string;
  policyId: string;
  next: DisbursementSnapshot;
  version: number;
  at: Date;
  columns: Partial<DisbursementEntity>;
  jobs: JobRequest[];
  delta: number;
  history: Partial<DisbursementHistoryEntity>;
}

interface Extra {
  columns?: Partial<DisbursementEntity>;
  payload?: Record<string, unknown>;
}
