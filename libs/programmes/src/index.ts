export { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
export { JurisdictionEntity } from './jurisdiction.entity';
export { ProgrammeEntity } from './programme.entity';
export { ProgrammeVersionEntity } from './programme-version.entity';
export {
  APPLICATION_RULE_FIELDS,
  type ProgrammeRules,
  type RuleChange,
  type RuleField,
  rulesOf,
  withRulesOf,
} from './programme-rules';
export { WorkingCalendarService } from './working-calendar.service';
export { PROGRAMMES_ENTITIES, ProgrammesModule } from './programmes.module';
export { type Jurisdiction, JurisdictionQueries } from './jurisdiction.queries';
export { type Programme, type ProgrammeVersion, ProgrammeQueries } from './programme.queries';
export { type CreateProgrammeInput, CreateProgrammeUseCase } from './create-programme.usecase';
export { SetTimeLimitsUseCase } from './set-time-limits.usecase';
export { type ProgrammeRulesChange, ChangeProgrammeRulesUseCase } from './change-programme-rules.usecase';
export { type CalendarDay, CalendarQueries, type CalendarYear } from './calendar.queries';
export { type CalendarYearInput, LoadCalendarYearUseCase } from './load-calendar-year.usecase';
export { type ClockAdvance, type DemoClockChange, DemoClockUseCase, type DemoClockState } from './demo-clock.usecase';
