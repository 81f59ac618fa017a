import { NotificationsModule } from '@app/notifications';
import { ProgrammesModule } from '@app/programmes';
import { Module } from '@nestjs/common';
import { DashboardQueries } from './dashboard.queries';
import { DirectoryEntryEntity } from './directory-entry.entity';
import { DirectoryReportEntity } from './directory-report.entity';
import { DirectoryReportDueItems } from './directory-reports.due-items';
import { DirectoryQueries } from './directory.queries';
import { DirectoryUseCase } from './directory.usecase';
import { EnterpriseRequestEventEntity } from './enterprise-request-event.entity';
import { EnterpriseRequestEntity } from './enterprise-request.entity';
import { ReportExportsUseCase } from './report-exports.usecase';
import { RequestLedgerUseCase } from './request-ledger.usecase';
import { ServiceActivitiesUseCase } from './service-activities.usecase';
import { ServiceActivityEntity } from './service-activity.entity';
import { StatsEditionEntity } from './stats-edition.entity';
import { StatsFilingEntity } from './stats-filing.entity';
import { StatsTableUseCase } from './stats-table.usecase';
import { PilotCompilationQuery } from './pilot-compilation.query';

/** The tables of this context; PersistenceModule registers every context's list. */
export const REPORTS_ENTITIES: (new () => object)[] = [
  // the enterprise directory (名录库) and its reports upward
  DirectoryEntryEntity,
  DirectoryReportEntity,
  // the service-month statistics table, the activities ledger and the request ledger (诉求台账)
  StatsEditionEntity,
  ServiceActivityEntity,
  StatsFilingEntity,
  EnterpriseRequestEntity,
  EnterpriseRequestEventEntity,
];

const PROVIDERS = [
  // dashboards
  DashboardQueries,
  // the enterprise directory (名录库)
  DirectoryUseCase,
  DirectoryQueries,
  // the service-month statistics table, the activities ledger and the request ledger (诉求台账)
  ServiceActivitiesUseCase,
  StatsTableUseCase,
  RequestLedgerUseCase,
  ReportExportsUseCase,
  // the national pilot programme's semi-annual progress compilation
  PilotCompilationQuery,
];

/**
 * Reports and ledgers (报表与台账): what bureaus file upward (the service-month statistics table, the request ledger,
 * the enterprise directory, the semi-annual pilot progress compilation) and the dashboards of each level. Reads the
 * other contexts' tables; changes only its own. Needs PersistenceModule's DataSource, ConfigModule and a ClockModule
 * from the process.
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
