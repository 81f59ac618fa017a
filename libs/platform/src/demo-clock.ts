import { EnvironmentVariables } from '@app/config';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Clock } from './clock';

/**
 * The clock of a demonstration or training deployment (DEMO_MODE): real time plus the offset an admin set, kept in
 * the one-row `demo_clock` table so every API and worker process reads the same time. `now()` must answer at once,
 * so each process keeps the offset in memory and re-reads it every DEMO_CLOCK_REFRESH_MS, and whenever `refresh()`
 * is awaited (the process that moves the clock, the sweeper, deadline jobs). No row means no offset.
 */
@Injectable()
export class DemoClock extends Clock implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoClock.name);
  private offsetMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** how far the demo clock is ahead of real time, as last read */
  get offset(): number {
    return this.offsetMs;
  }

  override async refresh(): Promise<void> {
    const [row]: { offset_ms: string }[] = await this.db.query(`SELECT offset_ms FROM demo_clock WHERE id = 1`);
    this.offsetMs = row ? Number(row.offset_ms) : 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    const every = this.config.get('DEMO_CLOCK_REFRESH_MS', { infer: true });
    const tick = () => {
      this.refresh()
        .catch((e: unknown) =>
          this.logger.warn({ err: e }, 'could not re-read the demo clock; keeping the last offset'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, every).unref();
        });
    };
    this.timer = setTimeout(tick, every).unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
