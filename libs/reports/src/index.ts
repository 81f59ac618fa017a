export { REPORTS_ENTITIES, ReportsModule } from './reports.module';
export {
  type CompiledRegion,
  halfYearTitle,
  PILOT_STATUS_LABELS,
  type PilotCompilation,
  PilotCompilationQuery,
} from './pilot-compilation.query';
