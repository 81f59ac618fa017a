import { CloseNoticeUseCase, ExpertInvitationsUseCase, ValidityUseCase } from '@app/accreditation';
import { EnvironmentVariables } from '@app/config';
import { PilotReportRemindersUseCase, ReminderSweepUseCase } from '@app/notifications';
import { Clock } from '@app/platform';
import { OutboxRelay } from '@app/queue';
import { RearmPaymentsUseCase } from '@app/subsidy';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

/**
 * Runs the outbox relay and the sweepers (overdue notices and invitations, overdue revisions and expired titles,
 * stuck payments, due reminders, pilot progress reports) on timers until shutdown.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly relay: OutboxRelay,
    private readonly closeNotice: CloseNoticeUseCase,
    private readonly invitations: ExpertInvitationsUseCase,
    private readonly validity: ValidityUseCase,
    private readonly rearm: RearmPaymentsUseCase,
    private readonly reminders: ReminderSweepUseCase,
    private readonly pilotReports: PilotReportRemindersUseCase,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // deadlines in the outbox are in the Clock's time (the demo clock may be ahead of real time)
    this.loop(
      () => this.relay.drain(() => this.clock.now().getTime()),
      this.config.get('OUTBOX_POLL_MS', { infer: true }),
    );
    const sweepMs = this.config.get('SWEEP_MS', { infer: true });
    this.loop(() => this.closeNotice.sweep(30_000), sweepMs);
    this.loop(() => this.invitations.sweep(30_000), sweepMs);
    this.loop(() => this.validity.sweep(30_000), sweepMs);
    this.loop(() => this.rearm.execute(this.config.get('PAYMENT_STUCK_MS', { infer: true })), sweepMs);
    this.loop(() => this.reminders.execute(), sweepMs);
    this.loop(() => this.pilotReports.sweep(), sweepMs);
  }

  private loop(work: () => Promise<unknown>, everyMs: number): void {
    const tick = async () => {
      if (this.stopping) return;
      const run = work().catch((e: unknown) => this.logger.error({ err: e }, 'background task failed; will retry'));
      this.running.add(run);
      await run;
      this.running.delete(run);
      if (!this.stopping) this.timers.push(setTimeout(() => void tick(), everyMs));
    };
    this.timers.push(setTimeout(() => void tick(), 0));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.timers.forEach(clearTimeout);
    await Promise.all(this.running);
  }
}
