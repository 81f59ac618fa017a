import {
  ApplicationQueries,
  CreateApplicationUseCase,
  FileObjectionUseCase,
  RuleObjectionsUseCase,
  UpdateMaterialsUseCase,
  WorkflowEngine,
} from '@app/accreditation';
import {
  AccreditationEventType as E,
  EventCommand,
  type Principal,
  Role,
  visibleHistory,
  DomainError,
  DomainErrorCode,
} from '@app/domain';
import { RateLimited, streamExport } from '@app/platform';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiExport, formatOf, sendExport } from '../common/export.util';
import { HistoryVerificationView } from '../common/history-verification.view';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { RateLimit } from '../common/rate-limits';
import { expectedVersion, type HeaderSetter } from '../common/version.util';
import {
  ApplicationDetailView,
  ApplicationPage,
  ApplicationView,
  AssignEvaluatorDto,
  BulkRulingDto,
  BulkRulingView,
  CreateApplicationDto,
  DeclareConflictDto,
  FileObjectionDto,
  FireEventDto,
  HistoryView,
  ListApplicationsQuery,
  RecordReinspectionDto,
  RuleObjectionDto,
  SubmitScoresDto,
  TransitionResultView,
  UpdateMaterialsDto,
} from './application.dto';
import { applicationsExport, ApplicationsExportQuery } from './application.export';
import { ObjectionReceiptView, ObjectionView } from './objection.view';
import { PanelMemberView } from './panel-member.view';
import { ReinspectionView } from './reinspection.view';
import { uuid } from '../common/uuid.pipe';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'the version you last read, instead of a `version` field',
};
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly create: CreateApplicationUseCase,
    private readonly materials: UpdateMaterialsUseCase,
    private readonly queries: ApplicationQueries,
    private readonly objectionFiling: FileObjectionUseCase,
    private readonly objectionRulings: RuleObjectionsUseCase,
  ) {}

  @Post()
  @Roles(Role.Applicant)
  @Access('none') // the programme's jurisdiction is a rule of the flow (422), not of access
  @ApiOperation({
    summary:
      "Open a draft application in a programme (applicant), while its call is open (CALL_NOT_OPEN / CALL_CLOSED otherwise) and when it admits the organisation's kind (NOT_ELIGIBLE)",
  })
  @ApiCreatedResponse({ type: ApplicationView })
  @ApiErrors(
    DomainErrorCode.NotFound,
    DomainErrorCode.OrganisationNotVerified,
    DomainErrorCode.AlreadyExists,
    DomainErrorCode.GuardFailed,
    DomainErrorCode.NotEligible,
    DomainErrorCode.RecommendationOnly,
    DomainErrorCode.CallNotOpen,
    DomainErrorCode.CallClosed,
  )
  async createApplication(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateApplicationDto,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.create.execute(p, dto));
  }

  @Get()
  @Roles(Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin)
  @Access('none') // filtered to what the caller may see
  @ApiOperation({ summary: 'Applications you may see, newest submission first; filters combine' })
  @ApiOkResponse({ type: ApplicationPage })
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListApplicationsQuery): Promise<ApplicationPage> {
    const page = await this.queries.list(p, q);
    return { ...page, items: page.items.map(ApplicationView.of) };
  }

  @Get('export')
  @Roles(Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin)
  @Access('none') // filtered to what the caller may see, as the list
  @ApiOperation({ summary: 'The applications list, whole, as XLSX or CSV: the same filters and rows as the list' })
  @ApiExport('the applications you may see (申请列表)')
  async export(
    @CurrentPrincipal() p: Principal,
    @Query() q: ApplicationsExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const rows = await this.queries.exportRows(p, q);
    return sendExport(res, streamExport(applicationsExport(p, rows), formatOf(q)));
  }

  @Get(':id')
  @Access('application')
  @ApiOperation({ summary: 'One application, with the events you may send now and its version (also as ETag)' })
  @ApiOkResponse({ type: ApplicationDetailView })
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<ApplicationDetailView> {
    const { application, allowedEvents, result, stations, recommendedFrom, recommendedTo } = await this.queries.get(
      p,
      id,
    );
    res.header('ETag', `"${application.version}"`);
    const ctx = application.snapshot.context;
    return {
      ...ApplicationView.of(application),
      allowedEvents,
      rules: ctx.rules,
      aggregateScore: result?.aggregateScore ?? null,
      passed: result?.passed ?? null,
      lastReason: ctx.lastReason,
      stations,
      recommendedFrom,
      recommendedTo,
    };
  }

  @Put(':id/materials')
  @Roles(Role.Applicant)
  @Access('application')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Replace the material list (draft or revision_requested)' })
  @ApiOkResponse({ type: ApplicationView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  async updateMaterials(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateMaterialsDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<ApplicationView> {
    return ApplicationView.of(
      await this.materials.execute(id, p, dto.materials, expectedVersion(dto.version, ifMatch)),
    );
  }

  @Post(':id/events')
  @HttpCode(200)
  @Access('application') // each event's roles are the engine's (ACCREDITATION_EVENTS); every role has one
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Send an event of the accreditation flow',
    description:
      "The event names are those of the domain (SUBMIT, PASS_PRELIMINARY, DESIGNATE, ...). A refused event answers 409 with the allowed events, 403 for the wrong role, 422 when a rule is unmet, 409 VERSION_CONFLICT when the application changed since you read it. PASS_RECHECK by the regulator who passed the preliminary review answers 403 SAME_REVIEWER (when the programme requires a second regulator); REVOKE while a subsidy payment is in flight answers 409 PAYMENT_IN_FLIGHT; DESIGNATE beyond the programme-wide quota or the quota of one of the application's areas answers 409 QUOTA_EXHAUSTED naming the area (`area`, `areaName`) and its `max` (overrides included); DESIGNATE of a base one of whose stations is no longer designated or valid answers 422 STATION_NOT_VALID naming the station. SUBMIT outside the call window of the programme answers 409 CALL_NOT_OPEN / CALL_CLOSED (RESUBMIT after a request for revision is not held to it). A national pilot programme's step after the province's re-check, before the province's ranked list (择优上报) holds the application, answers 409 PILOT_NOT_RANKED naming the province (one left off a submitted list may only be rejected); its OPEN_PUBLIC_NOTICE answers 409 PILOT_LIST_REQUIRED: pilot regions go on notice together through POST /programmes/:id/pilot-notice. LAPSE and EXPIRE are sent by the system only.",
  })
  @ApiOkResponse({ type: TransitionResultView })
  @ApiErrors(
    DomainErrorCode.EventNotAllowed,
    DomainErrorCode.GuardFailed,
    DomainErrorCode.NotEligible,
    DomainErrorCode.QuotaExhausted,
    DomainErrorCode.StationNotValid,
    DomainErrorCode.CallNotOpen,
    DomainErrorCode.CallClosed,
    DomainErrorCode.PilotNotRanked,
    DomainErrorCode.PilotListRequired,
  )
  async fire(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: FireEventDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TransitionResultView> {
    const { version, ...command } = dto;
    return this.send(p, id, command, expectedVersion(version, ifMatch));
  }

  @Get(':id/history')
  @Access('application')
  @ApiOperation({ summary: 'Every step on the record: who, in which role, when, from which state to which, and why' })
  @ApiOkResponse({ type: [HistoryView] })
  async history(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<HistoryView[]> {
    return (await this.queries.history(p, id)).map(HistoryView.of);
  }

  @Get(':id/history/verify')
  @Access('application')
  @ApiOperation({
    summary:
      "Checks the history's hash chain (each row's hash covers its content and the previous row's hash) and names the first row that does not hold; for whoever may read the history",
  })
  @ApiOkResponse({ type: HistoryVerificationView })
  async verifyHistory(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
  ): Promise<HistoryVerificationView> {
    return HistoryVerificationView.of(await this.queries.verifyHistory(p, id));
  }

  @Get(':id/evaluators')
  @Roles(Role.Regulator, Role.Evaluator, Role.Admin)
  @Access('application')
  @ApiOperation({
    summary:
      "The evaluator panel; score sheets for their author and the programme's regulators, conflict reasons for regulators",
  })
  @ApiOkResponse({ type: [PanelMemberView] })
  async panel(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<PanelMemberView[]> {
    return (await this.queries.panel(p, id)).map(PanelMemberView.of);
  }

  @Post(':id/evaluators')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('application')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Assign an evaluator to the panel (ASSIGN_EVALUATOR)' })
  @ApiOkResponse({ type: TransitionResultView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed, DomainErrorCode.NotEligible)
  assign(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AssignEvaluatorDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TransitionResultView> {
    return this.send(
      p,
      id,
      { type: E.AssignEvaluator, evaluatorId: dto.evaluatorId },
      expectedVersion(dto.version, ifMatch),
    );
  }

  @Put(':id/scores')
  @HttpCode(200)
  @Roles(Role.Evaluator)
  @Access('application')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Submit or correct your score sheet (SUBMIT_SCORE)' })
  @ApiOkResponse({ type: TransitionResultView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  score(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: SubmitScoresDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TransitionResultView> {
    return this.send(
      p,
      id,
      { type: E.SubmitScore, scores: dto.scores, comment: dto.comment },
      expectedVersion(dto.version, ifMatch),
    );
  }

  @Post(':id/conflicts')
  @HttpCode(200)
  @Roles(Role.Evaluator)
  @Access('application')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Declare a conflict of interest; you are excused from the panel (DECLARE_CONFLICT)' })
  @ApiOkResponse({ type: TransitionResultView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  conflict(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: DeclareConflictDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TransitionResultView> {
    return this.send(p, id, { type: E.DeclareConflict, reason: dto.reason }, expectedVersion(dto.version, ifMatch));
  }

  @Get(':id/objections')
  @Roles(Role.Regulator, Role.Applicant, Role.Admin)
  @Access('application')
  @ApiOperation({ summary: 'Objections filed during the public notice' })
  @ApiOkResponse({ type: [ObjectionView] })
  async objections(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ObjectionView[]> {
    return (await this.queries.objections(p, id)).map(ObjectionView.of);
  }

  @Post(':id/objections')
  @Public()
  @Access('application')
  @HttpCode(201)
  @RateLimited(RateLimit.ObjectionsPerClient, RateLimit.ObjectionsPerApplication)
  @ApiOperation({
    summary: 'File an objection while the notice is open (anyone, no sign-in needed); answers a receipt only',
    description:
      'Needs a phone number or e-mail address (filerContact) and a name or an organisation. An objection with the contact or the (normalised) text of an earlier one in the same notice is recorded as its duplicate; the answer is the same receipt either way. Limited per client address and per application per hour (429 RATE_LIMITED with Retry-After).',
  })
  @ApiCreatedResponse({ type: ObjectionReceiptView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  async fileObjection(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: FileObjectionDto,
  ): Promise<ObjectionReceiptView> {
    return ObjectionReceiptView.of(await this.objectionFiling.execute(p, id, dto));
  }

  @Post(':id/objections/rulings')
  @Access('application')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Rule on several identical objections at once: one RULE_OBJECTION each, all or none',
    description:
      'Each objection gets its ruling and its history row, in the order given, in one transaction; the version is the one you last read. Upholding rejects the application, so an upheld ruling names one objection.',
  })
  @ApiOkResponse({ type: BulkRulingView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  async ruleMany(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: BulkRulingDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<BulkRulingView> {
    const { version, ...ruling } = dto;
    const results = await this.objectionRulings.execute(p, id, ruling, expectedVersion(version, ifMatch));
    const last = results[results.length - 1];
    return {
      application: ApplicationView.of(last.application),
      history: results.map((r) => HistoryView.of(visibleHistory(r.viewer, r.history))),
    };
  }

  @Post(':id/objections/:objectionId/ruling')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('application')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Rule on an objection: upheld rejects the application, dismissed lets it go on (RULE_OBJECTION)',
  })
  @ApiOkResponse({ type: TransitionResultView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.GuardFailed)
  rule(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('objectionId', uuid) objectionId: string,
    @Body() dto: RuleObjectionDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TransitionResultView> {
    return this.send(
      p,
      id,
      { type: E.RuleObjection, objectionId, decision: dto.decision, reason: dto.reason },
      expectedVersion(dto.version, ifMatch),
    );
  }

  @Get(':id/reinspections')
  @Roles(Role.Regulator, Role.Applicant, Role.Admin)
  @Access('application')
  @ApiOperation({
    summary:
      'The yearly re-inspections (回访/巡查) of a designated title: one is scheduled at designation and after each pass, while the title is valid',
  })
  @ApiOkResponse({ type: [ReinspectionView] })
  async reinspections(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ReinspectionView[]> {
    return (await this.queries.reinspections(p, id)).map(ReinspectionView.of);
  }

  @Post(':id/reinspections')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('application')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary:
      'Record the scheduled re-inspection: passed (PASS_REINSPECTION; the next one is scheduled) or failed with findings (FAIL_REINSPECTION; the title ends as revoked and unpaid subsidy is cancelled)',
  })
  @ApiOkResponse({ type: TransitionResultView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.PaymentInFlight, DomainErrorCode.GuardFailed)
  recordReinspection(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RecordReinspectionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    if (dto.outcome === 'failed' && !dto.findings?.trim()) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'findings are required when the re-inspection failed', {
        fields: ['findings'],
      });
    }
    const command: EventCommand =
      dto.outcome === 'passed'
        ? { type: E.PassReinspection, reason: dto.findings }
        : { type: E.FailReinspection, reason: dto.findings };
    return this.send(p, id, command, expectedVersion(dto.version, ifMatch));
  }

  private async send(
    p: Principal,
    id: string,
    command: EventCommand,
    version: number | null,
  ): Promise<TransitionResultView> {
    const clean = Object.fromEntries(
      Object.entries(command).filter(([, v]) => v !== undefined),
    ) as unknown as EventCommand;
    const { application, history, warnings, viewer } = await this.engine.fire(id, p, clean, {
      expectedVersion: version,
    });
    return {
      application: ApplicationView.of(application),
      history: HistoryView.of(visibleHistory(viewer, history)),
      warnings,
    };
  }
}
