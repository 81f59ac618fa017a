import { validateEnvironment } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ClockModule } from '@app/platform';
import { SeedModule } from '@app/seed';
import { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { TestClock } from './test-clock';

/**
 * The bounded contexts without HTTP or workers, as every process composes them (configuration, the data source,
 * one movable clock, ContextsModule through SeedModule so `resetDatabase` works): for a context's integration
 * suite, which gets use cases and queries with `app.get(...)`.
 */
export async function startContexts(): Promise<INestApplicationContext> {
  const ref = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
      PersistenceModule,
      ClockModule.forRoot(TestClock),
      SeedModule,
    ],
  }).compile();
  return ref.init();
}
