export { REPORTS_ENTITIES, ReportsModule } from './reports.module';
export { DashboardQueries, type CountRow, type KeyCount } from './dashboard.queries';
export { DirectoryEntryEntity } from './directory-entry.entity';
export { DirectoryReportEntity, type ReportedEntry } from './directory-report.entity';
export { DirectoryUseCase, type DirectoryEntryInput } from './directory.usecase';
export { DirectoryQueries, type DemonstrationRecord, type DirectoryFilter } from './directory.queries';
