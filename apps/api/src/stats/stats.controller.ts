import { DomainErrorCode, type Principal, Role } from '@app/domain';
import { streamExport } from '@app/platform';
import { ReportExportsUseCase, ServiceActivitiesUseCase, StatsTableUseCase } from '@app/reports';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import { contentDisposition } from '../common/multipart.util';
import { type HeaderSetter } from '../common/version.util';
import { ApiErrors } from '../openapi/api-errors.decorator';
import {
  ActivityListQuery,
  CreateActivityDto,
  CreateEditionDto,
  ProvinceQuery,
  SubmitTableDto,
  UpdateActivityDto,
  VersionQuery,
} from './stats.dto';
import { activitiesExport, ActivityLedgerExportQuery, filingsExport } from './ledger.export';
import {
  ActivityPageView,
  ActivityView,
  CellDrillDownView,
  EditionView,
  FilingView,
  StatsTableView,
} from './stats.view';
import { uuid } from '../common/uuid.pipe';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file: its type, its name (RFC 5987 for Chinese names), no caching. */
function file(res: HeaderSetter, type: string, name: string, body: Buffer | NodeJS.ReadableStream): StreamableFile {
  res.header('Content-Type', type);
  res.header('Content-Disposition', contentDisposition(name));
  res.header('Cache-Control', 'private, no-store');
  return new StreamableFile(body as Buffer);
}

