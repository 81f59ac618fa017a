import { chinaDate, DomainError, DomainErrorCode, isExpertiseField, isWithin, Principal, Role } from '@app/domain';
import { UserEntity } from '@app/identity';
import { Clock, cursorBatches } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ExpertProfileEntity } from './expert-profile.entity';

/** An evaluator as the expert pool shows them: the account and the profile. */
export interface ExpertProfile {
  id: string;
  username: string;
  displayName: string;
  jurisdictionCode: string | null;
  fields: string[];
  employerName: string | null;
  employerCreditCode: string | null;
  conflictCreditCodes: string[];
  available: boolean;
  unavailableUntil: string | null;
  /** available on the day asked (today, China time): `available`, or the unavailability has ended */
  availableToday: boolean;
  updatedAt: Date | null;
}

export interface ProfileChange {
  fields?: string[];
  employerName?: string | null;
  employerCreditCode?: string | null;
  conflictCreditCodes?: string[];
  available?: boolean;
  unavailableUntil?: string | null;
}

export interface ExpertSearch {
  field?: string;
  /** a jurisdiction code: experts bound in its subtree */
  jurisdictionCode?: string;
  /** only those available today */
  available?: boolean;
  /** in the name, user name or employer */
  q?: string;
  page: number;
  pageSize: number;
}

export interface ExpertPage {
  items: ExpertProfile[];
  total: number;
  page: number;
  pageSize: number;
}

/** available on the China date $1: never marked unavailable, or the unavailability has ended */
const AVAILABLE_TODAY = `(coalesce(p.available, true) OR coalesce(p.unavailable_until < $1::date, false))`;

const SELECT = `SELECT u.id, u.username, u.display_name AS "displayName", u.jurisdiction_code AS "jurisdictionCode",
        coalesce(p.fields, '{}') AS fields, p.employer_name AS "employerName",
        p.employer_credit_code AS "employerCreditCode", coalesce(p.conflict_credit_codes, '{}') AS "conflictCreditCodes",
        coalesce(p.available, true) AS available, to_char(p.unavailable_until, 'YYYY-MM-DD') AS "unavailableUntil",
        ${AVAILABLE_TODAY} AS "availableToday", p.updated_at AS "updatedAt"
   FROM users u
   LEFT JOIN expert_profiles p ON p.user_id = u.id
   LEFT JOIN jurisdictions j ON j.code = u.jurisdiction_code`;

/**
 * The expert pool's profiles (专家库): fields of expertise, employer, standing conflicts and availability. The
 * evaluator keeps their own; the regulators of a jurisdiction on the evaluator's line below or at theirs (and the
 * admins) keep those of the experts bound there. Regulators and admins search the whole pool.
 */
