import { Module } from '@nestjs/common';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { JurisdictionEntity } from './jurisdiction.entity';
import { ProgrammeEntity } from './programme.entity';
import { WorkingCalendarService } from './working-calendar.service';

/** The tables of this context; PersistenceModule registers every context's list. */
export const PROGRAMMES_ENTITIES = [JurisdictionEntity, ProgrammeEntity, CalendarDayEntity, CalendarYearEntity];

/** The jurisdiction tree, programmes and the working-day calendar; needs PersistenceModule's DataSource. */
@Module({
  providers: [WorkingCalendarService],
  exports: [WorkingCalendarService],
})
export class ProgrammesModule {}
