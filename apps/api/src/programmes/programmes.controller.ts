import {
  ACCREDITATION_MACHINE_VERSION,
  DomainError,
  DomainErrorCode,
  isWithin,
  JurisdictionLevel,
  type Principal,
  Role,
  rubricProblems,
  UnitKind,
} from '@app/domain';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Public, Roles } from '../common/auth.decorators';

class RubricDimensionDto {
  @ApiProperty({ example: 'system_completeness' }) @Matches(/^[a-z][a-z0-9_]*$/) key: string;
  @ApiProperty({ example: '制度完善' }) @IsString() @IsNotEmpty() name: string;
  @ApiProperty({ example: 40, description: 'whole percent; all weights add up to 100' }) @IsInt() @Min(1) @Max(100) weight: number;
  @ApiProperty({ example: 100 }) @IsInt() @Min(1) @Max(1000) maxScore: number;
}

class RubricDto {
  @ApiProperty({ type: [RubricDimensionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RubricDimensionDto)
  dimensions: RubricDimensionDto[];

  @ApiProperty({ example: 70, description: '0..100 on the weighted scale' }) @IsInt() @Min(0) @Max(100) passMark: number;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'QDFTZ-2027' }) @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2-32 upper-case letters, digits or -' }) code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '370211-FTZ' }) @IsString() @IsNotEmpty() jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) @IsIn(Object.values(UnitKind)) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) @IsIn(Object.values(JurisdictionLevel)) level: JurisdictionLevel;
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ type: RubricDto }) @ValidateNested() @Type(() => RubricDto) rubric: RubricDto;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(15) panelSize: number;
  @ApiProperty({ example: ['application_form', 'protection_system'] }) @IsArray() @Matches(/^[a-z][a-z0-9_]*$/, { each: true }) requiredMaterials: string[];
  @ApiProperty({ example: 5, description: 'length of the public notice in working days' }) @IsInt() @Min(1) @Max(60) noticeWorkingDays: number;
  @ApiPropertyOptional({ example: 10, nullable: true }) @IsOptional() @IsInt() @Min(1) quota?: number;
  @ApiPropertyOptional({ example: 3, nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(20) validityYears?: number;
}

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Programmes: who designates which title, with the rubric, notice length and quota' })
  list(): Promise<ProgrammeEntity[]> {
    return this.db.getRepository(ProgrammeEntity).find({ order: { year: 'DESC', code: 'ASC' } });
  }

  @Get(':id')
  @Public()
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProgrammeEntity> {
    const p = await this.db.getRepository(ProgrammeEntity).findOneBy({ id });
    if (!p) throw new DomainError(DomainErrorCode.NotFound, `programme ${id} not found`);
    return p;
  }

  @Post()
  @ApiBearerAuth()
  @Roles(Role.Regulator)
  @ApiOperation({ summary: 'Open a programme in your jurisdiction (regulator)' })
  async create(@CurrentPrincipal() p: Principal, @Body() dto: CreateProgrammeDto): Promise<ProgrammeEntity> {
    const problems = rubricProblems(dto.rubric);
    if (problems.length) throw new BadRequestException({ error: 'VALIDATION_FAILED', message: problems.join('; ') });
    const j = await this.db.getRepository(JurisdictionEntity).findOneBy({ code: dto.jurisdictionCode });
    if (!j) throw new DomainError(DomainErrorCode.ValidationFailed, `jurisdictionCode ${dto.jurisdictionCode} is unknown`, { fields: ['jurisdictionCode'] });
    if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath)) {
      throw new DomainError(DomainErrorCode.Forbidden, `${j.name} is outside your jurisdiction`);
    }
    return this.db.getRepository(ProgrammeEntity).save({
      ...dto,
      quota: dto.quota ?? null,
      validityYears: dto.validityYears ?? null,
      machineVersion: ACCREDITATION_MACHINE_VERSION,
    });
  }
}
