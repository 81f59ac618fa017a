import { AccreditationModule } from '@app/accreditation';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { ProgrammesModule } from '@app/programmes';
import { ReportsModule } from '@app/reports';
import { SubsidyEffect, SubsidyModule } from '@app/subsidy';
import { WorklistModule } from '@app/worklist';
import { Module } from '@nestjs/common';

/**
 * The bounded contexts put together, the same for every process (the API, the worker, the CLI and so the seed
 * and the tests). Here the accreditation engine gets its transition effects, which run inside the transition's
 * transaction: subsidy's SubsidyEffect — DESIGNATE creates the entitlement, REVOKE cancels the money not yet
 * paid or being paid. Notifications hear of the others' events through the outbox (notify-event jobs). Needs PersistenceModule's DataSource, ConfigModule and a ClockModule from the process.
 */
@Module({
  imports: [
    ProgrammesModule,
    IdentityModule,
    AccreditationModule.forRoot({ imports: [SubsidyModule], effects: [SubsidyEffect] }),
    SubsidyModule,
    WorklistModule,
    NotificationsModule,
    ReportsModule,
  ],
  exports: [
    ProgrammesModule,
    IdentityModule,
    AccreditationModule,
    SubsidyModule,
    WorklistModule,
    NotificationsModule,
    ReportsModule,
  ],
})
export class ContextsModule {}
