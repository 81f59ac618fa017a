import { WorkingCalendarService } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One piece of work someone must do by a due instant. */
export interface DueItem {
  /** stable per item and round, e.g. `designate.<applicationId>.<noticeRound>`: reminded and escalated once each */
  key: string;
  applicationId: string;
  reference: string;
  title: string;
  /** the jurisdiction whose regulators must act (its parent is escalated to) */
  jurisdictionCode: string;
  /** what must be done, in Chinese, e.g. 作出认定决定 */
  action: string;
  dueAt: Date;
}

/**
 * The port the reminder sweeper reads: the work items still open, with their due instants. The to-do list (待办)
 * plugs in by providing its own source under DUE_ITEMS_SOURCES (NotificationsModule.forRoot({ dueItems: [...] })
 * or a provider in ContextsModule) in place of, or beside, NoticeClosedDueItems below.
 */
export interface DueItemsSource {
  open(): Promise<DueItem[]>;
}

export const DUE_ITEMS_SOURCES = Symbol('DUE_ITEMS_SOURCES');

/** The working days a bureau has to decide after a public notice closed (until the to-do list sets its own). */
export const DECISION_WORKING_DAYS = 5;

/**
 * What exists today: an application whose public notice has closed awaits its regulators' decision (designate or
 * reject), due DECISION_WORKING_DAYS working days after the window ended.
 */
@Injectable()
export class NoticeClosedDueItems implements DueItemsSource {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {}

  async open(): Promise<DueItem[]> {
    const rows: {
      id: string;
      reference: string;
      title: string;
      jurisdiction_code: string;
      notice_ends_at: Date;
      round: number;
    }[] = await this.db.query(
      `SELECT id, reference, title, jurisdiction_code, notice_ends_at, (snapshot->'context'->>'noticeRound')::int AS round
         FROM applications WHERE state = 'notice_closed' AND notice_ends_at IS NOT NULL
        ORDER BY notice_ends_at LIMIT 1000`,
    );
    if (rows.length === 0) return [];
    const calendar = await this.calendar.calendar();
    return rows.map((r) => ({
      key: `designate.${r.id}.${r.round ?? 1}`,
      applicationId: r.id,
      reference: r.reference,
      title: r.title,
      jurisdictionCode: r.jurisdiction_code,
      action: '作出认定决定',
      // the window ends at the start of a China day: counting from the instant before keeps that day the first
      dueAt: calendar.noticeWindow(new Date(new Date(r.notice_ends_at).getTime() - 1), DECISION_WORKING_DAYS).endsAt,
    }));
  }
}
