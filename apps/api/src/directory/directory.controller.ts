import { chinaDate, DomainErrorCode, type Principal, reportStatus, Role } from '@app/domain';
import { DirectoryQueries, DirectoryUseCase } from '@app/reports';
import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { streamExport } from '@app/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, formatOf, sendExport } from '../common/export.util';
import { expectedVersion, type HeaderSetter } from '../common/version.util';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { directoryExport, DirectoryExportQuery } from './directory.export';
import {
  DirectoryEntryBody,
  DirectoryEntryUpdateBody,
  DirectoryQuery,
  DirectoryReportBody,
  DirectoryReportsQuery,
  DirectoryScopeQuery,
} from './directory.dto';
import {
  DirectoryEntryView,
  DirectoryPageView,
  DirectoryReportsView,
  DirectoryReportView,
  DirectorySummaryView,
  EnterpriseHistoryView,
} from './directory.view';
import { uuid } from '../common/uuid.pipe';

/**
 * The enterprise directory (名录库): the cities keep their part and report it to the province per period; the province
 * reads the aggregate of its cities, each enterprise's demonstration history, and which cities reported on time.
 */
@ApiTags('directory')
@ApiBearerAuth()
@Roles(Role.Regulator, Role.Admin)
@Controller('directory')
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryUseCase,
    private readonly queries: DirectoryQueries,
  ) {}

  @Get('entries')
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({ summary: 'The directory of your jurisdiction (a city: its own; the province: all its cities)' })
  @ApiOkResponse({ type: DirectoryPageView })
  async list(@CurrentPrincipal() p: Principal, @Query() q: DirectoryQuery): Promise<DirectoryPageView> {
    const page = await this.queries.list(p, { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
    return { ...page, items: page.items.map((e) => DirectoryEntryView.of(e)) };
  }

  @Get('entries/export')
  @Access('none') // filtered to the caller's jurisdiction subtree, as the list
  @ApiOperation({ summary: 'The directory list, whole, as XLSX or CSV: the same filters and order as the list' })
  @ApiExport('the enterprises of the directory of your jurisdiction (企业名录库)')
  async exportList(
    @CurrentPrincipal() p: Principal,
    @Query() q: DirectoryExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(res, streamExport(directoryExport(await this.queries.exportRows(p, q)), formatOf(q)));
  }

  @Post('entries')
  @Roles(Role.Regulator)
  @Access('none', { except: { [Role.Regulator]: 403 } }) // a city's regulator only: the matrix's is a district's
  @ApiOperation({ summary: "Add an enterprise to your city's directory (a regulator of a city bureau)" })
  @ApiCreatedResponse({ type: DirectoryEntryView })
  @ApiErrors(DomainErrorCode.AlreadyExists)
  async create(@CurrentPrincipal() p: Principal, @Body() body: DirectoryEntryBody): Promise<DirectoryEntryView> {
    return DirectoryEntryView.of(await this.directory.create(p, body));
  }

  @Get('entries/:id')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no directory entry
  @ApiOperation({ summary: 'One enterprise of the directory (404 outside your jurisdiction)' })
  @ApiOkResponse({ type: DirectoryEntryView })
  async get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<DirectoryEntryView> {
    return DirectoryEntryView.of(await this.queries.get(p, id));
  }

  @Put('entries/:id')
  @Roles(Role.Regulator)
  @Access('none', { except: { [Role.Regulator]: 403 } }) // a city's regulator only: the matrix's is a district's
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version you last read' })
  @ApiOperation({
    summary:
      "Change an enterprise of your city's directory (risk tier, assessment, contact ...). Version required (428)",
  })
  @ApiOkResponse({ type: DirectoryEntryView })
  @ApiErrors(DomainErrorCode.AlreadyExists, DomainErrorCode.VersionConflict)
  async update(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() body: DirectoryEntryUpdateBody,
    @Headers('if-match') ifMatch?: string,
  ): Promise<DirectoryEntryView> {
    const { version, ...input } = body;
    return DirectoryEntryView.of(await this.directory.update(p, id, expectedVersion(version, ifMatch), input));
  }

  @Get('entries/:id/history')
  @Access('none', { except: { [Role.Regulator]: 404, [Role.Admin]: 404 } }) // the probe names no directory entry
  @ApiOperation({ summary: "An enterprise's demonstration history: its applications and titles at every level" })
  @ApiOkResponse({ type: EnterpriseHistoryView })
  async history(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<EnterpriseHistoryView> {
    const { entry, applications } = await this.queries.history(p, id);
    return { entry: DirectoryEntryView.of(entry), applications };
  }

  @Get('summary')
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({ summary: 'The directory added up: in all, by risk tier, by industry and by city' })
  @ApiOkResponse({ type: DirectorySummaryView })
  summary(@CurrentPrincipal() p: Principal, @Query() q: DirectoryScopeQuery): Promise<DirectorySummaryView> {
    return this.queries.aggregate(p, q.jurisdictionCode);
  }

  @Get('reports')
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary: 'Which cities reported their directory for a period: on time, late, overdue or not yet due',
  })
  @ApiOkResponse({ type: DirectoryReportsView })
  reports(@CurrentPrincipal() p: Principal, @Query() q: DirectoryReportsQuery): Promise<DirectoryReportsView> {
    return this.queries.reports(p, q.period, q.jurisdictionCode);
  }

  @Post('reports')
  @Roles(Role.Regulator)
  @Access('none', { except: { [Role.Regulator]: 403 } }) // a city's regulator only: the matrix's is a district's
  @ApiOperation({ summary: "Report your city's directory to the province for a period (once per period)" })
  @ApiCreatedResponse({ type: DirectoryReportView })
  @ApiErrors(DomainErrorCode.AlreadyExists)
  async submit(@CurrentPrincipal() p: Principal, @Body() body: DirectoryReportBody): Promise<DirectoryReportView> {
    const report = await this.directory.submit(p, body.period, body.note ?? null);
    return DirectoryReportView.of(
      report,
      reportStatus(report.dueOn, chinaDate(report.submittedAt!), chinaDate(report.submittedAt!)),
    );
  }
}
