import { type Principal, Role } from '@app/domain';
import { DashboardQueries } from '@app/reports';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { CountsView } from './counts.view';
import { DashboardQuery, DashboardView, StepTimesQuery, StepTimesView } from './dashboard.view';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly dashboards: DashboardQueries) {}

  @Get('counts')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({ summary: 'Dashboard: applications in your jurisdiction by programme, unit kind, level and state' })
  @ApiOkResponse({ type: CountsView })
  @ApiBadRequestResponse({ description: 'jurisdictionCode unknown or outside yours (VALIDATION_FAILED, fields)' })
  counts(@CurrentPrincipal() p: Principal, @Query() q: DashboardQuery): Promise<CountsView> {
    return this.dashboards.counts(p, q.jurisdictionCode);
  }

  @Get('dashboard')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary:
      'The dashboard of your level: counts by programme, jurisdiction, unit kind, level and state; budget committed and paid',
  })
  @ApiOkResponse({ type: DashboardView })
  @ApiBadRequestResponse({ description: 'jurisdictionCode unknown or outside yours (VALIDATION_FAILED, fields)' })
  dashboard(@CurrentPrincipal() p: Principal, @Query() q: DashboardQuery): Promise<DashboardView> {
    return this.dashboards.dashboard(p, q.jurisdictionCode);
  }

  @Get('step-times')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary:
      'Median and 90th-percentile working days spent in each step against its time limit, over the stays that entered it in a range of days',
  })
  @ApiOkResponse({ type: StepTimesView })
  @ApiBadRequestResponse({ description: 'jurisdictionCode, from or to refused (VALIDATION_FAILED, fields)' })
  stepTimes(@CurrentPrincipal() p: Principal, @Query() q: StepTimesQuery): Promise<StepTimesView> {
    return this.dashboards.stepTimes(p, q);
  }
}