@Injectable()
export class ExpertProfilesUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(principal: Principal, evaluatorId: string): Promise<ExpertProfile> {
    if (principal.role === Role.Evaluator && principal.id !== evaluatorId)
      throw new DomainError(DomainErrorCode.Forbidden, 'an evaluator sees only their own expert profile');
    if (![Role.Evaluator, Role.Regulator, Role.Admin].includes(principal.role))
      throw new DomainError(DomainErrorCode.Forbidden, 'only evaluators, regulators and admins see expert profiles');
    return this.read(this.db.manager, evaluatorId);
  }

  async update(principal: Principal, evaluatorId: string, change: ProfileChange): Promise<ExpertProfile> {
    return this.db.transaction(async (tx) => {
      const evaluator = await tx.getRepository(UserEntity).findOneBy({ id: evaluatorId });
      if (!evaluator || evaluator.role !== Role.Evaluator)
        throw new DomainError(DomainErrorCode.NotFound, `evaluator ${evaluatorId} not found`);
      await this.assertMayMaintain(tx, principal, evaluator);
      const unknown = (change.fields ?? []).filter((f) => !isExpertiseField(f));
      if (unknown.length)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `unknown fields of expertise: ${unknown.join(', ')} (GET /experts/fields lists them)`,
          { fields: ['fields'] },
        );
      const current = await tx.getRepository(ExpertProfileEntity).findOneBy({ userId: evaluatorId });
      const next = {
        userId: evaluatorId,
        fields: [...new Set(change.fields ?? current?.fields ?? [])],
        employerName: change.employerName !== undefined ? change.employerName : (current?.employerName ?? null),
        employerCreditCode:
          change.employerCreditCode !== undefined
            ? (change.employerCreditCode?.toUpperCase() ?? null)
            : (current?.employerCreditCode ?? null),
        conflictCreditCodes: [
          ...new Set((change.conflictCreditCodes ?? current?.conflictCreditCodes ?? []).map((c) => c.toUpperCase())),
        ],
        available: change.available ?? current?.available ?? true,
        unavailableUntil:
          change.unavailableUntil !== undefined ? change.unavailableUntil : (current?.unavailableUntil ?? null),
        updatedBy: principal.id!,
        updatedAt: this.clock.now(),
      };
      if (next.available) next.unavailableUntil = null;
      await tx.getRepository(ExpertProfileEntity).save(next);
      return this.read(tx, evaluatorId);
    });
  }

  async search(principal: Principal, s: ExpertSearch): Promise<ExpertPage> {
    const { filter, params } = await this.filterOf(principal, s);
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM users u LEFT JOIN expert_profiles p ON p.user_id = u.id
         LEFT JOIN jurisdictions j ON j.code = u.jurisdiction_code ${filter}`,
      params,
    );
    const items: ExpertProfile[] = await this.db.query(
      `${SELECT} ${filter} ORDER BY u.username LIMIT ${s.pageSize} OFFSET ${(s.page - 1) * s.pageSize}`,
      params,
    );
    return { items, total, page: s.page, pageSize: s.pageSize };
  }

  /** The same search as `search`, whole, for an export: a cursor's batches, in the list's order. */
  async exportRows(
    principal: Principal,
    s: Omit<ExpertSearch, 'page' | 'pageSize'>,
  ): Promise<AsyncIterable<readonly ExpertProfile[]>> {
    const { filter, params } = await this.filterOf(principal, s);
    return cursorBatches<ExpertProfile>(this.db, `${SELECT} ${filter} ORDER BY u.username, u.id`, params);
  }

  /** The search's WHERE clause and its parameters ($1 today's China date, $2 the evaluator role). */
  private async filterOf(
    principal: Principal,
    s: Omit<ExpertSearch, 'page' | 'pageSize'>,
  ): Promise<{ filter: string; params: unknown[] }> {
    if (principal.role !== Role.Regulator && principal.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'only regulators and admins search the expert pool');
    if (s.field !== undefined && !isExpertiseField(s.field))
      throw new DomainError(DomainErrorCode.ValidationFailed, `unknown field of expertise ${s.field}`, {
        fields: ['field'],
      });
    const params: unknown[] = [chinaDate(this.clock.now()), Role.Evaluator];
    const where = ['$1::date IS NOT NULL', 'u.role = $2', 'u.active'];
    if (s.field) {
      params.push(s.field);
      where.push(`$${params.length} = ANY(p.fields)`);
    }
    if (s.jurisdictionCode) {
      const j = await this.db.getRepository(JurisdictionEntity).findOneBy({ code: s.jurisdictionCode });
      if (!j)
        throw new DomainError(DomainErrorCode.ValidationFailed, `unknown jurisdiction ${s.jurisdictionCode}`, {
          fields: ['jurisdictionCode'],
        });
      params.push(j.path);
      where.push(`starts_with(j.path, $${params.length})`);
    }
    if (s.available !== undefined) where.push(`${s.available ? '' : 'NOT '}${AVAILABLE_TODAY}`);
    if (s.q) {
      params.push(`%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const n = params.length;
      where.push(`(u.display_name ILIKE $${n} OR u.username ILIKE $${n} OR p.employer_name ILIKE $${n})`);
    }
    return { filter: `WHERE ${where.join(' AND ')}`, params };
  }

  private async read(tx: EntityManager, evaluatorId: string): Promise<ExpertProfile> {
    const [row] = await tx.query(`${SELECT} WHERE u.id = $2 AND u.role = $3`, [
      chinaDate(this.clock.now()),
      evaluatorId,
      Role.Evaluator,
    ]);
    if (!row) throw new DomainError(DomainErrorCode.NotFound, `evaluator ${evaluatorId} not found`);
    return row as ExpertProfile;
  }

  /** The evaluator themself, an admin, or a regulator whose jurisdiction holds the evaluator's. */
  private async assertMayMaintain(tx: EntityManager, principal: Principal, evaluator: UserEntity): Promise<void> {
    if (principal.role === Role.Admin) return;
    if (principal.role === Role.Evaluator && principal.id === evaluator.id) return;
    if (principal.role === Role.Regulator && principal.jurisdictionPath && evaluator.jurisdictionCode) {
      const j = await tx.getRepository(JurisdictionEntity).findOneBy({ code: evaluator.jurisdictionCode });
      if (j && isWithin(j.path, principal.jurisdictionPath)) return;
    }
    throw new DomainError(
      DomainErrorCode.Forbidden,
      "an expert's profile is kept by the expert, the admins, and the regulators of the jurisdiction they are bound to or above it",
    );
  }
}
