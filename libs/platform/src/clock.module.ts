import { EnvironmentVariables } from '@app/config';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Clock, SystemClock } from './clock';
import { DemoClock } from './demo-clock';

/**
 * The one Clock of a process, chosen where the process is composed (like ConfigModule): the system clock, or the
 * shared demo clock when DEMO_MODE is set; a settable one for the seed; tests override the `Clock` provider. Global,
 * so every context that reads the time gets this one instance and an override reaches all of them.
 */
@Module({})
export class ClockModule {
  static forRoot(clock?: Type<Clock>): DynamicModule {
    const provider = clock
      ? { provide: Clock, useClass: clock }
      : {
          provide: Clock,
          inject: [ConfigService, DataSource],
          useFactory: (config: ConfigService<EnvironmentVariables, true>, db: DataSource): Clock =>
            config.get('DEMO_MODE', { infer: true }) ? new DemoClock(db, config) : new SystemClock(),
        };
    return { module: ClockModule, global: true, providers: [provider], exports: [Clock] };
  }
}
