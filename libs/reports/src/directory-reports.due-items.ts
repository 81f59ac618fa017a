import { addCalendarDays, chinaDate, periodOf, type ReportPeriod, shiftPeriod, startOfChinaDay } from '@app/domain';
import { DUE_ITEMS_SOURCES, type DueItem, type DueItemsSource } from '@app/notifications';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryUseCase } from './directory.usecase';

interface Row {
  id: string;
  jurisdiction_code: string;
  city_name: string;
  parent_code: string | null;
  period: string;
  due_on: string;
  reminded_at: Date | null;
  escalated_at: Date | null;
}

/**
 * The cities' directory reports as due items for the reminder sweep (libs/notifications): the regulators of a city
 * hear, once, that its report is due within a working day; once it is overdue the regulators of the province above
 * hear of it, once (reminded_at, escalated_at on the report's row). The sweep sees the period before the current
 * one and the current one; their obligations (one row per city and period) are written when first seen, for the
 * cities that keep a directory (at least one entry): a city that has not started one is not reminded, though the
 * province sees its report overdue all the same (DirectoryQueries.reports lists every city).
 */
@Injectable()
export class DirectoryReportDueItems implements DueItemsSource, OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly directory: DirectoryUseCase,
    @Inject(DUE_ITEMS_SOURCES) private readonly sources: DueItemsSource[],
  ) {}

  /** Joins the reminder sweep's sources. */
  onModuleInit(): void {
    if (!this.sources.includes(this)) this.sources.push(this);
  }

  async open(now: Date): Promise<DueItem[]> {
    const cadence = this.directory.cadence();
    const grace = this.directory.graceDays();
    const current = periodOf(chinaDate(now), cadence, grace);
    const periods: ReportPeriod[] = [shiftPeriod(current, 1, cadence, grace), current];
    await this.db.query(
      `INSERT INTO directory_reports (jurisdiction_code, period, due_on)
       SELECT j.code, p.key, p.due_on FROM jurisdictions j,
              unnest($1::varchar[], $2::date[]) AS p(key, due_on)
        WHERE j.level = 'city' AND EXISTS (SELECT 1 FROM directory_entries e WHERE e.jurisdiction_code = j.code)
       ON CONFLICT (jurisdiction_code, period) DO NOTHING`,
      [periods.map((p) => p.key), periods.map((p) => p.dueOn)],
    );
    const rows: Row[] = await this.db.query(
      `SELECT r.id, r.jurisdiction_code, j.name AS city_name, j.parent_code, r.period,
              to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.reminded_at, r.escalated_at
         FROM directory_reports r JOIN jurisdictions j ON j.code = r.jurisdiction_code
        WHERE r.period = ANY($1::varchar[]) AND r.submitted_at IS NULL
          AND (r.reminded_at IS NULL OR r.escalated_at IS NULL)
        ORDER BY r.due_on, r.jurisdiction_code`,
      [periods.map((p) => p.key)],
    );
    // a report still to come is reminded once; an overdue one escalated once
    return rows
      .map((r) => ({ r, item: this.item(r) }))
      .filter(({ r, item }) =>
        item.dueAt.getTime() <= now.getTime() ? r.escalated_at === null : r.reminded_at === null,
      )
      .map(({ item }) => item);
  }

  async noted(tx: EntityManager, item: DueItem, what: 'reminded' | 'escalated', at: Date): Promise<void> {
    await tx.query(
      `UPDATE directory_reports SET ${what === 'reminded' ? 'reminded_at' : 'escalated_at'} = $2 WHERE id = $1`,
      [item.subjectId, at],
    );
  }

  private item(r: Row): DueItem {
    return {
      key: `directory-report.${r.id}`,
      subjectType: 'directory-report',
      subjectId: r.id,
      link: '/directory/reports',
      reference: `名录库 ${r.period}`,
      title: `${r.city_name}商业秘密保护企业名录库报送`,
      action: '向省局报送企业名录库',
      // due until the end of its due day, China time
      dueAt: startOfChinaDay(addCalendarDays(r.due_on, 1)),
      remind: { type: 'regulators', jurisdictionCode: r.jurisdiction_code },
      holderJurisdictionCode: r.jurisdiction_code,
      supervisorJurisdictionCode: r.parent_code,
    };
  }
}
