import { DynamicModule, Module, Type } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/**
 * The one Clock of a process, chosen where the process is composed (like ConfigModule): the system clock in
 * production, a settable one for the seed; tests override the `Clock` provider. Global, so every context that
 * reads the time gets this one instance and an override reaches all of them.
 */
@Module({})
export class ClockModule {
  static forRoot(clock: Type<Clock> = SystemClock): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [{ provide: Clock, useClass: clock }],
      exports: [Clock],
    };
  }
}
