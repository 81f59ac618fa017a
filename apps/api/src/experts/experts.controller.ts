import { ExpertInvitationsUseCase, ExpertProfilesUseCase } from '@app/accreditation';
import { DomainErrorCode, type Principal, Role } from '@app/domain';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { streamExport } from '@app/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Access, CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { ApiExport, formatOf, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';
import { expertsExport, ExpertsExportQuery } from './expert.export';
import {
  AcceptExpertInvitationDto,
  ApplicationInvitationsView,
  DeclineInvitationDto,
  DrawExpertsDto,
  DrawResultView,
  ExpertDrawView,
  ExpertiseFieldView,
  ExpertPageView,
  ExpertProfileView,
  ExpertInvitationView,
  MyInvitationsQuery,
  PickExpertDto,
  ReplaceInvitationDto,
  SearchExpertsQuery,
  UpdateExpertProfileDto,
} from './expert.dto';
import { uuid } from '../common/uuid.pipe';

/** The expert pool (专家库): the fields of expertise, searching the pool, and each expert's profile. */
@ApiTags('experts')
@Controller('experts')
export class ExpertsController {
  constructor(private readonly profiles: ExpertProfilesUseCase) {}

  @Get('fields')
  @Public()
  @Access('none')
  @ApiOperation({ summary: 'The fields of expertise (fixed vocabulary, Chinese labels)' })
  @ApiOkResponse({ type: [ExpertiseFieldView] })
  fields(): ExpertiseFieldView[] {
    return ExpertiseFieldView.all();
  }

  @Get()
  @ApiBearerAuth()
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'Search the expert pool by field, jurisdiction subtree, availability and text (paged)' })
  @ApiOkResponse({ type: ExpertPageView })
  async search(@CurrentPrincipal() p: Principal, @Query() q: SearchExpertsQuery): Promise<ExpertPageView> {
    return ExpertPageView.of(await this.profiles.search(p, q));
  }

  @Get('export')
  @ApiBearerAuth()
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'The expert pool search, whole, as XLSX or CSV: the same filters and order as the search' })
  @ApiExport('the experts of the pool matching the filters (专家库)')
  async exportPool(
    @CurrentPrincipal() p: Principal,
    @Query() q: ExpertsExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(res, streamExport(expertsExport(await this.profiles.exportRows(p, q)), formatOf(q)));
  }

  @Get(':id')
  @ApiBearerAuth()
  @Roles(Role.Evaluator, Role.Regulator, Role.Admin)
  @Access('none', { except: { [Role.Evaluator]: 403 } }) // an evaluator reads their own profile only (the probe names another)
  @ApiOperation({ summary: "An expert's profile (the expert, regulators, admins)" })
  @ApiOkResponse({ type: ExpertProfileView })
  async get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ExpertProfileView> {
    return ExpertProfileView.of(await this.profiles.get(p, id));
  }

  @Put(':id')
  @ApiBearerAuth()
  @Roles(Role.Evaluator, Role.Regulator, Role.Admin)
  // the expert keeps their own; a regulator those bound at or below their jurisdiction (the probe's expert is bound
  // in the city above the matrix's FTZ regulator)
  @Access('none', { except: { [Role.Evaluator]: 403, [Role.Regulator]: 403 } })
  @ApiOperation({
    summary:
      "Update an expert's profile: fields, employer, standing conflicts, availability (the expert, the regulators of their jurisdiction or above, admins)",
  })
  @ApiOkResponse({ type: ExpertProfileView })
  async update(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateExpertProfileDto,
  ): Promise<ExpertProfileView> {
    return ExpertProfileView.of(await this.profiles.update(p, id, dto));
  }
}

/** Drawing and inviting evaluators to an application's panel, and the evaluators' answers. */
@ApiTags('experts')
@ApiBearerAuth()
@Controller()
export class ExpertInvitationsController {
  constructor(private readonly invitations: ExpertInvitationsUseCase) {}

