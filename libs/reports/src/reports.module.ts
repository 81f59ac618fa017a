import { NotificationsModule } from '@app/notifications';
import { ProgrammesModule } from '@app/programmes';
import { Module } from '@nestjs/common';
import { DashboardQueries } from './dashboard.queries';
import { DirectoryEntryEntity } from './directory-entry.entity';
import { DirectoryReportEntity } from './directory-report.entity';
import { DirectoryReportDueItems } from './directory-reports.due-items';
import { DirectoryQueries } from './directory.queries';
import { DirectoryUseCase } from './directory.usecase';

/** The tables of this context; PersistenceModule registers every context's list. */
export const REPORTS_ENTITIES: (new () => object)[] = [
  // the enterprise directory (名录库) and its reports upward
  DirectoryEntryEntity,
  DirectoryReportEntity,
];

const PROVIDERS = [
  // dashboards
  DashboardQueries,
  // the enterprise directory (名录库)
  DirectoryUseCase,
  DirectoryQueries,
];

/**
 * Reports and ledgers (报表与台账): what bureaus file upward (the service-month statistics table, the request ledger,
 * the enterprise directory) and the dashboards of each level. Reads the other contexts' tables; changes only its own.
 * Needs PersistenceModule's DataSource, ConfigModule and a ClockModule from the process.
 */
@Module({
  imports: [ProgrammesModule, NotificationsModule],
  providers: [
    ...PROVIDERS,
    // the directory reports join the reminder sweep's due items
    DirectoryReportDueItems,
  ],
  exports: PROVIDERS,
})
export class ReportsModule {}
