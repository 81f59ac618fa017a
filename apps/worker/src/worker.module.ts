import { validateEnvironment } from '@app/config';
import { ContextsModule } from '@app/contexts';
import { PersistenceModule } from '@app/persistence';
import { ClockModule, HealthModule, loggingModule } from '@app/platform';
import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DeadlinesProcessor } from './deadlines.processor';
import { DisbursementsProcessor } from './disbursements.processor';
import { NotificationsProcessor } from './notifications.processor';
import { RelayService } from './relay.service';
import { workerOptionsProvider } from './worker-options.provider';

/** BullMQ processors, the outbox relay and the sweepers; HTTP only for /health. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    loggingModule,
    PersistenceModule,
    QueueModule,
    ClockModule.forRoot(),
    ContextsModule,
    HealthModule,
  ],
  providers: [workerOptionsProvider, DeadlinesProcessor, DisbursementsProcessor, NotificationsProcessor, RelayService],
})
export class WorkerModule {}
