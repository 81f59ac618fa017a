import { ProgrammesModule } from '@app/programmes';
import { Module } from '@nestjs/common';
import { WorklistModule } from '@app/worklist';
import { DUE_ITEMS_SOURCES, WorkItemsDueItems } from './due-items.source';
import { ReinspectionDueItems } from './reinspection-due-items.source';
import { Mailer } from './mailer';
import { MyNotificationsUseCase } from './my-notifications.usecase';
import { NotificationEventEntity } from './notification-event.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationWriter } from './notification.writer';
import { ProduceNotificationsUseCase } from './produce-notifications.usecase';
import { PilotReportRemindersUseCase } from './pilot-report-reminders.usecase';
import { ReminderSweepUseCase } from './reminder-sweep.usecase';
import { SendEmailUseCase } from './send-email.usecase';

/** The tables of this context; PersistenceModule registers every context's list. */
export const NOTIFICATIONS_ENTITIES = [NotificationEntity, NotificationPreferenceEntity, NotificationEventEntity];

/**
 * Notifications: in the app and by e-mail, from the events the other contexts write into the outbox (a notify-event
 * job per history row), and reminders of due work. Needs PersistenceModule's DataSource, the queue's outbox table,
 * ConfigModule and a ClockModule from the process.
 */
@Module({
  imports: [ProgrammesModule, WorklistModule],
  providers: [
    NotificationWriter,
    Mailer,
    ProduceNotificationsUseCase,
    SendEmailUseCase,
    MyNotificationsUseCase,
    ReminderSweepUseCase,
    PilotReportRemindersUseCase,
    WorkItemsDueItems,
    ReinspectionDueItems,
    // the to-do list's work items (a notice closed awaiting its decision among them) and the yearly re-inspections;
    // another context's source joins this list when its module starts (the reports' DirectoryReportDueItems)
    {
      provide: DUE_ITEMS_SOURCES,
      inject: [WorkItemsDueItems, ReinspectionDueItems],
      useFactory: (w: WorkItemsDueItems, r: ReinspectionDueItems) => [w, r],
    },
  ],
  exports: [
    NotificationWriter,
    ProduceNotificationsUseCase,
    SendEmailUseCase,
    MyNotificationsUseCase,
    ReminderSweepUseCase,
    PilotReportRemindersUseCase,
    WorkItemsDueItems,
    ReinspectionDueItems,
    DUE_ITEMS_SOURCES,
  ],
})
export class NotificationsModule {}
