import {
  AccreditationEventType as E,
  AccreditationState,
  DomainError,
  DomainErrorCode,
  Principal,
  Role,
} from '@app/domain';
import { Clock, exclusively } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { WorkflowEngine } from './workflow-engine.service';

export const SYSTEM_PRINCIPAL: Principal = {
  id: null,
  role: Role.System,
  username: 'system',
  jurisdictionCode: null,
  jurisdictionPath: null,
  organisationId: null,
};

export type CloseNoticeOutcome =
  { kind: 'closed' } | { kind: 'not-yet'; endsAt: Date } | { kind: 'nothing-to-do'; why: string };

/**
 * The public-notice deadline. Fired by a delayed job (and by the sweeper as a safety net), it is harmless when
 * late or repeated: anything but an open notice of the same round is left alone.
 */
@Injectable()
export class CloseNoticeUseCase {
  private readonly logger = new Logger(CloseNoticeUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  async execute(applicationId: string, noticeRound: number): Promise<CloseNoticeOutcome> {
    const app = await this.db.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!app) return { kind: 'nothing-to-do', why: 'application not found' };
    if (app.state !== AccreditationState.PublicNotice)
      return { kind: 'nothing-to-do', why: `application is ${app.state}` };
    if (app.snapshot.context.noticeRound !== noticeRound)
      return { kind: 'nothing-to-do', why: 'a later notice round is running' };
    await this.clock.refresh(); // the demo clock may have moved in another process
    if (app.noticeEndsAt && app.noticeEndsAt.getTime() > this.clock.now().getTime()) {
      return { kind: 'not-yet', endsAt: app.noticeEndsAt };
    }
    try {
      await this.engine.fire(applicationId, SYSTEM_PRINCIPAL, { type: E.CloseNotice });
      return { kind: 'closed' };
    } catch (e) {
      // a concurrent event (withdrawal, an upheld objection, another delivery of this job) got there first
      if (e instanceof DomainError && e.code === DomainErrorCode.EventNotAllowed)
        return { kind: 'nothing-to-do', why: e.message };
      throw e;
    }
  }

  /**
   * Closes every notice whose window ended more than `graceMs` ago: covers deadline jobs lost with Redis. Every
   * worker runs it on a timer; one sweeps at a time (an advisory lock), the others skip the round and answer 0.
   */
  async sweep(graceMs: number): Promise<number> {
    await this.clock.refresh();
    const swept = await exclusively(this.db, 'sweep:close-notice', () => this.sweepDue(graceMs));
    return swept.ran ? swept.value : 0;
  }

  private async sweepDue(graceMs: number): Promise<number> {
    const due = await this.db.getRepository(ApplicationEntity).find({
      select: { id: true, snapshot: true },
      where: {
        state: AccreditationState.PublicNotice,
        noticeEndsAt: LessThanOrEqual(new Date(this.clock.now().getTime() - graceMs)),
      },
      take: 500,
    });
    let closed = 0;
    for (const app of due) {
      const outcome = await this.execute(app.id, app.snapshot.context.noticeRound);
      if (outcome.kind === 'closed') closed += 1;
    }
    if (closed > 0)
      this.logger.warn({ closed }, 'sweeper closed overdue public notices whose deadline job had not run');
    return closed;
  }
}
