import { DomainError, DomainErrorCode, inExpertPool, Principal, Role } from '@app/domain';
import { UserEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ProgrammeExpertEntity } from './programme-expert.entity';

/** An evaluator in a programme's pool, and why: bound on the programme's line, or invited. */
export interface PoolExpert {
  id: string;
  username: string;
  displayName: string;
  jurisdictionCode: string | null;
  source: 'jurisdiction' | 'invited';
  invitedAt: Date | null;
  invitedBy: string | null;
}

/** The jurisdiction path of a code, or null for no code. */
async function pathOf(tx: EntityManager, code: string | null): Promise<string | null> {
  if (!code) return null;
  return (await tx.getRepository(JurisdictionEntity).findOneBy({ code }))?.path ?? null;
}

/**
 * Refuses (422 NOT_ELIGIBLE, rule `expert_pool`) an evaluator outside the programme's expert pool: one bound to
 * another branch of the jurisdiction tree who was not invited. The engine calls it when ASSIGN_EVALUATOR is sent.
 */
export async function assertInExpertPool(
  tx: EntityManager,
  programme: ProgrammeEntity,
  evaluator: UserEntity,
): Promise<void> {
  // one statement at a time on the transaction's connection
  const evaluatorPath = await pathOf(tx, evaluator.jurisdictionCode);
  const programmePath = await pathOf(tx, programme.jurisdictionCode);
  const invited = await tx
    .getRepository(ProgrammeExpertEntity)
    .existsBy({ programmeId: programme.id, evaluatorId: evaluator.id });
  if (programmePath !== null && inExpertPool(evaluatorPath, programmePath, invited)) return;
  throw new DomainError(
    DomainErrorCode.NotEligible,
    `evaluator ${evaluator.username} (${evaluator.jurisdictionCode ?? 'no jurisdiction'}) is not in the expert pool of ${programme.code}: bound outside ${programme.jurisdictionCode} and not invited (POST /programmes/${programme.id}/experts)`,
    { rule: 'expert_pool', fields: ['evaluatorId'] },
  );
}

/**
 * A programme's expert pool: who is in it, and inviting an evaluator from elsewhere. For the regulators of the
 * programme's jurisdiction and above (those who decide in it); issue 11's pool (fields, random draw, avoidance)
 * builds on this.
 */
@Injectable()
export class ExpertPoolUseCase {
  constructor(private readonly db: DataSource) {}

  async list(principal: Principal, programmeId: string): Promise<PoolExpert[]> {
    const programme = await this.programmeFor(this.db.manager, principal, programmeId);
    const programmePath = (await pathOf(this.db.manager, programme.jurisdictionCode))!;
    const rows: (Omit<PoolExpert, 'source'> & { invited: boolean })[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.jurisdiction_code AS "jurisdictionCode",
              pe.evaluator_id IS NOT NULL AS invited, pe.invited_at AS "invitedAt", pe.invited_by AS "invitedBy"
         FROM users u
         LEFT JOIN jurisdictions j ON j.code = u.jurisdiction_code
         LEFT JOIN programme_experts pe ON pe.evaluator_id = u.id AND pe.programme_id = $1
        WHERE u.role = $3 AND u.active
          AND (pe.evaluator_id IS NOT NULL OR starts_with(j.path, $2) OR starts_with($2, j.path))
        ORDER BY u.username`,
      [programme.id, programmePath, Role.Evaluator],
    );
    return rows.map(({ invited, ...r }) => ({ ...r, source: invited ? 'invited' : 'jurisdiction' }));
  }

  /** Invites an active evaluator to the pool (again: nothing changes); answers the pool entry. */
  async invite(principal: Principal, programmeId: string, evaluatorId: string): Promise<PoolExpert> {
    await this.db.transaction(async (tx) => {
      const programme = await this.programmeFor(tx, principal, programmeId);
      const evaluator = await tx.getRepository(UserEntity).findOneBy({ id: evaluatorId, active: true });
      if (!evaluator || evaluator.role !== Role.Evaluator) {
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `evaluatorId ${evaluatorId} is not an active evaluator`,
          {
            fields: ['evaluatorId'],
          },
        );
      }
      await tx
        .createQueryBuilder()
        .insert()
        .into(ProgrammeExpertEntity)
        .values({ programmeId: programme.id, evaluatorId, invitedBy: principal.id!, invitedAt: new Date() })
        .orIgnore()
        .execute();
    });
    return (await this.list(principal, programmeId)).find((e) => e.id === evaluatorId)!;
  }

  /** The programme, if the principal is a regulator who decides in it; 404 for an unknown one. */
  private async programmeFor(tx: EntityManager, principal: Principal, id: string): Promise<ProgrammeEntity> {
    if (principal.role !== Role.Regulator)
      throw new DomainError(DomainErrorCode.Forbidden, "only regulators manage a programme's expert pool");
    const programme = await tx.getRepository(ProgrammeEntity).findOneBy({ id });
    if (!programme) throw new DomainError(DomainErrorCode.NotFound, `programme ${id} not found`);
    const path = await pathOf(tx, programme.jurisdictionCode);
    if (!path || !principal.jurisdictionPath || !path.startsWith(principal.jurisdictionPath))
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `${programme.code} is run outside your jurisdiction: its regulators manage its expert pool`,
      );
    return programme;
  }
}
