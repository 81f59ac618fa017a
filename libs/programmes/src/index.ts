export { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
export { JurisdictionEntity } from './jurisdiction.entity';
export { ProgrammeEntity } from './programme.entity';
export { WorkingCalendarService } from './working-calendar.service';
export { PROGRAMMES_ENTITIES, ProgrammesModule } from './programmes.module';