/**
 * The service month (服务月): its editions and statistics-table templates, the activities ledger (活动台账), each
 * province's table with a drill-down from every cell, its submission, and which provinces have filed.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles(Role.Regulator, Role.Admin)
export class StatsController {
  constructor(
    private readonly tables: StatsTableUseCase,
    private readonly activities: ServiceActivitiesUseCase,
    private readonly exports: ReportExportsUseCase,
  ) {}

  @Get('stats/editions')
  @Access('none')
  @ApiOperation({
    summary: 'The service-month editions, newest first, each with its table’s template (rows, units, rules)',
  })
  @ApiOkResponse({ type: [EditionView] })
  async editions(): Promise<EditionView[]> {
    return (await this.tables.editions()).map(EditionView.of);
  }

  @Post('stats/editions')
  @Access('none')
  @ApiOperation({
    summary:
      'Open the next edition (national office): the latest edition’s template (or copyFrom’s) with a new period and deadline',
  })
  @ApiCreatedResponse({ type: EditionView })
  @ApiErrors(DomainErrorCode.AlreadyExists)
  async createEdition(@CurrentPrincipal() p: Principal, @Body() dto: CreateEditionDto): Promise<EditionView> {
    return EditionView.of(await this.tables.createEdition(p, { ...dto, deadline: new Date(dto.deadline) }));
  }

  // the probe names no edition (the path's `:edition` stays as it is): past access, 404 for those the roles admit
  @Get('stats/editions/:edition/table')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } })
  @ApiOperation({
    summary:
      'A province’s statistics table for an edition, cell for cell: computed while a draft, as sealed once submitted',
  })
  @ApiOkResponse({ type: StatsTableView })
  async table(
    @CurrentPrincipal() p: Principal,
    @Param('edition') edition: string,
    @Query() q: ProvinceQuery,
  ): Promise<StatsTableView> {
    return StatsTableView.of(await this.tables.table(p, edition, q.province));
  }

  @Get('stats/editions/:edition/table.xlsx')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no edition
  @ApiOperation({ summary: 'The table as XLSX in the seed’s layout (title, 填报单位, date line, rows, merged cells)' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the workbook', schema: { type: 'string', format: 'binary' } })
  async tableXlsx(
    @CurrentPrincipal() p: Principal,
    @Param('edition') edition: string,
    @Query() q: ProvinceQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const out = await this.exports.table(p, edition, q.province, 'xlsx');
    return file(res, XLSX, out.fileName, out.body);
  }

  @Get('stats/editions/:edition/table.csv')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no edition
  @ApiOperation({ summary: 'The table as CSV: 序号, 具体内容, 数据, 单位' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'the table (UTF-8 with a byte-order mark)',
    schema: { type: 'string', format: 'binary' },
  })
  async tableCsv(
    @CurrentPrincipal() p: Principal,
    @Param('edition') edition: string,
    @Query() q: ProvinceQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const out = await this.exports.table(p, edition, q.province, 'csv');
    return file(res, 'text/csv; charset=utf-8', out.fileName, out.body);
  }

  @Get('stats/editions/:edition/table/cells/:key')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no edition
  @ApiOperation({
    summary: 'Drill-down: the activities (or closed requests) behind one cell; their contributions sum to it',
  })
  @ApiOkResponse({ type: CellDrillDownView })
  async cell(
    @CurrentPrincipal() p: Principal,
    @Param('edition') edition: string,
    @Param('key') key: string,
    @Query() q: ProvinceQuery,
  ): Promise<CellDrillDownView> {
    return CellDrillDownView.of(await this.tables.drillDown(p, edition, key, q.province), p.role);
  }

  @Post('stats/editions/:edition/submission')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no edition
  @ApiOperation({
    summary:
      'Submit (盖章报送) your province’s table: once, by the provincial bureau; it is then locked with who and when',
  })
  @ApiCreatedResponse({ type: StatsTableView })
  @ApiErrors(DomainErrorCode.EventNotAllowed)
  async submit(
    @CurrentPrincipal() p: Principal,
    @Param('edition') edition: string,
    @Body() dto: SubmitTableDto,
  ): Promise<StatsTableView> {
    return StatsTableView.of(await this.tables.submit(p, edition, dto.province));
  }

  @Get('stats/editions/:edition/filings/export')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no edition
  @ApiOperation({ summary: 'The filing status of the provinces under you as XLSX or CSV (报送情况)' })
  @ApiExport('which provinces have filed the edition’s table, when and by whom, and which are late')
  async exportFilings(
    @CurrentPrincipal() p: Principal,
    @Param('edition') edition: string,
    @Query() q: ExportFormatQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(res, streamExport(filingsExport(edition, await this.tables.filings(p, edition)), formatOf(q)));
  }

  @Get('stats/editions/:edition/filings')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no edition
  @ApiOperation({
    summary: 'Which provinces under you have filed, when, and which are late (deadline passed, not submitted)',
  })
  @ApiOkResponse({ type: [FilingView] })
  async filings(@CurrentPrincipal() p: Principal, @Param('edition') edition: string): Promise<FilingView[]> {
    return (await this.tables.filings(p, edition)).map(FilingView.of);
  }

  @Get('activities')
  @Access('none')
  @ApiOperation({ summary: 'The activities ledger of your jurisdiction and below (paged, newest first)' })
  @ApiOkResponse({ type: ActivityPageView })
  @ApiErrors(DomainErrorCode.NotFound)
  async listActivities(@CurrentPrincipal() p: Principal, @Query() q: ActivityListQuery): Promise<ActivityPageView> {
    return ActivityPageView.of(await this.activities.list(p, q));
  }

  @Post('activities')
  @Access('none')
  @ApiOperation({
    summary:
      'Record an activity: a kind the edition counts, a day in its period, a place in your jurisdiction, no negative count',
  })
  @ApiCreatedResponse({ type: ActivityView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.EventNotAllowed)
  async createActivity(@CurrentPrincipal() p: Principal, @Body() dto: CreateActivityDto): Promise<ActivityView> {
    const { edition, ...input } = dto;
    return ActivityView.of(await this.activities.create(p, edition, input));
  }

  @Get('activities/export')
  @Access('none') // the caller's subtree, as the list
  @ApiOperation({ summary: 'The activities ledger, whole, as XLSX or CSV: the same filters and order as the list' })
  @ApiExport('the activities of your jurisdiction and below (活动台账)')
  @ApiErrors(DomainErrorCode.NotFound)
  async exportActivities(
    @CurrentPrincipal() p: Principal,
    @Query() q: ActivityLedgerExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(res, streamExport(activitiesExport(await this.activities.exportRows(p, q)), formatOf(q)));
  }

  @Get('activities/:id')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe's id is an application's
  @ApiOperation({ summary: 'One activity of your jurisdiction or below' })
  @ApiOkResponse({ type: ActivityView })
  async activity(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ActivityView> {
    return ActivityView.of(await this.activities.get(p, id));
  }

  @Put('activities/:id')
  @Access('none')
  @ApiOperation({
    summary: 'Correct an activity (409 once its province’s table is submitted, naming the table’s state)',
  })
  @ApiOkResponse({ type: ActivityView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.VersionConflict)
  async updateActivity(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateActivityDto,
  ): Promise<ActivityView> {
    const { version, ...input } = dto;
    return ActivityView.of(await this.activities.update(p, id, version, input));
  }

  @Delete('activities/:id')
  @HttpCode(204)
  @Access('none')
  @ApiOperation({ summary: 'Delete an activity (409 once its province’s table is submitted)' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.VersionConflict)
  async deleteActivity(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Query() q: VersionQuery,
  ): Promise<void> {
    await this.activities.remove(p, id, q.version);
  }
}
