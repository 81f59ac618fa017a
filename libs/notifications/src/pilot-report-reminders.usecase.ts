import { chinaDate, endOfChinaDay, PILOT_REPORT_REMINDER_DAYS } from '@app/domain';
import { Clock, exclusively } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationKind } from './notification-kinds';
import { Audience } from './notification-rules.util';
import { EventToNotify, NotificationWriter } from './notification.writer';

const DAY_MS = 86_400_000;

/** The console page of a region's reports (the national office and the provinces read the compilation). */
export const PILOT_REPORTS_LINK = '/pilot/reports';

interface OpenReport {
  id: string;
  due_on: string;
  half_year: string;
  organisation_id: string;
  jurisdiction_path: string;
  reference: string;
  region_name: string;
}

export type PilotReportDueOutcome = { kind: 'flagged' } | { kind: 'not-yet'; dueAt: Date } | { kind: 'nothing-to-do' };

/**
 * The deadlines of the pilot regions' semi-annual progress reports (seed 000: each 30 June and 31 December), on the
 * Clock (the demo clock counts): a report still missing `PILOT_REPORT_REMINDER_DAYS` days before the end of its due
 * day reminds the region's users, once (reminded_at); one still missing after its due day is flagged overdue
 * (overdue_at) and the region, its province's regulators and the national office's hear of it, once. The delayed job
 * at each due day's end flags one report; the worker's sweep catches anything a lost job or a moved clock left.
 */
@Injectable()
export class PilotReportRemindersUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly writer: NotificationWriter,
  ) {}

  /** Answers how many reports it reminded and flagged (0 and 0 when another process was sweeping). */
  async sweep(): Promise<{ reminded: number; flagged: number }> {
    const outcome = await exclusively(this.db, 'pilot-report-reminders', () => this.sweepDue());
    return outcome.ran ? outcome.value : { reminded: 0, flagged: 0 };
  }

  /** The delayed job of one report's due day: flags it if still missing once its day is over. */
  async due(reportId: string): Promise<PilotReportDueOutcome> {
    await this.clock.refresh();
    const [report] = await this.open(`r.id = $1`, [reportId]);
    if (!report) return { kind: 'nothing-to-do' };
    const dueAt = endOfChinaDay(report.due_on);
    if (this.clock.now().getTime() < dueAt.getTime()) return { kind: 'not-yet', dueAt };
    return (await this.flag(report)) ? { kind: 'flagged' } : { kind: 'nothing-to-do' };
  }

  private async sweepDue(): Promise<{ reminded: number; flagged: number }> {
    await this.clock.refresh();
    const now = this.clock.now();
    const today = chinaDate(now);
    const remindBefore = chinaDate(new Date(now.getTime() + PILOT_REPORT_REMINDER_DAYS * DAY_MS));
    let flagged = 0;
    for (const report of await this.open(`r.due_on < $1::date`, [today])) if (await this.flag(report)) flagged++;
    let reminded = 0;
    for (const report of await this.open(`r.reminded_at IS NULL AND r.due_on >= $1::date AND r.due_on < $2::date`, [
      today,
      remindBefore,
    ]))
      if (await this.remind(report)) reminded++;
    return { reminded, flagged };
  }

  /** Unsubmitted, unflagged reports matching `where` (over `pilot_reports r`). */
  private open(where: string, params: unknown[]): Promise<OpenReport[]> {
    return this.db.query(
      `SELECT r.id, r.due_on::text AS due_on, r.half_year, r.organisation_id, r.jurisdiction_path, a.reference,
              o.name AS region_name
         FROM pilot_reports r
         JOIN applications a ON a.id = r.application_id
         JOIN organisations o ON o.id = r.organisation_id
        WHERE r.submitted_at IS NULL AND r.overdue_at IS NULL AND ${where}
        ORDER BY r.due_on, r.id`,
      params,
    );
  }

  private remind(report: OpenReport): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const marked = await this.mark(tx, report.id, 'reminded_at');
      if (marked) await this.writer.write(tx, this.event(report, 'reminder'));
      return marked;
    });
  }

  private flag(report: OpenReport): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const marked = await this.mark(tx, report.id, 'overdue_at');
      if (marked) await this.writer.write(tx, this.event(report, 'overdue'));
      return marked;
    });
  }

  /** Sets the mark if the report is still missing and the mark unset; whether it did. */
  private async mark(tx: EntityManager, id: string, column: 'reminded_at' | 'overdue_at'): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `UPDATE pilot_reports SET ${column} = $2
        WHERE id = $1 AND submitted_at IS NULL AND overdue_at IS NULL AND ${column} IS NULL RETURNING id`,
      [id, this.clock.now()],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  private event(report: OpenReport, what: 'reminder' | 'overdue'): EventToNotify {
    const [nation, province] = report.jurisdiction_path.split('/').filter(Boolean);
    const region: Audience = { type: 'organisation', organisationId: report.organisation_id };
    const rules =
      what === 'reminder'
        ? [{ kind: NotificationKind.PilotReportReminder, audience: region }]
        : [region, ...[province, nation].map((code): Audience => ({ type: 'regulators', jurisdictionCode: code }))].map(
            (audience) => ({ kind: NotificationKind.PilotReportOverdue, audience }),
          );
    return {
      eventKey: `pilot-report.${what}.${report.id}`,
      subjectType: 'pilot-report',
      subjectId: report.id,
      link: PILOT_REPORTS_LINK,
      actorId: null,
      rules,
      data: {
        reference: report.reference,
        title: report.region_name,
        halfYear: report.half_year,
        dueAt: endOfChinaDay(report.due_on),
      },
    };
  }
}
