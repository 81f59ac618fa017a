import { Module } from '@nestjs/common';
import { PilotCompilationQuery } from './pilot-compilation.query';

/** The tables of this context; PersistenceModule registers every context's list. */
export const REPORTS_ENTITIES: (new () => object)[] = [];

const PROVIDERS = [PilotCompilationQuery];

/**
 * Reports and ledgers (报表与台账): what bureaus file upward (the service-month statistics table, the request ledger,
 * the enterprise directory, the semi-annual pilot progress compilation) and the dashboards of each level. Reads the
 * other contexts' tables; changes only its own. Needs PersistenceModule's DataSource, ConfigModule and a ClockModule
 * from the process.
 */
@Module({
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class ReportsModule {}
