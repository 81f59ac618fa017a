import { DatabaseNotificationsModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { CalendarQueries } from './calendar.queries';
import { DemoClockUseCase } from './demo-clock.usecase';
import { CreateProgrammeUseCase } from './create-programme.usecase';
import { JurisdictionEntity } from './jurisdiction.entity';
import { JurisdictionQueries } from './jurisdiction.queries';
import { LoadCalendarYearUseCase } from './load-calendar-year.usecase';
import { ProgrammeEntity } from './programme.entity';
import { ProgrammeVersionEntity } from './programme-version.entity';
import { ChangeProgrammeRulesUseCase } from './change-programme-rules.usecase';
import { ProgrammeQueries } from './programme.queries';
import { SetTimeLimitsUseCase } from './set-time-limits.usecase';
import { WorkingCalendarService } from './working-calendar.service';

/** The tables of this context; PersistenceModule registers every context's list. */
export const PROGRAMMES_ENTITIES = [
  JurisdictionEntity,
  ProgrammeEntity,
  ProgrammeVersionEntity,
  CalendarDayEntity,
  CalendarYearEntity,
];

const PROVIDERS = [
  WorkingCalendarService,
  JurisdictionQueries,
  ProgrammeQueries,
  CreateProgrammeUseCase,
  SetTimeLimitsUseCase,
  ChangeProgrammeRulesUseCase,
  CalendarQueries,
  LoadCalendarYearUseCase,
  DemoClockUseCase,
];

/** The jurisdiction tree, programmes and the working-day calendar; needs PersistenceModule's DataSource. */
@Module({
  imports: [DatabaseNotificationsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class ProgrammesModule {}
