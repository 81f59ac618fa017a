import {
  decidePolicyEvent,
  DomainError,
  DomainErrorCode,
  isWithin,
  PolicyEventType,
  PolicyFacts,
  PolicyStatus,
  type PolicyTerms,
  type Principal,
} from '@app/domain';
import { Clock, TransitionEntry, TransitionWriter } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { requireVersion } from './require-version.util';
import { SubsidyPolicyHistoryEntity } from './subsidy-policy-history.entity';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';
import { userNames } from './user-names.util';

export interface CreateSubsidyPolicyInput extends PolicyTerms {
  programmeId: string;
}

/** A subsidy policy's fields as plain data (the row, not the entity class). */
export type SubsidyPolicy = Omit<SubsidyPolicyEntity, never>;
export type SubsidyPolicyHistory = Omit<SubsidyPolicyHistoryEntity, never>;

export interface SubsidyPolicyChange {
  policy: SubsidyPolicy;
  history: SubsidyPolicyHistory;
}

/**
 * Subsidy policies under four eyes: a finance officer of the paying bureau (the programme's) proposes a policy or a
 * change of its terms, and a second officer of that bureau approves (or rejects) it before it applies. Until then a
 * new policy creates no entitlement and a changed one keeps its approved terms. One policy per programme (a second
 * proposal for the same programme is refused, 409: propose a change instead). Every write after the first names the
 * version it saw and goes through one TransitionWriter: the row at that version, its history row, together.
 */
@Injectable()
export class SubsidyPolicyUseCase {
  private transitions?: TransitionWriter<SubsidyPolicyEntity, SubsidyPolicyHistoryEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  private get writer(): TransitionWriter<SubsidyPolicyEntity, SubsidyPolicyHistoryEntity> {
    return (this.transitions ??= new TransitionWriter(
      this.db,
      SubsidyPolicyEntity,
      SubsidyPolicyHistoryEntity,
      'policyId',
    ));
  }

