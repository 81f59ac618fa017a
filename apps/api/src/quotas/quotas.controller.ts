import { QuotasUseCase } from '@app/accreditation';
import { DomainErrorCode, type Principal, Role } from '@app/domain';
import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { streamExport } from '@app/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../openapi/api-errors.decorator';
import {
  ProgrammeQuotasView,
  QuotaOverrideDto,
  QuotaOverrideView,
  QuotaUsageView,
  SetAreaQuotasDto,
} from './quota.view';
import { uuid } from '../common/uuid.pipe';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';
import { quotaUsageExport } from './quota.export';

/**
 * Quotas per area inside a programme (Hunan: 1–2 per FTZ area), set by the programme's bureau, enforced at
 * DESIGNATE; overrides by the supervising bureau; the usage view with shortfalls.
 */
@ApiTags('quotas')
@ApiBearerAuth()
@Controller('programmes')
export class QuotasController {
  constructor(private readonly quotas: QuotasUseCase) {}

  @Get(':id/quotas')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the programme in the path: regulators of its bureau and above
  @ApiOperation({ summary: "A programme's quotas: the programme-wide maximum and each area's min and max" })
  @ApiOkResponse({ type: ProgrammeQuotasView })
  async get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<ProgrammeQuotasView> {
    return ProgrammeQuotasView.of(await this.quotas.get(p, id));
  }

  @Put(':id/quotas')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the programme in the path: regulators of its own bureau (above it: 403, they override)
  @ApiOperation({
    summary:
      "Set a programme's area quotas, the whole list (regulator of the programme's bureau); each area inside the programme's jurisdiction, 0 ≤ min ≤ max",
  })
  @ApiOkResponse({ type: ProgrammeQuotasView })
  async set(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: SetAreaQuotasDto,
  ): Promise<ProgrammeQuotasView> {
    return ProgrammeQuotasView.of(await this.quotas.set(p, id, dto.areas));
  }

  @Get(':id/quota-usage')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the programme in the path: regulators of its bureau and above
  @ApiOperation({
    summary:
      "A programme's quotas against its designations: places left per area, shortfalls against the minimums, areas flagged below their minimum once every notice has closed",
  })
  @ApiOkResponse({ type: QuotaUsageView })
  async usage(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<QuotaUsageView> {
    return QuotaUsageView.of(await this.quotas.usage(p, id));
  }

  @Get(':id/quota-usage/export')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the programme in the path: regulators of its bureau and above
  @ApiOperation({ summary: "A programme's quota usage as XLSX or CSV: the usage view's rows (名额使用)" })
  @ApiExport('the programme-wide quota and each area against its designations')
  async exportUsage(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Query() q: ExportFormatQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(
      res,
      streamExport(quotaUsageExport(QuotaUsageView.of(await this.quotas.usage(p, id))), formatOf(q)),
    );
  }

  @Get(':id/quota-overrides')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the programme in the path: regulators of its bureau and above
  @ApiOperation({
    summary: "The overrides of a programme's quotas, oldest first: area, extra places, reason, who, when",
  })
  @ApiOkResponse({ type: [QuotaOverrideView] })
  async overrides(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<QuotaOverrideView[]> {
    return (await this.quotas.overrides(p, id)).map(QuotaOverrideView.of);
  }

  @Post(':id/quota-overrides')
  @Roles(Role.Regulator)
  // the supervising bureau only (strictly above the programme's): the matrix's regulator runs the programme (403)
  @Access('jurisdiction', { except: { [Role.Regulator]: 403 } })
  @ApiOperation({
    summary:
      "Add places to an area's quota, or to the programme-wide quota (supervising bureau: a regulator above the programme's bureau); recorded for good",
  })
  @ApiCreatedResponse({ type: QuotaOverrideView })
  @ApiErrors(DomainErrorCode.NotFound)
  async override(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: QuotaOverrideDto,
  ): Promise<QuotaOverrideView> {
    return QuotaOverrideView.of(await this.quotas.override(p, id, dto));
  }
}
