import { type Principal, Role } from '@app/domain';
import { DashboardQueries } from '@app/reports';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { streamExport } from '@app/platform';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, formatOf, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';
import { CountsView } from './counts.view';
import { DashboardQuery, DashboardView, StepTimesQuery, StepTimesView } from './dashboard.view';
import {
  budgetExport,
  dashboardExport,
  DashboardExportQuery,
  stepTimesExport,
  StepTimesExportQuery,
} from './report.export';

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

  @Get('dashboard/export')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary:
      "The dashboard's counts as XLSX or CSV: one row per jurisdiction, programme, unit kind, level and state (申请统计)",
  })
  @ApiExport('the counts of your jurisdiction or one inside it')
  async exportDashboard(
    @CurrentPrincipal() p: Principal,
    @Query() q: DashboardExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const d = await this.dashboards.dashboard(p, q.jurisdictionCode);
    return sendExport(res, streamExport(dashboardExport(d), formatOf(q)));
  }

  @Get('budget/export')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary: "Budget use as XLSX or CSV: each subsidy policy's budget, committed and paid, in yuan (资金使用)",
  })
  @ApiExport("the subsidy policies of your jurisdiction's programmes")
  async exportBudget(
    @CurrentPrincipal() p: Principal,
    @Query() q: DashboardExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const d = await this.dashboards.dashboard(p, q.jurisdictionCode);
    return sendExport(res, streamExport(budgetExport(d), formatOf(q)));
  }

  @Get('step-times/export')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none') // filtered to the caller's jurisdiction subtree
  @ApiOperation({
    summary: 'Time in each step against its limit as XLSX or CSV, over the range asked (办理用时)',
  })
  @ApiExport('the median and 90th-percentile working days in each step')
  async exportStepTimes(
    @CurrentPrincipal() p: Principal,
    @Query() q: StepTimesExportQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const range = { jurisdictionCode: q.jurisdictionCode, from: q.from, to: q.to };
    return sendExport(res, streamExport(stepTimesExport(await this.dashboards.stepTimes(p, range)), formatOf(q)));
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
