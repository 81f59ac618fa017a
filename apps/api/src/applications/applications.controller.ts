import {
  ApplicationQueries,
  CreateApplicationUseCase,
  UpdateMaterialsUseCase,
  WorkflowEngine,
} from '@app/accreditation';
import {
  AccreditationEventType as E,
  EventCommand,
  formatPoints,
  panelAggregate,
  type Principal,
  Role,
} from '@app/domain';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { expectedVersion, type HeaderSetter } from '../common/version.util';
import {
  ApplicationDetailView,
  ApplicationPage,
  ApplicationView,
  AssignEvaluatorDto,
  CreateApplicationDto,
  DeclareConflictDto,
  FileObjectionDto,
  FireEventDto,
  HistoryView,
  ListApplicationsQuery,
  RuleObjectionDto,
  SubmitScoresDto,
  TransitionResultView,
  UpdateMaterialsDto,
} from './application.dto';
import { ObjectionView } from './objection.view';
import { PanelMemberView } from './panel-member.view';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'the version you last read, instead of a `version` field',
};
const uuid = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ error: 'VALIDATION_FAILED', message: 'the id in the path must be a UUID' }),
});

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly create: CreateApplicationUseCase,
    private readonly materials: UpdateMaterialsUseCase,
    private readonly queries: ApplicationQueries,
  ) {}

  @Post()
  @Roles(Role.Applicant)
  @ApiOperation({ summary: 'Open a draft application in a programme (applicant)' })
  async createApplication(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateApplicationDto,
  ): Promise<ApplicationView> {
    return ApplicationView.of(await this.create.execute(p, dto));
  }

  @Get()
  @Roles(Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin)
  @ApiOperation({ summary: 'Applications you may see, newest submission first; filters combine' })
  @ApiOkResponse({ type: ApplicationPage })
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListApplicationsQuery): Promise<ApplicationPage> {
    const page = await this.queries.list(p, q);
    return { ...page, items: page.items.map(ApplicationView.of) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application, with the events you may send now and its version (also as ETag)' })
  @ApiOkResponse({ type: ApplicationDetailView })
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<ApplicationDetailView> {
    const { application, allowedEvents, stations } = await this.queries.get(p, id);
    res.header('ETag', `"${application.version}"`);
    const ctx = application.snapshot.context;
    const aggregate = panelAggregate(ctx);
    return {
      ...ApplicationView.of(application),
      allowedEvents,
      rules: ctx.rules,
      aggregateScore: aggregate === null || p.role === Role.Applicant ? null : formatPoints(aggregate),
      lastReason: ctx.lastReason,
      stations,
    };
  }

  @Put(':id/materials')
  @Roles(Role.Applicant)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Replace the material list (draft or revision_requested)' })
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
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Send an event of the accreditation flow',
    description:
      'The event names are those of the domain (SUBMIT, PASS_PRELIMINARY, DESIGNATE, ...). A refused event answers 409 with the allowed events, 403 for the wrong role, 422 when a rule is unmet, 409 VERSION_CONFLICT when the application changed since you read it.',
  })
  @ApiOkResponse({ type: TransitionResultView })
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
  @ApiOperation({ summary: 'Every step on the record: who, in which role, when, from which state to which, and why' })
  @ApiOkResponse({ type: [HistoryView] })
  async history(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<HistoryView[]> {
    return (await this.queries.history(p, id)).map(HistoryView.of);
  }

  @Get(':id/evaluators')
  @Roles(Role.Regulator, Role.Evaluator, Role.Admin)
  @ApiOperation({ summary: 'The evaluator panel and score sheets (an evaluator sees only their own scores)' })
  @ApiOkResponse({ type: [PanelMemberView] })
  async panel(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<PanelMemberView[]> {
    return (await this.queries.panel(p, id)).map(PanelMemberView.of);
  }

  @Post(':id/evaluators')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Assign an evaluator to the panel (ASSIGN_EVALUATOR)' })
  assign(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AssignEvaluatorDto,
    @Headers('if-match') ifMatch?: string,
  ) {
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
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Submit or correct your score sheet (SUBMIT_SCORE)' })
  score(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: SubmitScoresDto,
    @Headers('if-match') ifMatch?: string,
  ) {
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
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Declare a conflict of interest; you are excused from the panel (DECLARE_CONFLICT)' })
  conflict(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: DeclareConflictDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.send(p, id, { type: E.DeclareConflict, reason: dto.reason }, expectedVersion(dto.version, ifMatch));
  }

  @Get(':id/objections')
  @Roles(Role.Regulator, Role.Applicant, Role.Admin)
  @ApiOperation({ summary: 'Objections filed during the public notice' })
  @ApiOkResponse({ type: [ObjectionView] })
  async objections(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ObjectionView[]> {
    return (await this.queries.objections(p, id)).map(ObjectionView.of);
  }

  @Post(':id/objections')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'File an objection while the notice is open (anyone, no sign-in needed)' })
  fileObjection(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string, @Body() dto: FileObjectionDto) {
    return this.send(p, id, { type: E.FileObjection, ...dto }, null);
  }

  @Post(':id/objections/:objectionId/ruling')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Rule on an objection: upheld rejects the application, dismissed lets it go on (RULE_OBJECTION)',
  })
  rule(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('objectionId', uuid) objectionId: string,
    @Body() dto: RuleObjectionDto,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.send(
      p,
      id,
      { type: E.RuleObjection, objectionId, decision: dto.decision, reason: dto.reason },
      expectedVersion(dto.version, ifMatch),
    );
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
    const { application, history, warnings } = await this.engine.fire(id, p, clean, { expectedVersion: version });
    return { application: ApplicationView.of(application), history: HistoryView.of(history), warnings };
  }
}
