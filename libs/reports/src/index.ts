export { REPORTS_ENTITIES, ReportsModule } from './reports.module';
