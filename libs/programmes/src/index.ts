export { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
export { JurisdictionEntity } from './jurisdiction.entity';
export { ProgrammeEntity } from './programme.entity';
export { WorkingCalendarService } from './working-calendar.service';
export { PROGRAMMES_ENTITIES, ProgrammesModule } from './programmes.module';
export { type Jurisdiction, JurisdictionQueries } from './jurisdiction.queries';
export { type Programme, ProgrammeQueries } from './programme.queries';
export { type CreateProgrammeInput, CreateProgrammeUseCase } from './create-programme.usecase';
export { type CalendarDay, CalendarQueries, type CalendarYear } from './calendar.queries';
export { type CalendarYearInput, LoadCalendarYearUseCase } from './load-calendar-year.usecase';
export {
  type ClockAdvance,
  type DemoClockChange,
  DemoClockUseCase,
  type DemoClockState,
} from './demo-clock.usecase';
