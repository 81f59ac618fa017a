import { chinaDate, DomainError, DomainErrorCode, type Principal, Role, startOfChinaDay } from '@app/domain';
import { EnvironmentVariables } from '@app/config';
import { Clock } from '@app/platform';
import { sweepNoticesJob, writeOutbox } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { WorkingCalendarService } from './working-calendar.service';

/** How far to move the demo clock forward; the parts add up (working days first, from the demo date). */
export interface ClockAdvance {
  /** to the same time of day on the n-th working day after the demo clock's date (China time) */
  workingDays?: number;
  days?: number;
  hours?: number;
  minutes?: number;
}

/** One recorded move of the demo clock. */
export interface DemoClockChange {
  id: string;
  at: Date;
  actorUsername: string;
  kind: 'advance' | 'reset';
  requested: ClockAdvance;
  deltaMs: number;
  offsetMs: number;
  demoTime: Date;
  reason: string;
}

export interface DemoClockState {
  /** the time the workflow uses */
  now: Date;
  realNow: Date;
  offsetMs: number;
  /** the latest moves, newest first */
  changes: DemoClockChange[];
}

const PARTS = ['workingDays', 'days', 'hours', 'minutes'] as const;
const LIMITS: Record<(typeof PARTS)[number], number> = {
  workingDays: 250,
  days: 366,
  hours: 24 * 366,
  minutes: 60 * 24 * 366,
};
const HOUR_MS = 3_600_000;

/**
 * The demo clock of a demonstration or training deployment (DEMO_MODE), like a payment provider's test clock: an
 * admin moves it forward (or back to real time), the move is recorded with who, how far, when and why, and a sweep of
 * the notices now due is written to the outbox in the same transaction, so the worker closes them at once instead
 * of waiting for the deadline jobs BullMQ holds in real time. Outside demo mode every call is a 404.
 */
@Injectable()
export class DemoClockUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendarService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async state(p: Principal): Promise<DemoClockState> {
    this.assertAllowed(p);
    await this.clock.refresh();
    const rows: ChangeRow[] = await this.db.query(`${SELECT_CHANGES} ORDER BY id DESC LIMIT 20`);
    const realNow = new Date();
    const now = this.clock.now();
    return { now, realNow, offsetMs: now.getTime() - realNow.getTime(), changes: rows.map(changeOf) };
  }

  async advance(p: Principal, by: ClockAdvance, reason: string): Promise<DemoClockState> {
    this.assertAllowed(p);
    const given = PARTS.filter((k) => by[k] !== undefined && by[k] !== 0);
    const bad = PARTS.filter(
      (k) => by[k] !== undefined && !(Number.isInteger(by[k]) && by[k]! >= 0 && by[k]! <= LIMITS[k]),
    );
    if (bad.length || given.length === 0) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        bad.length
          ? `${bad.map((k) => `${k} must be a whole number from 0 to ${LIMITS[k]}`).join('; ')}`
          : `say how far to move the clock forward: one or more of ${PARTS.join(', ')} (the clock only moves forward; POST /admin/clock/reset goes back to real time)`,
        { fields: bad.length ? bad : [...PARTS] },
      );
    }
    const calendar = by.workingDays ? await this.calendar.calendar() : null;
    return this.move(p, 'advance', reason, Object.fromEntries(given.map((k) => [k, by[k]])), (offset) => {
      const now = Date.now() + offset;
      let target = now;
      if (calendar && by.workingDays) {
        const today = chinaDate(new Date(now));
        const day = calendar.addWorkingDays(today, by.workingDays).date;
        target += startOfChinaDay(day).getTime() - startOfChinaDay(today).getTime();
      }
      target += ((by.days ?? 0) * 24 + (by.hours ?? 0)) * HOUR_MS + (by.minutes ?? 0) * 60_000;
      return offset + (target - now);
    });
  }

  /** Back to real time. Notices already closed stay closed. */
  async reset(p: Principal, reason: string): Promise<DemoClockState> {
    this.assertAllowed(p);
    return this.move(p, 'reset', reason, {}, () => 0);
  }

  private async move(
    p: Principal,
    kind: 'advance' | 'reset',
    reason: string,
    requested: ClockAdvance,
    nextOffset: (offsetMs: number) => number,
  ): Promise<DemoClockState> {
    await this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO demo_clock (id, offset_ms) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
      const [row]: { offset_ms: string }[] = await tx.query(`SELECT offset_ms FROM demo_clock WHERE id = 1 FOR UPDATE`);
      const before = Number(row.offset_ms);
      const after = nextOffset(before);
      await tx.query(`UPDATE demo_clock SET offset_ms = $1, updated_at = now() WHERE id = 1`, [after]);
      const [change]: { id: string }[] = await tx.query(
        `INSERT INTO demo_clock_changes (actor_id, actor_username, kind, requested, delta_ms, offset_ms, demo_time, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          p.id,
          p.username,
          kind,
          JSON.stringify(requested),
          after - before,
          after,
          new Date(Date.now() + after),
          reason,
        ],
      );
      await writeOutbox(tx, [sweepNoticesJob(change.id)]);
    });
    await this.clock.refresh();
    return this.state(p);
  }

  private assertAllowed(p: Principal): void {
    if (!this.config.get('DEMO_MODE', { infer: true }))
      throw new DomainError(DomainErrorCode.NotFound, 'there is no demo clock: this deployment is not in DEMO_MODE');
    if (p.role !== Role.Admin)
      throw new DomainError(DomainErrorCode.Forbidden, 'only an admin may read or move the demo clock');
  }
}

const SELECT_CHANGES = `SELECT id, at, actor_username, kind, requested, delta_ms, offset_ms, demo_time, reason FROM demo_clock_changes`;

interface ChangeRow {
  id: string;
  at: Date;
  actor_username: string;
  kind: 'advance' | 'reset';
  requested: ClockAdvance;
  delta_ms: string;
  offset_ms: string;
  demo_time: Date;
  reason: string;
}

function changeOf(r: ChangeRow): DemoClockChange {
  return {
    id: r.id,
    at: r.at,
    actorUsername: r.actor_username,
    kind: r.kind,
    requested: r.requested,
    deltaMs: Number(r.delta_ms),
    offsetMs: Number(r.offset_ms),
    demoTime: r.demo_time,
    reason: r.reason,
  };
}
