import { AccreditationEventType as E, AccreditationState, chinaDate, DomainError, DomainErrorCode } from '@app/domain';
import { Clock, exclusively } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, LessThan, LessThanOrEqual } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { SYSTEM_PRINCIPAL } from './close-notice.usecase';
import { WorkflowEngine } from './workflow-engine.service';

export type ValidityOutcome =
  { kind: 'done' } | { kind: 'not-yet'; dueAt: Date } | { kind: 'nothing-to-do'; why: string };

/**
 * The deadlines of item 7 and 5 of issue 13, in the database and on the injected Clock: a returned application
 * lapses when its revision deadline passes (a delayed job per return, `lapse-revision.<id>.<revision>`), a title
 * expires the day after its last valid day (the sweeper; titles last years, so no job waits that long in Redis).
 * Both are harmless when late or repeated: anything but the same return still open, or a title still designated
 * past its validity, is left alone; the sweeper covers lost jobs and a demo clock moved forward.
 */
@Injectable()
export class ValidityUseCase {
  private readonly logger = new Logger(ValidityUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  /** LAPSE for the `revision`-th return of the application, if it is still open and its deadline has passed. */
  async lapse(applicationId: string, revision: number): Promise<ValidityOutcome> {
    const app = await this.db.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!app) return { kind: 'nothing-to-do', why: 'application not found' };
    if (app.state !== AccreditationState.RevisionRequested)
      return { kind: 'nothing-to-do', why: `application is ${app.state}` };
    if (app.snapshot.context.revisions !== revision)
      return { kind: 'nothing-to-do', why: 'a later return for revision is running' };
    if (!app.revisionDueAt) return { kind: 'nothing-to-do', why: 'the return has no deadline' };
    await this.clock.refresh(); // the demo clock may have moved in another process
    if (app.revisionDueAt.getTime() > this.clock.now().getTime()) return { kind: 'not-yet', dueAt: app.revisionDueAt };
    return this.fire(applicationId, E.Lapse);
  }

  /** EXPIRE the title, if it is still designated and its last valid day is over (China date). */
  async expire(applicationId: string): Promise<ValidityOutcome> {
    const app = await this.db.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!app) return { kind: 'nothing-to-do', why: 'application not found' };
    if (app.state !== AccreditationState.Designated)
      return { kind: 'nothing-to-do', why: `application is ${app.state}` };
    if (app.validUntil === null) return { kind: 'nothing-to-do', why: 'the title has no end of validity' };
    await this.clock.refresh();
    if (chinaDate(this.clock.now()) <= app.validUntil)
      return { kind: 'nothing-to-do', why: `valid until ${app.validUntil}` };
    return this.fire(applicationId, E.Expire);
  }

  private async fire(applicationId: string, type: E.Lapse | E.Expire): Promise<ValidityOutcome> {
    try {
      await this.engine.fire(applicationId, SYSTEM_PRINCIPAL, { type });
      return { kind: 'done' };
    } catch (e) {
      // a concurrent event (a resubmission, a revocation, another delivery of this job) got there first
      if (e instanceof DomainError && e.code === DomainErrorCode.EventNotAllowed)
        return { kind: 'nothing-to-do', why: e.message };
      throw e;
    }
  }

  /**
   * Lapses every return whose deadline passed more than `graceMs` ago and expires every title past its validity.
   * Every worker runs it on a timer and after the demo clock moved; one sweeps at a time (an advisory lock).
   */
  async sweep(graceMs: number): Promise<{ lapsed: number; expired: number }> {
    await this.clock.refresh();
    const swept = await exclusively(this.db, 'sweep:validity', () => this.sweepDue(graceMs));
    return swept.ran ? swept.value : { lapsed: 0, expired: 0 };
  }

  private async sweepDue(graceMs: number): Promise<{ lapsed: number; expired: number }> {
    const now = this.clock.now();
    const repo = this.db.getRepository(ApplicationEntity);
    const returned = await repo.find({
      select: { id: true, snapshot: true },
      where: {
        state: AccreditationState.RevisionRequested,
        revisionDueAt: LessThanOrEqual(new Date(now.getTime() - graceMs)),
      },
      take: 500,
    });
    let lapsed = 0;
    for (const app of returned) {
      if ((await this.lapse(app.id, app.snapshot.context.revisions)).kind === 'done') lapsed += 1;
    }
    const titles = await repo.find({
      select: { id: true },
      where: { state: AccreditationState.Designated, validUntil: LessThan(chinaDate(now)) },
      take: 500,
    });
    let expired = 0;
    for (const app of titles) if ((await this.expire(app.id)).kind === 'done') expired += 1;
    if (lapsed + expired > 0) this.logger.log({ lapsed, expired }, 'validity sweep');
    return { lapsed, expired };
  }
}