  /** A new policy for a programme, pending until a second officer approves it. */
  async propose(p: Principal, input: CreateSubsidyPolicyInput): Promise<SubsidyPolicyChange> {
    const programme = await this.db.getRepository(ProgrammeEntity).findOneBy({ id: input.programmeId });
    if (!programme)
      throw new DomainError(DomainErrorCode.ValidationFailed, `programmeId ${input.programmeId} does not exist`, {
        fields: ['programmeId'],
      });
    const payer = await this.db.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode });
    if (!p.jurisdictionPath || !isWithin(payer.path, p.jurisdictionPath))
      throw new DomainError(DomainErrorCode.Forbidden, `${payer.name} is outside your jurisdiction`);
    const terms = termsOf(input);
    const facts: PolicyFacts = {
      status: PolicyStatus.Pending,
      pending: null,
      committedFen: 0,
      payingBureau: payer.path,
    };
    const status = decidePolicyEvent(facts, PolicyEventType.Propose, decisionOf(p), terms);
    const at = this.clock.now();
    const created = await this.db.transaction((tx) =>
      this.writer.create(
        tx,
        {
          programmeId: programme.id,
          ...terms,
          oneTime: true,
          payingJurisdictionCode: programme.jurisdictionCode,
          status,
          pendingTerms: terms,
          proposedBy: p.id,
          proposedAt: at,
          createdAt: at,
          updatedAt: at,
        },
        this.entry(p, PolicyEventType.Propose, null, status, at, { terms }),
        { ifAbsent: true },
      ),
    );
    if (!created)
      throw new DomainError(
        DomainErrorCode.AlreadyExists,
        `programme ${programme.code} already has a subsidy policy: propose a change to it instead`,
      );
    return this.read(created.id, created.history);
  }

  /** A change of an active (or rejected) policy's terms; fields not given keep their current value. */
  async proposeChange(
    p: Principal,
    id: string,
    expectedVersion: number | null,
    change: Partial<PolicyTerms>,
  ): Promise<SubsidyPolicyChange> {
    const version = requireVersion(expectedVersion);
    return this.transition(p, id, version, async (policy, facts) => {
      const terms = termsOf({ ...currentTerms(policy), ...definedOnly(change) });
      const status = decidePolicyEvent(facts, PolicyEventType.Propose, decisionOf(p), terms);
      const at = this.clock.now();
      return {
        set: { status, pendingTerms: terms, proposedBy: p.id, proposedAt: at, updatedAt: at },
        history: this.entry(p, PolicyEventType.Propose, policy.status, status, at, {
          terms,
          inForce: policy.status === PolicyStatus.Active ? currentTerms(policy) : null,
        }),
      };
    });
  }

  /** The second officer approves the proposal: its terms apply from now on (entitlements already made keep theirs). */
  async approve(p: Principal, id: string, expectedVersion: number | null): Promise<SubsidyPolicyChange> {
    const version = requireVersion(expectedVersion);
    return this.transition(p, id, version, async (policy, facts) => {
      const status = decidePolicyEvent(facts, PolicyEventType.Approve, decisionOf(p));
      const terms = policy.pendingTerms!;
      const at = this.clock.now();
      return {
        set: {
          ...terms,
          status,
          pendingTerms: null,
          proposedBy: null,
          proposedAt: null,
          approvedBy: p.id,
          approvedAt: at,
          updatedAt: at,
        },
        history: this.entry(p, PolicyEventType.Approve, policy.status, status, at, {
          terms,
          proposedBy: policy.proposedBy,
        }),
      };
    });
  }

  /** The proposal is refused: a new policy does not apply, a changed one keeps its approved terms. */
  async reject(p: Principal, id: string, expectedVersion: number | null, reason: string): Promise<SubsidyPolicyChange> {
    const version = requireVersion(expectedVersion);
    return this.transition(p, id, version, async (policy, facts) => {
      const status = decidePolicyEvent(facts, PolicyEventType.Reject, decisionOf(p));
      const at = this.clock.now();
      return {
        set: { status, pendingTerms: null, proposedBy: null, proposedAt: null, updatedAt: at },
        history: {
          ...this.entry(p, PolicyEventType.Reject, policy.status, status, at, {
            terms: policy.pendingTerms,
            proposedBy: policy.proposedBy,
          }),
          reason,
        },
      };
    });
  }

  /** One policy with its history, as finance of its bureau and above see it (404 for anyone else). */
  async get(
    p: Principal,
    id: string,
  ): Promise<{ policy: SubsidyPolicy; history: SubsidyPolicyHistory[]; names: Map<string, string> }> {
    const [row] = await this.visible(this.db.manager, p, id, false);
    const history = await this.db
      .getRepository(SubsidyPolicyHistoryEntity)
      .find({ where: { policyId: id }, order: { version: 'ASC' } });
    const names = await userNames(this.db, [row.proposedBy, row.approvedBy, ...history.map((h) => h.actorId)]);
    return { policy: row, history, names };
  }

  private async transition(
    p: Principal,
    id: string,
    version: number,
    decide: (
      policy: SubsidyPolicyEntity,
      facts: PolicyFacts,
    ) => Promise<{ set: Partial<SubsidyPolicyEntity>; history: TransitionEntry }>,
  ): Promise<SubsidyPolicyChange> {
    const history = await this.db.transaction(async (tx) => {
      const [policy, payingBureau] = await this.visible(tx, p, id, true);
      if (policy.version !== version)
        throw new DomainError(
          DomainErrorCode.VersionConflict,
          `the policy changed since you read it (your version ${version}, current version ${policy.version})`,
          { currentVersion: policy.version },
        );
      const facts: PolicyFacts = {
        status: policy.status,
        pending: policy.pendingTerms ? { terms: policy.pendingTerms, proposedBy: policy.proposedBy! } : null,
        committedFen: policy.committedFen,
        payingBureau,
      };
      const { set, history: entry } = await decide(policy, facts);
      const written = await this.writer.write(tx, { id, fromVersion: version, set, history: entry });
      if (!written) throw new DomainError(DomainErrorCode.VersionConflict, 'the policy changed; reload and try again');
      return written;
    });
    return this.read(id, history);
  }

  /** The policy (locked FOR UPDATE when deciding) and its paying bureau's path, if `p` may see it. */
  private async visible(
    tx: EntityManager,
    p: Principal,
    id: string,
    lock: boolean,
  ): Promise<[SubsidyPolicyEntity, string]> {
    const qb = tx.getRepository(SubsidyPolicyEntity).createQueryBuilder('sp').where('sp.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const policy = await qb.getOne();
    const payer = policy
      ? await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: policy.payingJurisdictionCode })
      : null;
    if (!policy || !payer || !p.jurisdictionPath || !isWithin(payer.path, p.jurisdictionPath))
      throw new DomainError(DomainErrorCode.NotFound, `subsidy policy ${id} not found`);
    return [policy, payer.path];
  }

  private async read(id: string, history: SubsidyPolicyHistoryEntity): Promise<SubsidyPolicyChange> {
    return { policy: await this.db.getRepository(SubsidyPolicyEntity).findOneByOrFail({ id }), history };
  }

  private entry(
    p: Principal,
    event: PolicyEventType,
    fromState: PolicyStatus | null,
    toState: PolicyStatus,
    at: Date,
    payload: Record<string, unknown>,
  ): TransitionEntry {
    return { event, fromState, toState, actorId: p.id, actorRole: p.role, reason: null, payload, at };
  }
}

function decisionOf(p: Principal) {
  return { actor: { id: p.id, role: p.role }, actorBureau: p.jurisdictionPath };
}

function termsOf(t: PolicyTerms): PolicyTerms {
  return { name: t.name, amountFen: t.amountFen, budgetFen: t.budgetFen, purpose: t.purpose };
}

function currentTerms(policy: SubsidyPolicyEntity): PolicyTerms {
  return termsOf(policy);
}

function definedOnly(change: Partial<PolicyTerms>): Partial<PolicyTerms> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<PolicyTerms>;
}
