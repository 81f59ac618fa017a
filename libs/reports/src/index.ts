export { REPORTS_ENTITIES, ReportsModule } from './reports.module';
export { DashboardQueries, type CountRow, type KeyCount } from './dashboard.queries';
export { DirectoryEntryEntity } from './directory-entry.entity';
export { DirectoryReportEntity, type ReportedEntry } from './directory-report.entity';
export { DirectoryUseCase, type DirectoryEntryInput } from './directory.usecase';
export {
  DirectoryQueries,
  type DemonstrationRecord,
  type DirectoryExportRow,
  type DirectoryFilter,
} from './directory.queries';
// the service-month statistics table, the activities ledger and the request ledger (诉求台账)
export { type ActivityExportRow, ServiceActivitiesUseCase } from './service-activities.usecase';
export { type CellDrillDown, type FilingRow, type StatsTable, StatsTableUseCase } from './stats-table.usecase';
export { RequestLedgerUseCase, type RequestExportRow } from './request-ledger.usecase';
export { ReportExportsUseCase } from './report-exports.usecase';
export { StatsEditionEntity } from './stats-edition.entity';
export { ServiceActivityEntity } from './service-activity.entity';
export { StatsFilingEntity } from './stats-filing.entity';
export { EnterpriseRequestEntity } from './enterprise-request.entity';
export { EnterpriseRequestEventEntity } from './enterprise-request-event.entity';
// the rows as the API reads them (apps name no entity class)
export type { ServiceActivityEntity as ServiceActivity } from './service-activity.entity';
export type { StatsEditionEntity as StatsEdition } from './stats-edition.entity';
export type { EnterpriseRequestEntity as EnterpriseRequest } from './enterprise-request.entity';
export type { EnterpriseRequestEventEntity as EnterpriseRequestEvent } from './enterprise-request-event.entity';
export {
  type CompiledRegion,
  halfYearTitle,
  PILOT_STATUS_LABELS,
  type PilotCompilation,
  PilotCompilationQuery,
} from './pilot-compilation.query';
