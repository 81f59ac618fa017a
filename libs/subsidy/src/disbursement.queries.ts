import {
  DisbursementState,
  DomainError,
  DomainErrorCode,
  formatYuan,
  PolicyStatus,
  type PolicyTerms,
  Principal,
  Role,
} from '@app/domain';
import { type ChainVerification, cursorBatches, pageOf, subtreePattern, toCsv } from '@app/platform';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { DisbursementHistoryChain } from './disbursement-history.chain';
import { DisbursementHistoryEntity } from './disbursement-history.entity';
import { canSeeDisbursement, disbursementVisibility } from './disbursement-visibility.util';
import { DisbursementEntity } from './disbursement.entity';
import { StatementLineEntity } from './statement-line.entity';
import { userNames } from './user-names.util';

export interface DisbursementFilter {
  state?: DisbursementState;
  programmeId?: string;
  jurisdictionCode?: string;
  /** created on or after (YYYY-MM-DD, China time) */
  from?: string;
  /** created on or before */
  to?: string;
  /** paid_unconfirmed | confirmed | mismatched */
  reconciliation?: 'paid_unconfirmed' | 'confirmed' | 'mismatched';
  page: number;
  pageSize: number;
}

/** One disbursement as the export writes it (flat, with the names it points to; amount_fen as text: a bigint). */
export interface DisbursementExportRow {
  reference: string;
  organisation_name: string | null;
  credit_code: string | null;
  application_reference: string | null;
  programme_name: string | null;
  amount_fen: string;
  state: string;
  created_at: Date;
  verified_at: Date | null;
  approved_at: Date | null;
  paid_at: Date | null;
  bank_reference: string | null;
  reconciliation: string | null;
  last_error: string | null;
}

/** The columns of the disbursement CSV at /finance/disbursements/export.csv (kept as it was), in order. */
const DISBURSEMENT_EXPORT_COLUMNS = [
  'reference',
  'state',
  'amount_yuan',
  'organisation_id',
  'programme_id',
  'approved_at',
  'paid_at',
  'bank_reference',
  'reconciliation',
  'last_error',
];

/** Finance reads, scoped to the paying bureau's subtree. */
@Injectable()
export class DisbursementQueries {
  constructor(
    private readonly db: DataSource,
    private readonly chain: DisbursementHistoryChain,
  ) {}

