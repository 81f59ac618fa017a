import { RecommendationsUseCase } from '@app/accreditation';
import { DomainErrorCode, type Principal, Role } from '@app/domain';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { AddCandidateDto, CandidateListView, WithdrawCandidateDto } from './recommendation.view';
import { uuid } from '../common/uuid.pipe';

/**
 * Recommendation upward (推荐): a bureau's candidate list for a programme of the level above. The programme's
 * jurisdiction and the candidates' are rules of the flow (422 NOT_ELIGIBLE naming the rule), not of access.
 */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes/:id/candidates')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsUseCase) {}

  @Get()
  @Roles(Role.Regulator)
  @Access('none') // a bureau reads its own list and those below; the programme's regulators read them all
  @ApiOperation({
    summary:
      "The candidate lists of a recommendation programme you may read: the programme's regulators see every bureau's, a recommending bureau its own and those below it",
  })
  @ApiOkResponse({ type: [CandidateListView] })
  @ApiErrors(DomainErrorCode.NotEligible)
  lists(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<CandidateListView[]> {
    return this.recommendations.lists(p, id);
  }

  @Get('mine')
  @Roles(Role.Regulator)
  @Access('none') // the caller's own bureau's list
  @ApiOperation({ summary: "Your bureau's candidate list for the programme (an empty draft before the first)" })
  @ApiOkResponse({ type: CandidateListView })
  @ApiErrors(DomainErrorCode.NotEligible)
  mine(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<CandidateListView> {
    return this.recommendations.ownList(p, id);
  }

  @Post()
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('none') // the candidate must be in the caller's subtree: a rule of the flow (400/422)
  @ApiOperation({
    summary:
      "Put a designation of your jurisdiction on your bureau's draft list (designated, still valid, below the programme's level); 422 CANDIDATE_LIMIT at the programme's maximum per bureau",
  })
  @ApiOkResponse({ type: CandidateListView })
  @ApiErrors(DomainErrorCode.NotEligible, DomainErrorCode.CandidateLimit, DomainErrorCode.GuardFailed)
  add(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: AddCandidateDto,
  ): Promise<CandidateListView> {
    return this.recommendations.add(p, id, dto.applicationId);
  }

  @Post(':candidateId/withdraw')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('none') // only a candidate of the caller's own bureau's list is found
  @ApiOperation({ summary: 'Withdraw a candidate from your draft list (before the list is submitted)' })
  @ApiOkResponse({ type: CandidateListView })
  @ApiErrors(DomainErrorCode.NotEligible, DomainErrorCode.GuardFailed)
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('candidateId', uuid) candidateId: string,
    @Body() dto: WithdrawCandidateDto,
  ): Promise<CandidateListView> {
    return this.recommendations.withdraw(p, id, candidateId, dto.reason);
  }

  @Post('submit')
  @HttpCode(200)
  @Roles(Role.Regulator)
  @Access('none') // the caller's own bureau's list
  @ApiOperation({
    summary:
      "Submit your bureau's list as a whole (between the programme's minimum and maximum, else 422 CANDIDATE_LIMIT): each candidate gets a linked draft application in the programme carrying its materials, and both histories show the link",
  })
  @ApiOkResponse({ type: CandidateListView })
  @ApiErrors(DomainErrorCode.NotEligible, DomainErrorCode.CandidateLimit, DomainErrorCode.GuardFailed)
  submit(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<CandidateListView> {
    return this.recommendations.submit(p, id);
  }
}
