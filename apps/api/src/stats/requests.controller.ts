import { DomainErrorCode, type Principal, RequestEvent, Role } from '@app/domain';
import { streamExport } from '@app/platform';
import { RequestLedgerUseCase } from '@app/reports';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, formatOf, sendExport } from '../common/export.util';
import { type HeaderSetter } from '../common/version.util';
import { ApiErrors } from '../openapi/api-errors.decorator';
import {
  AnswerRequestDto,
  AssignRequestDto,
  CloseRequestDto,
  LeadRequestDto,
  RecordRequestDto,
  RequestListQuery,
} from './stats.dto';
import { RequestLedgerExportQuery, requestsExport } from './ledger.export';
import { RequestDetailView, RequestPageView, RequestView } from './stats.view';
import { uuid } from '../common/uuid.pipe';

/**
 * The enterprise request ledger (诉求台账): an enterprise submits its requests and reads the feedback ("my
 * requests"); the bureaus of its jurisdiction and above record, assign, answer, close and flag leads (线索).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/requests')
export class RequestsController {
  constructor(private readonly ledger: RequestLedgerUseCase) {}

  @Get()
  @Roles(Role.Applicant, Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'Requests: a bureau’s (its jurisdiction and below) or an enterprise’s own, newest first' })
  @ApiOkResponse({ type: RequestPageView })
  async list(@CurrentPrincipal() p: Principal, @Query() q: RequestListQuery): Promise<RequestPageView> {
    return RequestPageView.of(await this.ledger.list(p, q), p.role);
  }

  @Post()
  @Roles(Role.Applicant, Role.Regulator)
  @Access('none')
  @ApiOperation({
    summary: 'Record a request: an enterprise for itself, or staff for an enterprise of their jurisdiction',
  })
  @ApiCreatedResponse({ type: RequestView })
  async record(@CurrentPrincipal() p: Principal, @Body() dto: RecordRequestDto): Promise<RequestView> {
    return RequestView.of(await this.ledger.record(p, dto), p.role);
  }

  @Get('export')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // the bureau's subtree, as the list
  @ApiOperation({ summary: 'The request ledger, whole, as XLSX or CSV: the same filters and order as the list' })
  @ApiExport('the requests of your jurisdiction and below (诉求台账)')
  exportLedger(
    @CurrentPrincipal() p: Principal,
    @Query() q: RequestLedgerExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): StreamableFile {
    return sendExport(res, streamExport(requestsExport(this.ledger.exportRows(p, q)), formatOf(q)));
  }

  @Get(':id')
  @Roles(Role.Applicant, Role.Regulator, Role.Admin)
  // the probe's id is an application's, no request: past access, 404
  @Access('none', { except: { [Role.Applicant]: 404, [Role.Regulator]: 404, [Role.Admin]: 404 } })
  @ApiOperation({ summary: 'One request with its history (the enterprise sees its steps and the feedback)' })
  @ApiOkResponse({ type: RequestDetailView })
  async get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<RequestDetailView> {
    const { request, events } = await this.ledger.get(p, id);
    return RequestDetailView.detail(request, events, p.role);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'Assign (分派) to a regulator of the request’s jurisdiction or above' })
  @ApiOkResponse({ type: RequestView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.VersionConflict)
  async assign(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Body() dto: AssignRequestDto) {
    return RequestView.of(
      await this.ledger.change(p, id, dto.version, { event: RequestEvent.Assign, assigneeId: dto.assigneeId }),
      p.role,
    );
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'Answer (答复) an assigned request' })
  @ApiOkResponse({ type: RequestView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.VersionConflict)
  async answer(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Body() dto: AnswerRequestDto) {
    return RequestView.of(
      await this.ledger.change(p, id, dto.version, { event: RequestEvent.Answer, answer: dto.answer }),
      p.role,
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({
    summary: 'Close (办结) an answered request with the feedback the enterprise reads; counts into row 6',
  })
  @ApiOkResponse({ type: RequestView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.VersionConflict)
  async close(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Body() dto: CloseRequestDto) {
    return RequestView.of(
      await this.ledger.change(p, id, dto.version, { event: RequestEvent.Close, feedback: dto.feedback }),
      p.role,
    );
  }

  @Post(':id/lead')
  @HttpCode(200)
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'Flag (or unflag) the request as an enforcement lead (线索), in any state' })
  @ApiOkResponse({ type: RequestView })
  @ApiErrors(DomainErrorCode.VersionConflict)
  async lead(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Body() dto: LeadRequestDto) {
    const event = dto.lead ? RequestEvent.FlagLead : RequestEvent.UnflagLead;
    return RequestView.of(await this.ledger.change(p, id, dto.version, { event, note: dto.note }), p.role);
  }
}