  private async filtered(
    p: Principal,
    f: Omit<DisbursementFilter, 'page' | 'pageSize'>,
  ): Promise<SelectQueryBuilder<DisbursementEntity>> {
    if (p.role !== Role.Finance && p.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'only finance staff see disbursements');
    const visible = disbursementVisibility(p, 'd');
    const qb = this.db.getRepository(DisbursementEntity).createQueryBuilder('d').where(visible.sql, visible.params);
    if (f.state) qb.andWhere('d.state = :state', { state: f.state });
    if (f.programmeId) qb.andWhere('d.programme_id = :programmeId', { programmeId: f.programmeId });
    if (f.jurisdictionCode) {
      const j = await this.db.getRepository(JurisdictionEntity).findOneBy({ code: f.jurisdictionCode });
      if (!j)
        throw new DomainError(DomainErrorCode.ValidationFailed, `jurisdictionCode ${f.jurisdictionCode} is unknown`, {
          fields: ['jurisdictionCode'],
        });
      qb.andWhere('d.jurisdiction_path LIKE :jpath', { jpath: subtreePattern(j.path) });
    }
    if (f.from) qb.andWhere(`d.created_at >= (:from::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, { from: f.from });
    if (f.to) qb.andWhere(`d.created_at < ((:to::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, { to: f.to });
    if (f.reconciliation === 'paid_unconfirmed') qb.andWhere(`d.state = 'paid' AND d.reconciliation IS NULL`);
    else if (f.reconciliation) qb.andWhere('d.reconciliation = :rec', { rec: f.reconciliation });
    return qb;
  }

  async list(p: Principal, f: DisbursementFilter) {
    const qb = await this.filtered(p, f);
    return pageOf(qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id'), f.page, f.pageSize);
  }

  async get(p: Principal, id: string) {
    const d = await this.db.getRepository(DisbursementEntity).findOneBy({ id });
    if (!d || !canSeeDisbursement(p, d))
      throw new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`);
    const history = await this.db
      .getRepository(DisbursementHistoryEntity)
      .find({ where: { disbursementId: id }, order: { version: 'ASC' } });
    const names = await userNames(this.db, [d.verifiedBy, d.approvedBy, ...history.map((h) => h.actorId)]);
    return { disbursement: d, history, names };
  }

  /** The history's hash chain checked: for whoever may see the disbursement (finance of its bureau, admin). */
  async verifyHistory(p: Principal, id: string): Promise<ChainVerification> {
    const d = await this.db.getRepository(DisbursementEntity).findOneBy({ id });
    if (!d || !canSeeDisbursement(p, d))
      throw new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`);
    const verdict = await this.chain.verify(id);
    if (!verdict) throw new DomainError(DomainErrorCode.NotFound, `disbursement ${id} not found`);
    return verdict;
  }

  /**
   * Totals by programme, paying jurisdiction and state, and each policy's budget used and remaining, with its status
   * (pending, active, rejected), version and any proposal awaiting approval.
   */
  async summary(p: Principal) {
    if (p.role !== Role.Finance && p.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'only finance staff see disbursements');
    const scope = p.jurisdictionPath === null ? null : subtreePattern(p.jurisdictionPath);
    const visible = disbursementVisibility(p, 'd');
    const [visibleSql, visibleParams] = this.db.driver.escapeQueryWithParameters(visible.sql, visible.params);
    const totals: {
      programme_code: string;
      jurisdiction_code: string;
      state: string;
      count: number;
      amount_fen: string;
    }[] = await this.db.query(
      `SELECT pr.code AS programme_code, sp.paying_jurisdiction_code AS jurisdiction_code, d.state, count(*)::int AS count, sum(d.amount_fen)::bigint AS amount_fen
         FROM disbursements d JOIN programmes pr ON pr.id = d.programme_id JOIN subsidy_policies sp ON sp.id = d.policy_id
        WHERE ${visibleSql}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      visibleParams,
    );
    const budgets: {
      policy_id: string;
      programme_code: string;
      name: string;
      budget_fen: string;
      used_fen: string;
      status: PolicyStatus;
      version: number;
      pending_terms: PolicyTerms | null;
    }[] = await this.db.query(
      `SELECT sp.id AS policy_id, pr.code AS programme_code, sp.name, sp.budget_fen, sp.committed_fen AS used_fen,
                sp.status, sp.version, sp.pending_terms
         FROM subsidy_policies sp JOIN programmes pr ON pr.id = sp.programme_id JOIN jurisdictions j ON j.code = sp.paying_jurisdiction_code
        WHERE j.path LIKE $1
        ORDER BY 2`,
      [scope],
    );
    return {
      totals: totals.map((t) => ({
        programmeCode: t.programme_code,
        jurisdictionCode: t.jurisdiction_code,
        state: t.state,
        count: t.count,
        amountFen: Number(t.amount_fen),
        amountYuan: formatYuan(Number(t.amount_fen)),
      })),
      budgets: budgets.map((b) => {
        const budget = Number(b.budget_fen);
        const used = Number(b.used_fen);
        return {
          policyId: b.policy_id,
          programmeCode: b.programme_code,
          name: b.name,
          status: b.status,
          version: b.version,
          pendingTerms: b.pending_terms,
          budgetFen: budget,
          usedFen: used,
          remainingFen: budget - used,
          budgetYuan: formatYuan(budget),
          usedYuan: formatYuan(used),
          remainingYuan: formatYuan(budget - used),
        };
      }),
    };
  }

  async exportCsv(p: Principal, f: Omit<DisbursementFilter, 'page' | 'pageSize'>): Promise<string> {
    const qb = await this.filtered(p, f);
    const rows = await qb.orderBy('d.created_at', 'ASC').getMany();
    return toCsv(
      DISBURSEMENT_EXPORT_COLUMNS,
      rows.map((d) => [
        d.reference,
        d.state,
        formatYuan(d.amountFen),
        d.organisationId,
        d.programmeId,
        d.approvedAt?.toISOString(),
        d.paidAt?.toISOString(),
        d.bankReference,
        d.reconciliation ?? (d.state === 'paid' ? 'unconfirmed' : ''),
        d.lastError,
      ]),
    );
  }

  /**
   * The same list as `list`, whole, for an export: a cursor's batches of flat rows with the organisation, the
   * application and the programme named (filters and scope exactly as the list's, in its order).
   */
  async exportRows(
    p: Principal,
    f: Omit<DisbursementFilter, 'page' | 'pageSize'>,
  ): Promise<AsyncIterable<readonly DisbursementExportRow[]>> {
    const qb = await this.filtered(p, f);
    const [sql, params] = qb
      .leftJoin('organisations', 'o', 'o.id = d.organisation_id')
      .leftJoin('applications', 'a', 'a.id = d.application_id')
      .leftJoin('programmes', 'pr', 'pr.id = d.programme_id')
      .select([
        'd.reference AS reference',
        'o.name AS organisation_name',
        'o.credit_code AS credit_code',
        'a.reference AS application_reference',
        'pr.name AS programme_name',
        'd.amount_fen::text AS amount_fen',
        'd.state AS state',
        'd.created_at AS created_at',
        'd.verified_at AS verified_at',
        'd.approved_at AS approved_at',
        'd.paid_at AS paid_at',
        'd.bank_reference AS bank_reference',
        'd.reconciliation AS reconciliation',
        'd.last_error AS last_error',
      ])
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id')
      .getQueryAndParameters();
    return cursorBatches<DisbursementExportRow>(this.db, sql, params);
  }

  async statementLines(p: Principal, status?: string): Promise<StatementLineEntity[]> {
    if (p.role !== Role.Finance && p.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'only finance staff see statements');
    // lines are visible to the finance staff of the bureau (and above) whose officer uploaded them
    const qb = this.db
      .getRepository(StatementLineEntity)
      .createQueryBuilder('l')
      .innerJoin('users', 'u', 'u.id = l.uploaded_by')
      .innerJoin('jurisdictions', 'j', 'j.code = u.jurisdiction_code')
      .where('j.path LIKE :scope', { scope: `${p.jurisdictionPath}%` });
    if (status) qb.andWhere('l.match_status = :status', { status });
    return qb.orderBy('l.uploaded_at', 'DESC').addOrderBy('l.line_no', 'ASC').take(1000).getMany();
  }
}
