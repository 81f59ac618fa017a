import {
  addCalendarDays,
  chinaDate,
  DomainError,
  DomainErrorCode,
  formatYuan,
  isIsoDate,
  type Principal,
  startOfChinaDay,
  type StepStay,
  stepTimes,
  timeLimitsOf,
  TIMED_STEPS,
} from '@app/domain';
import { Clock } from '@app/platform';
import { WorkingCalendarService } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reportScope, type ReportScope } from './scope.util';

/** One bucket of the counts: applications of one jurisdiction, programme, unit kind, level and state. */
export interface CountRow {
  jurisdictionCode: string;
  programmeId: string;
  unitKind: string;
  level: string;
  state: string;
  count: number;
}

/** A count under one key (a state, a programme, a jurisdiction ...). */
export interface KeyCount {
  key: string;
  count: number;
}

/**
 * The dashboards of each level (issue 14 item 4), always over the caller's jurisdiction subtree (or a jurisdiction
 * inside it): counts from `application_counts`, which triggers keep equal to the applications in every
 * transaction (migration ApplicationCounts), so their cost follows the number of buckets in the subtree, not the
 * number of applications; budget from the subsidy policies and their paid disbursements; time in each step from the
 * applications' histories against their programmes' time limits, on the working calendar.
 */
@Injectable()
export class DashboardQueries {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
    private readonly clock: Clock,
  ) {}

  /** The buckets of the subtree, by programme, unit kind, level and state (the jurisdictions added together). */
  async counts(p: Principal, jurisdictionCode?: string) {
    const scope = await reportScope(this.db, p, jurisdictionCode);
    const rows: Omit<CountRow, 'jurisdictionCode'>[] = await this.db.query(
      `SELECT programme_id AS "programmeId", unit_kind AS "unitKind", level, state, sum(count)::int AS count
         FROM application_counts WHERE jurisdiction_path LIKE $1
        GROUP BY programme_id, unit_kind, level, state HAVING sum(count) <> 0
        ORDER BY programme_id, state, unit_kind, level`,
      [scope.pattern],
    );
    const byState: Record<string, number> = {};
    for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + r.count;
    return { total: rows.reduce((s, r) => s + r.count, 0), byState, rows };
  }

  /** The dashboard of a jurisdiction: counts in every breakdown and budget use (time in each step: stepTimes). */
  async dashboard(p: Principal, jurisdictionCode?: string) {
    const scope = await reportScope(this.db, p, jurisdictionCode);
    const rows: CountRow[] = await this.db.query(
      `SELECT jurisdiction_code AS "jurisdictionCode", programme_id AS "programmeId", unit_kind AS "unitKind", level,
              state, sum(count)::int AS count
         FROM application_counts WHERE jurisdiction_path LIKE $1
        GROUP BY jurisdiction_code, programme_id, unit_kind, level, state HAVING sum(count) <> 0
        ORDER BY jurisdiction_code, programme_id, state, unit_kind, level`,
      [scope.pattern],
    );
    const [programmes, jurisdictions] = await Promise.all([
      this.names(`SELECT id::text AS key, name FROM programmes WHERE id = ANY($1::uuid[])`, [
        ...new Set(rows.map((r) => r.programmeId)),
      ]),
      this.names(`SELECT code AS key, name FROM jurisdictions WHERE code = ANY($1::varchar[])`, [
        ...new Set(rows.map((r) => r.jurisdictionCode)),
      ]),
    ]);
    const by = (key: (r: CountRow) => string): KeyCount[] => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.count);
      return [...m]
        .map(([k, count]) => ({ key: k, count }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    };
    return {
      jurisdiction: { code: scope.code, name: scope.name, level: scope.level },
      total: rows.reduce((s, r) => s + r.count, 0),
      byState: by((r) => r.state),
      byProgramme: by((r) => r.programmeId).map((k) => ({ ...k, name: programmes.get(k.key) ?? k.key })),
      byJurisdiction: by((r) => r.jurisdictionCode).map((k) => ({ ...k, name: jurisdictions.get(k.key) ?? k.key })),
      byUnitKind: by((r) => r.unitKind),
      byLevel: by((r) => r.level),
      rows,
      budget: await this.budget(scope),
    };
  }

  /** Each subsidy policy of a programme in the subtree: its budget, what is committed and what was paid, in fen and yuan. */
  private async budget(scope: ReportScope) {
    const rows: {
      policyId: string;
      programmeId: string;
      programmeName: string;
      name: string;
      approved: boolean;
      budgetFen: string;
      committedFen: string;
      paidFen: string;
    }[] = await this.db.query(
      `SELECT sp.id AS "policyId", pr.id AS "programmeId", pr.name AS "programmeName", sp.name,
              sp.approved_at IS NOT NULL AS approved, sp.budget_fen::text AS "budgetFen",
              sp.committed_fen::text AS "committedFen",
              coalesce((SELECT sum(d.amount_fen) FROM disbursements d WHERE d.policy_id = sp.id AND d.state = 'paid'), 0)::text AS "paidFen"
         FROM subsidy_policies sp JOIN programmes pr ON pr.id = sp.programme_id
         JOIN jurisdictions j ON j.code = pr.jurisdiction_code
        WHERE j.path LIKE $1 ORDER BY pr.code, sp.name`,
      [scope.pattern],
    );
    const policies = rows.map((r) => {
      const budgetFen = Number(r.budgetFen);
      const committedFen = Number(r.committedFen);
      const paidFen = Number(r.paidFen);
      return {
        ...r,
        budgetFen,
        committedFen,
        paidFen,
        budgetYuan: formatYuan(budgetFen),
        committedYuan: formatYuan(committedFen),
        paidYuan: formatYuan(paidFen),
      };
    });
    const sum = (f: (x: (typeof policies)[number]) => number) => policies.reduce((s, x) => s + f(x), 0);
    const totals = {
      budgetFen: sum((x) => x.budgetFen),
      committedFen: sum((x) => x.committedFen),
      paidFen: sum((x) => x.paidFen),
    };
    return {
      policies,
      ...totals,
      budgetYuan: formatYuan(totals.budgetFen),
      committedYuan: formatYuan(totals.committedFen),
      paidYuan: formatYuan(totals.paidFen),
    };
  }

  /**
   * Time in each step of the subtree's applications, over the stays that entered the step from `from` to `to`
   * (China dates; default the 365 days up to today): a stay begins with the history row that moved the application
   * into the step and ends with the next row that moved it elsewhere (rows that keep the state — an evaluator
   * assigned, a score — are not moves). Its cost follows the histories in the subtree and the range, so it is a
   * route of its own rather than part of the counts.
   */
  async stepTimes(p: Principal, range: { jurisdictionCode?: string; from?: string; to?: string }) {
    const scope = await reportScope(this.db, p, range.jurisdictionCode);
    const today = chinaDate(this.clock.now());
    const to = range.to ?? today;
    const from = range.from ?? addCalendarDays(to, -365);
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isIsoDate(value))
        throw new DomainError(DomainErrorCode.ValidationFailed, `${field} must be a date YYYY-MM-DD`, {
          fields: [field],
        });
    }
    if (from > to)
      throw new DomainError(DomainErrorCode.ValidationFailed, 'from is after to', { fields: ['from', 'to'] });
    const rows: { step: string; entered_at: Date; left_at: Date | null; time_limits: Record<string, number | null> }[] =
      await this.db.query(
        `WITH moves AS (
           SELECT h.application_id, h.to_state, h.at,
                  lead(h.at) OVER (PARTITION BY h.application_id ORDER BY h.version) AS left_at
             FROM application_history h JOIN applications a ON a.id = h.application_id
            WHERE a.jurisdiction_path LIKE $1 AND h.from_state IS DISTINCT FROM h.to_state)
         SELECT m.to_state AS step, m.at AS entered_at, m.left_at, p.time_limits
           FROM moves m JOIN applications a ON a.id = m.application_id JOIN programmes p ON p.id = a.programme_id
          WHERE m.to_state = ANY($2::varchar[])
            AND m.at >= $3::timestamptz AND m.at < $4::timestamptz`,
        [scope.pattern, Object.keys(TIMED_STEPS), startOfChinaDay(from), startOfChinaDay(addCalendarDays(to, 1))],
      );
    const stays: StepStay[] = rows.map((r) => ({
      step: r.step,
      enteredAt: new Date(r.entered_at),
      leftAt: r.left_at === null ? null : new Date(r.left_at),
      limits: timeLimitsOf(r.time_limits),
    }));
    return {
      jurisdiction: { code: scope.code, name: scope.name, level: scope.level },
      from,
      to,
      steps: stepTimes(stays, await this.calendar.calendar()),
    };
  }

  private async names(sql: string, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows: { key: string; name: string }[] = await this.db.query(sql, [keys]);
    return new Map(rows.map((r) => [r.key, r.name]));
  }
}
