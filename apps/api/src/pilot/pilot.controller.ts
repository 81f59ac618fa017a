import { PILOT_SUMMARY_MAX, PilotProgrammeUseCase } from '@app/accreditation';
import { DomainErrorCode, type Principal, Role } from '@app/domain';
import { PilotCompilationQuery } from '@app/reports';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  IntersectionType,
} from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Readable } from 'stream';
import { streamExport } from '@app/platform';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import { contentDisposition } from '../common/multipart.util';
import { type HeaderSetter } from '../common/version.util';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { pilotReportsExport } from './pilot-report.export';
import {
  PilotCallView,
  PilotCompilationView,
  PilotNoticeView,
  PilotProvinceRankingView,
  PilotRankingsView,
  PilotReportView,
} from './pilot.view';
import { uuid } from '../common/uuid.pipe';

const HALF_YEAR = /^\d{4}-H[12]$/;

export class PilotCallDto {
  @ApiProperty({ format: 'date', example: '2027-05-15', description: 'ranked lists due by the end of this day' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'preReviewDueOn must be a date (YYYY-MM-DD)' })
  preReviewDueOn: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 15, description: 'fewest regions to announce' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  @Max(1000)
  minDesignations?: number | null;
}

export class PilotRankingDto {
  @ApiProperty({ type: [String], description: 'the forwarded applications, best first; each exactly once' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  applicationIds: string[];
}

export class PilotNoticeDto {
  @ApiProperty({
    type: [String],
    description: 'the evaluated applications to put on public notice together, each ranked by its province',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  applicationIds: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class PilotReportSubmissionDto {
  @ApiProperty({ description: 'the progress of the half-year (试点工作进展情况)', maxLength: PILOT_SUMMARY_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PILOT_SUMMARY_MAX)
  summary: string;
}

export class PilotReportQuery {
  @ApiPropertyOptional({ example: '2027-H1' })
  @IsOptional()
  @Matches(HALF_YEAR, { message: 'halfYear must look like 2027-H1 or 2027-H2' })
  halfYear?: string;
}

/** The progress reports list's filter and the format. */
export class PilotReportExportQuery extends IntersectionType(PilotReportQuery, ExportFormatQuery) {}

export class PilotCompilationQueryDto {
  @ApiProperty({ example: '2027-H1' })
  @Matches(HALF_YEAR, { message: 'halfYear must look like 2027-H1 or 2027-H2' })
  halfYear: string;

  @ApiPropertyOptional({ example: '370000', description: 'a province or the nation (CN); default: your own' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  jurisdictionCode?: string;
}

/**
 * The national pilot programme (创新试点地区, seed 000): the call, the provinces' ranked lists (择优上报), the regions'
 * semi-annual progress reports and their compilation for a province or the nation.
 */
@ApiTags('pilot')
@ApiBearerAuth()
@Controller()
export class PilotController {
  constructor(
    private readonly pilot: PilotProgrammeUseCase,
    private readonly compilation: PilotCompilationQuery,
  ) {}

  @Put('programmes/:id/pilot-call')
  @Roles(Role.Regulator)
  @Access('none') // the use case: regulators of the bureau running the programme (403), a pilot programme (422)
  @ApiErrors(DomainErrorCode.GuardFailed)
  @ApiOperation({ summary: "The pilot programme's call: the provinces' pre-review day and the fewest regions" })
  @ApiOkResponse({ type: PilotCallView })
  async setCall(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PilotCallDto,
  ): Promise<PilotCallView> {
    return PilotCallView.of(
      await this.pilot.setCall(p, id, {
        preReviewDueOn: dto.preReviewDueOn,
        minDesignations: dto.minDesignations ?? null,
      }),
    );
  }

  @Get('programmes/:id/pilot-rankings')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the provinces of the caller's line; a programme that is no pilot answers 422
  @ApiErrors(DomainErrorCode.GuardFailed)
  @ApiOperation({
    summary: "The provinces' pre-review: forwarded applications and ranked lists (on time, late, missing)",
  })
  @ApiOkResponse({ type: PilotRankingsView })
  async rankings(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<PilotRankingsView> {
    return PilotRankingsView.of(await this.pilot.rankings(p, id));
  }

  @Post('programmes/:id/pilot-rankings')
  @Roles(Role.Regulator)
  @Access('none') // a provincial regulator, for its province's forwarded applications (422 otherwise)
  @ApiErrors(DomainErrorCode.GuardFailed)
  @ApiOperation({ summary: 'A province submits its ranked list of the applications it forwards (择优上报), once' })
  @ApiOkResponse({ type: PilotProvinceRankingView })
  async submitRanking(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PilotRankingDto,
  ): Promise<PilotProvinceRankingView> {
    return PilotProvinceRankingView.of(await this.pilot.submitRanking(p, id, dto.applicationIds));
  }

  @Post('programmes/:id/pilot-notice')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('none') // the regulators of the bureau running the programme (403); each application as the engine has it
  @ApiErrors(
    DomainErrorCode.PilotListSize,
    DomainErrorCode.PilotNotRanked,
    DomainErrorCode.GuardFailed,
    DomainErrorCode.EventNotAllowed,
  )
  @ApiOperation({
    summary:
      'The national office announces its list of pilot regions: the chosen applications on public notice together',
    description:
      "In one transaction each application gets its OPEN_PUBLIC_NOTICE (history and outbox rows). The regions already announced (on notice, past it, designated) plus this list must lie between the call's minDesignations and the quota: 422 PILOT_LIST_SIZE with `min`, `max` and `count` otherwise. An application its province has not ranked answers 409 PILOT_NOT_RANKED, one whose panel has not passed 422 GUARD_FAILED; any refusal refuses the whole list.",
  })
  @ApiOkResponse({ type: PilotNoticeView })
  async announce(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PilotNoticeDto,
  ): Promise<PilotNoticeView> {
    return PilotNoticeView.of(await this.pilot.announce(p, id, dto));
  }

  @Get('pilot-reports')
  @Roles(Role.Applicant, Role.Regulator, Role.Admin)
  @Access('none') // a region's own; a regulator's subtree
  @ApiOperation({ summary: 'Semi-annual pilot progress reports: your region’s, or those of the regions you supervise' })
  @ApiOkResponse({ type: [PilotReportView] })
  async reports(@CurrentPrincipal() p: Principal, @Query() q: PilotReportQuery): Promise<PilotReportView[]> {
    return (await this.pilot.reports(p, q)).map(PilotReportView.of);
  }

  @Get('pilot-reports/export')
  @Roles(Role.Applicant, Role.Regulator, Role.Admin)
  @Access('none') // as the list: a region's own; a regulator's subtree
  @ApiOperation({ summary: 'The progress reports list, whole, as XLSX or CSV: the same filter and order as the list' })
  @ApiExport('the semi-annual pilot progress reports you may see (试点进展报告)')
  exportReports(
    @CurrentPrincipal() p: Principal,
    @Query() q: PilotReportExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): StreamableFile {
    return sendExport(res, streamExport(pilotReportsExport(this.pilot.exportReports(p, q)), formatOf(q)));
  }

  @Get('pilot-reports/compilation')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // a jurisdiction of the caller's subtree (403 otherwise); default the caller's own
  @ApiOperation({ summary: 'The half-year’s progress compiled for a province or the nation: status and summaries' })
  @ApiOkResponse({ type: PilotCompilationView })
  async compile(@CurrentPrincipal() p: Principal, @Query() q: PilotCompilationQueryDto): Promise<PilotCompilationView> {
    return PilotCompilationView.of(await this.compilation.compile(p, q));
  }

  @Get('pilot-reports/compilation.xlsx')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // as compilation
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'the compilation as an XLSX workbook', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'The same compilation as an XLSX workbook (streamed)' })
  async compileXlsx(
    @CurrentPrincipal() p: Principal,
    @Query() q: PilotCompilationQueryDto,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.compilation.xlsx(p, q);
    res.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.header('Content-Disposition', contentDisposition(fileName));
    res.header('Cache-Control', 'private, no-store');
    return new StreamableFile(stream as Readable);
  }

  @Post('pilot-reports/:id/submission')
  @Roles(Role.Applicant)
  @Access('none', { except: { [Role.Applicant]: 404 } }) // the region's own report; the probe names none of theirs
  @ApiErrors(DomainErrorCode.GuardFailed)
  @ApiOperation({
    summary: 'A pilot region submits its progress report for the half-year, once (late after the due day)',
  })
  @ApiOkResponse({ type: PilotReportView })
  async submitReport(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PilotReportSubmissionDto,
  ): Promise<PilotReportView> {
    return PilotReportView.of(await this.pilot.submitReport(p, id, dto.summary));
  }
}