  @Post('applications/:id/expert-draws')
  @Roles(Role.Regulator)
  @Access('application')
  @ApiOperation({
    summary:
      "Draw experts at random from the programme's pool under the avoidance rules, and invite them (application in acceptance)",
  })
  @ApiCreatedResponse({ type: DrawResultView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.AlreadyExists, DomainErrorCode.GuardFailed)
  async draw(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: DrawExpertsDto,
  ): Promise<DrawResultView> {
    return DrawResultView.of(await this.invitations.draw(p, id, dto.seats));
  }

  @Post('applications/:id/invitations')
  @Roles(Role.Regulator)
  @Access('application')
  @ApiOperation({ summary: 'Invite an expert picked by hand (the avoidance rules still apply)' })
  @ApiCreatedResponse({ type: ExpertInvitationView })
  @ApiErrors(
    DomainErrorCode.EventNotAllowed,
    DomainErrorCode.AlreadyExists,
    DomainErrorCode.GuardFailed,
    DomainErrorCode.NotEligible,
  )
  async pick(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: PickExpertDto,
  ): Promise<ExpertInvitationView> {
    return ExpertInvitationView.of(await this.invitations.pick(p, id, dto.evaluatorId));
  }

  @Get('applications/:id/invitations')
  @Roles(Role.Regulator)
  @Access('application')
  @ApiOperation({ summary: "An application's invitations and recorded draws (its regulators)" })
  @ApiOkResponse({ type: ApplicationInvitationsView })
  async forApplication(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
  ): Promise<ApplicationInvitationsView> {
    const { invitations, draws } = await this.invitations.forApplication(p, id);
    return { invitations: invitations.map(ExpertInvitationView.of), draws: draws.map(ExpertDrawView.of) };
  }

  @Get('evaluator-invitations')
  @Roles(Role.Evaluator)
  @Access('none') // the caller's own
  @ApiOperation({ summary: 'Your invitations to panels, soonest due first (evaluator)' })
  @ApiOkResponse({ type: [ExpertInvitationView] })
  async mine(@CurrentPrincipal() p: Principal, @Query() q: MyInvitationsQuery): Promise<ExpertInvitationView[]> {
    return (await this.invitations.mine(p, q.status)).map(ExpertInvitationView.of);
  }

  @Post('evaluator-invitations/:id/accept')
  @HttpCode(200)
  @Roles(Role.Evaluator)
  @Access('none', { except: { [Role.Evaluator]: 404 } }) // an invitation is its evaluator's alone: the probe names none of theirs
  @ApiOperation({ summary: 'Accept, declaring no conflict of interest: you join the panel (ASSIGN_EVALUATOR)' })
  @ApiOkResponse({ type: ExpertInvitationView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.AlreadyExists, DomainErrorCode.GuardFailed)
  async accept(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() _dto: AcceptExpertInvitationDto,
  ): Promise<ExpertInvitationView> {
    return ExpertInvitationView.of(await this.invitations.accept(p, id));
  }

  @Post('evaluator-invitations/:id/decline')
  @HttpCode(200)
  @Roles(Role.Evaluator)
  @Access('none', { except: { [Role.Evaluator]: 404 } }) // as accept
  @ApiOperation({ summary: 'Decline, for a conflict of interest (回避) or another reason' })
  @ApiOkResponse({ type: ExpertInvitationView })
  @ApiErrors(DomainErrorCode.EventNotAllowed, DomainErrorCode.AlreadyExists, DomainErrorCode.GuardFailed)
  async decline(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: DeclineInvitationDto,
  ): Promise<ExpertInvitationView> {
    return ExpertInvitationView.of(await this.invitations.decline(p, id, dto.conflict, dto.reason));
  }

  @Post('evaluator-invitations/:id/replacement')
  @Roles(Role.Regulator)
  @Access('none', { except: { [Role.Regulator]: 404 } }) // the probe names no invitation
  @ApiOperation({
    summary: 'Replace a declined or expired invitation: a draw of one of the same field, or the evaluator you pick',
  })
  @ApiCreatedResponse({ type: ExpertInvitationView })
  @ApiErrors(
    DomainErrorCode.EventNotAllowed,
    DomainErrorCode.AlreadyExists,
    DomainErrorCode.GuardFailed,
    DomainErrorCode.NotEligible,
  )
  async replace(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: ReplaceInvitationDto,
  ): Promise<ExpertInvitationView> {
    return ExpertInvitationView.of(await this.invitations.replace(p, id, dto.evaluatorId));
  }
}
