import { ApplicationEntity, ObjectionEntity } from '@app/accreditation';
import { UserEntity } from '@app/identity';
import { CalendarDayEntity, CalendarYearEntity, ProgrammeEntity } from '@app/programmes';
import { SubsidyPolicyEntity } from '@app/subsidy';
import { getMetadataStorage } from 'class-validator';
import { getMetadataArgsStorage } from 'typeorm';
import {
  CreateApplicationDto,
  FileObjectionDto,
  ListApplicationsQuery,
} from '../apps/api/src/applications/application.dto';
import { LoginDto } from '../apps/api/src/auth/auth.controller';
import { CalendarDayDto, CalendarYearDto } from '../apps/api/src/calendar/calendar.controller';
import { CreatePolicyDto, DisbursementQuery } from '../apps/api/src/finance/finance.dto';
import { CreateProgrammeDto } from '../apps/api/src/programmes/programmes.controller';

type Class = abstract new (...args: never[]) => unknown;

/** Every DTO string field stored in a varchar column, and that column: the DTO may not allow more than it holds. */
const STORED_IN: [Class, string, Class, string][] = [
  [CreateApplicationDto, 'title', ApplicationEntity, 'title'],
  [ListApplicationsQuery, 'jurisdictionCode', ApplicationEntity, 'jurisdictionCode'],
  [FileObjectionDto, 'filerName', ObjectionEntity, 'filerName'],
  [FileObjectionDto, 'filerContact', ObjectionEntity, 'filerContact'],
  [FileObjectionDto, 'filerOrganisation', ObjectionEntity, 'filerOrganisation'],
  [LoginDto, 'username', UserEntity, 'username'],
  [CalendarDayDto, 'name', CalendarDayEntity, 'name'],
  [CalendarYearDto, 'source', CalendarYearEntity, 'source'],
  [CreatePolicyDto, 'name', SubsidyPolicyEntity, 'name'],
  [CreatePolicyDto, 'purpose', SubsidyPolicyEntity, 'purpose'],
  [DisbursementQuery, 'jurisdictionCode', SubsidyPolicyEntity, 'payingJurisdictionCode'],
  [CreateProgrammeDto, 'name', ProgrammeEntity, 'name'],
  [CreateProgrammeDto, 'jurisdictionCode', ProgrammeEntity, 'jurisdictionCode'],
];

describe('string lengths: DTOs and columns agree', () => {
  it.each(
    STORED_IN.map(([dto, field, entity, column]) => [`${dto.name}.${field}`, dto, field, entity, column] as const),
  )('%s fits its column', (_name, dto, field, entity, column) => {
    const maxLength = getMetadataStorage()
      .getTargetValidationMetadatas(dto as never, '', true, false)
      .find((m) => m.propertyName === field && m.name === 'maxLength')?.constraints[0];
    const length = getMetadataArgsStorage().columns.find((c) => c.target === entity && c.propertyName === column)
      ?.options.length;
    expect({ field, maxLength, length }).toEqual({ field, maxLength: Number(length), length: expect.anything() });
  });
});
