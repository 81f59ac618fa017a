import { JurisdictionLevel, type Principal, ProgrammeIntake, Role, UnitKind, DomainErrorCode } from '@app/domain';
import { ExpertPoolUseCase } from '@app/accreditation';
import { OrganisationKind } from '@app/identity';
import {
  ChangeProgrammeRulesUseCase,
  CreateProgrammeUseCase,
  ProgrammeQueries,
  SetTimeLimitsUseCase,
} from '@app/programmes';
import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { ExpertView, InviteExpertDto } from './expert.view';
import { ProgrammeDetailView, ProgrammeView } from './programme.view';
import { uuid } from '../common/uuid.pipe';

/** an ISO date-time that says which offset it is in */
const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

class RubricDimensionDto {
  @ApiProperty({ example: 'system_completeness' }) @Matches(/^[a-z][a-z0-9_]*$/) key: string;
  @ApiProperty({ example: '制度完善' }) @IsString() @IsNotEmpty() name: string;
  @ApiProperty({ type: 'integer', example: 40, description: 'whole percent; all weights add up to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;
  @ApiProperty({ type: 'integer', example: 100 }) @IsInt() @Min(1) @Max(1000) maxScore: number;
}

class RubricDto {
  @ApiProperty({ type: [RubricDimensionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RubricDimensionDto)
  dimensions: RubricDimensionDto[];

  @ApiProperty({ type: 'integer', example: 70, description: '0..100 on the weighted scale' })
  @IsInt()
  @Min(0)
  @Max(100)
  passMark: number;
}

/** Working days allowed per step; a step left out gets the default (in brackets). */
export class TimeLimitsDto {
  @ApiPropertyOptional({ type: 'integer', example: 10, description: '初审 preliminary review (10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  preliminaryReview?: number;
  @ApiPropertyOptional({
    type: 'integer',
    example: 20,
    description: '退回补正: the applicant answers a revision request (20)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  revisionRequested?: number;
  @ApiPropertyOptional({ type: 'integer', example: 5, description: '复核 recheck (5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  recheck?: number;
  @ApiPropertyOptional({
    type: 'integer',
    example: 15,
    description: '验收 acceptance, the panel scoring included (15)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  acceptance?: number;
  @ApiPropertyOptional({
    type: 'integer',
    example: 5,
    description: '公示期满 → 认定: the decision after the notice (5)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  noticeClosed?: number;
  @ApiPropertyOptional({ type: 'integer', example: 5, description: '经办: a subsidy payment verified (5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  disbursementVerify?: number;
  @ApiPropertyOptional({ type: 'integer', example: 5, description: '审批: a verified payment approved (5)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  disbursementApprove?: number;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'QDFTZ-2027' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2-32 upper-case letters, digits or -' })
  code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: '370211-FTZ' }) @IsString() @IsNotEmpty() @MaxLength(16) jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) @IsIn(Object.values(UnitKind)) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) @IsIn(Object.values(JurisdictionLevel)) level: JurisdictionLevel;
  @ApiProperty({ type: 'integer', example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ type: RubricDto }) @ValidateNested() @Type(() => RubricDto) rubric: RubricDto;
  @ApiProperty({ type: 'integer', example: 3 }) @IsInt() @Min(1) @Max(15) panelSize: number;
  @ApiProperty({ example: ['application_form', 'protection_system'] })
  @IsArray()
  @Matches(/^[a-z][a-z0-9_]*$/, { each: true })
  requiredMaterials: string[];
  @ApiProperty({ type: 'integer', example: 5, description: 'length of the public notice in working days' })
  @IsInt()
  @Min(1)
  @Max(60)
  noticeWorkingDays: number;
  @ApiPropertyOptional({ type: 'integer', example: 10, nullable: true }) @IsOptional() @IsInt() @Min(1) quota?: number;
  @ApiPropertyOptional({ type: 'integer', example: 3, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  validityYears?: number;
  @ApiPropertyOptional({ type: TimeLimitsDto, description: "working days per step (the to-do lists' due dates)" })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeLimitsDto)
  timeLimits?: TimeLimitsDto;
  @ApiPropertyOptional({
    default: true,
    description: '复核 by a regulator other than the one who passed 初审 (SAME_REVIEWER otherwise)',
  })
  @IsOptional()
  @IsBoolean()
  recheckBySecondRegulator?: boolean;
  @ApiPropertyOptional({
    type: 'integer',
    default: 15,
    nullable: true,
    description: 'working days to resubmit a returned application before it lapses; null: no deadline',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  revisionWorkingDays?: number | null;
  @ApiPropertyOptional({
    type: 'integer',
    default: 36,
    description: 'months a revoked title bars its organisation from new applications; 0: no bar',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  revocationBarMonths?: number;
  @ApiPropertyOptional({
    enum: ProgrammeIntake,
    default: ProgrammeIntake.Open,
    description: 'open: applicants apply; recommendation: candidates come from the bureaus of the level below',
  })
  @IsOptional()
  @IsIn(Object.values(ProgrammeIntake))
  intake?: ProgrammeIntake;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'recommendation: fewest candidates a recommending bureau submits (one unless told)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  minCandidates?: number | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'recommendation: most candidates per recommending bureau (no maximum unless told)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxCandidates?: number | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'demonstration bases: fewest designated stations a base is built on (one unless told)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  minStations?: number | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2027-03-01T00:00:00+08:00',
    description: 'the call opens; with its offset (China time: +08:00). Unless told: when the programme is created',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(OFFSET, { message: 'opensAt must give its offset, e.g. 2027-03-01T00:00:00+08:00' })
  opensAt?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2027-07-01T00:00:00+08:00',
    description: "the call closes (exclusive); unless told: at the end of the programme's year, China time",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(OFFSET, { message: 'closesAt must give its offset, e.g. 2027-07-01T00:00:00+08:00' })
  closesAt?: string;
  @ApiPropertyOptional({
    enum: OrganisationKind,
    isArray: true,
    description: 'the kinds of organisation that may apply, inside what the unit kind allows; all of those unless told',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(Object.values(OrganisationKind), { each: true })
  eligibleOrganisationKinds?: OrganisationKind[];
}

/** A change of a programme's rules: what is given changes, the rest stays; it writes a new version. */
export class ChangeProgrammeRulesDto {
  @ApiPropertyOptional({ type: RubricDto }) @IsOptional() @ValidateNested() @Type(() => RubricDto) rubric?: RubricDto;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(1) @Max(15) panelSize?: number;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(/^[a-z][a-z0-9_]*$/, { each: true })
  requiredMaterials?: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'length of the public notice in working days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  noticeWorkingDays?: number;
  @ApiPropertyOptional({ type: TimeLimitsDto, description: 'only the steps given change' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TimeLimitsDto)
  timeLimits?: TimeLimitsDto;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'null: valid until revoked' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(20)
  validityYears?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() recheckBySecondRegulator?: boolean;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'null: no deadline' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(120)
  revisionWorkingDays?: number | null;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(120) revocationBarMonths?: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(OFFSET, { message: 'opensAt must give its offset, e.g. 2027-03-01T00:00:00+08:00' })
  opensAt?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-07-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(OFFSET, { message: 'closesAt must give its offset, e.g. 2027-07-01T00:00:00+08:00' })
  closesAt?: string;
  @ApiPropertyOptional({ enum: OrganisationKind, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(Object.values(OrganisationKind), { each: true })
  eligibleOrganisationKinds?: OrganisationKind[];
  @ApiPropertyOptional({ description: 'why the rules change (kept on the version)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

const asDate = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly programmes: ProgrammeQueries,
    private readonly createProgramme: CreateProgrammeUseCase,
    private readonly setTimeLimits: SetTimeLimitsUseCase,
    private readonly changeRules: ChangeProgrammeRulesUseCase,
    private readonly pool: ExpertPoolUseCase,
  ) {}

  @Get()
  @Public()
  @Access('none')
  @ApiOperation({ summary: 'Programmes: who designates which title, with the rubric, notice length and quota' })
  @ApiOkResponse({ type: [ProgrammeView] })
  async list(): Promise<ProgrammeView[]> {
    return (await this.programmes.list()).map(ProgrammeView.of);
  }

  @Get(':id')
  @Public()
  @Access('none')
  @ApiOperation({
    summary:
      'One programme: its call window, eligibility, rubric, panel size, required materials, notice length and quota, with the versions of its rules',
  })
  @ApiOkResponse({ type: ProgrammeDetailView })
  async get(@Param('id', uuid) id: string): Promise<ProgrammeDetailView> {
    const programme = await this.programmes.get(id);
    return ProgrammeDetailView.withVersions(programme, await this.programmes.versions(id));
  }

  @Post()
  @ApiBearerAuth()
  @Roles(Role.Regulator)
  @Access('jurisdiction') // in the regulator's own jurisdiction or below
  @ApiOperation({
    summary:
      'Open a programme in your jurisdiction (regulator), with its call window and the kinds of organisation that may apply; its rules are version 1',
  })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.AlreadyExists, DomainErrorCode.GuardFailed)
  async create(@CurrentPrincipal() p: Principal, @Body() dto: CreateProgrammeDto): Promise<ProgrammeView> {
    return ProgrammeView.of(
      await this.createProgramme.execute(p, { ...dto, opensAt: asDate(dto.opensAt), closesAt: asDate(dto.closesAt) }),
    );
  }

  @Put(':id/rules')
  @Access('jurisdiction') // the programme in the path: regulators of its bureau or above (403 otherwise)
  @ApiBearerAuth()
  @Roles(Role.Regulator)
  @ApiOperation({
    summary:
      "Change the programme's rules (regulator of its bureau): a new version; running applications keep the version they were created under, the call window and eligibility apply from now",
  })
  @ApiOkResponse({ type: ProgrammeDetailView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.GuardFailed, DomainErrorCode.VersionConflict)
  async changeProgrammeRules(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ChangeProgrammeRulesDto,
  ): Promise<ProgrammeDetailView> {
    const programme = await this.changeRules.execute(p, id, {
      ...dto,
      opensAt: asDate(dto.opensAt),
      closesAt: asDate(dto.closesAt),
    });
    return ProgrammeDetailView.withVersions(programme, await this.programmes.versions(id));
  }

  @Put(':id/time-limits')
  @Access('jurisdiction') // the programme in the path: regulators of its bureau or above (403 otherwise)
  @ApiBearerAuth()
  @Roles(Role.Regulator)
  @ApiOperation({
    summary:
      "Change the programme's working days per step (regulator of its bureau); open items keep their due dates, new ones use the new limits",
  })
  @ApiOkResponse({ type: ProgrammeView })
  @ApiBadRequestResponse({
    description: 'a limit that is not a whole number from 1 to 250 (VALIDATION_FAILED, fields)',
  })
  @ApiForbiddenResponse({
    description: 'not a regulator, or the programme is run outside your jurisdiction (FORBIDDEN)',
  })
  @ApiNotFoundResponse({ description: 'no such programme (NOT_FOUND)' })
  async changeTimeLimits(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: TimeLimitsDto,
  ): Promise<ProgrammeView> {
    return ProgrammeView.of(await this.setTimeLimits.execute(p, id, dto));
  }

  @Get(':id/experts')
  @Access('jurisdiction') // the programme in the path: its regulators only
  @ApiBearerAuth()
  @Roles(Role.Regulator)
  @ApiOperation({
    summary:
      "The programme's expert pool: active evaluators bound inside or above its jurisdiction, and those invited (regulators of the programme)",
  })
  @ApiOkResponse({ type: [ExpertView] })
  async experts(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ExpertView[]> {
    return (await this.pool.list(p, id)).map(ExpertView.of);
  }

  @Post(':id/experts')
  @Access('jurisdiction') // the programme in the path: its regulators only
  @ApiBearerAuth()
  @Roles(Role.Regulator)
  @ApiOperation({
    summary:
      "Invite an evaluator from elsewhere to the programme's expert pool, so they may be assigned to its applications",
  })
  @ApiOkResponse({ type: ExpertView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.NotEligible)
  async invite(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: InviteExpertDto,
  ): Promise<ExpertView> {
    return ExpertView.of(await this.pool.invite(p, id, dto.evaluatorId));
  }
}
