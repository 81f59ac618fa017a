import { DesignationTargetsUseCase } from '@app/accreditation';
import { DomainErrorCode, type Principal, Role } from '@app/domain';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { streamExport } from '@app/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';
import { targetProgressExport } from './target.export';
import {
  DesignationTargetDto,
  DesignationTargetProgressView,
  DesignationTargetView,
  SetDesignationTargetsDto,
} from './target.view';

const CODE = /^[A-Z0-9-]{2,16}$/;
const code = (value: string): string => {
  if (!CODE.test(value)) {
    throw new BadRequestException({
      error: 'VALIDATION_FAILED',
      message: 'the jurisdiction code in the path is not one',
    });
  }
  return value;
};

/**
 * Targets over years per jurisdiction and unit kind (Jiaxing: 5 / 10 / 20 demonstration points, 100 / 200 / 300
 * liaison points by the end of 2015 / 16 / 17), set by the bureau of the jurisdiction, with progress counted from the
 * designations in its subtree.
 */
@ApiTags('targets')
@ApiBearerAuth()
@Controller('jurisdictions')
export class TargetsController {
  constructor(private readonly targets: DesignationTargetsUseCase) {}

  @Get(':code/targets')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the jurisdiction in the path: its bureau and those above
  @ApiOperation({ summary: "A jurisdiction's targets by unit kind and year" })
  @ApiOkResponse({ type: [DesignationTargetView] })
  async list(@CurrentPrincipal() p: Principal, @Param('code') c: string): Promise<DesignationTargetView[]> {
    return (await this.targets.list(p, code(c))).map(DesignationTargetView.of);
  }

  @Post(':code/targets')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the jurisdiction in the path: its own bureau (a bureau above: 403)
  @ApiOperation({ summary: 'Set a new target of your bureau: units of a kind holding a title by the end of a year' })
  @ApiCreatedResponse({ type: DesignationTargetView })
  @ApiErrors(DomainErrorCode.NotFound, DomainErrorCode.AlreadyExists)
  async create(
    @CurrentPrincipal() p: Principal,
    @Param('code') c: string,
    @Body() dto: DesignationTargetDto,
  ): Promise<DesignationTargetView> {
    return DesignationTargetView.of(await this.targets.create(p, code(c), dto));
  }

  @Put(':code/targets')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the jurisdiction in the path: its own bureau (a bureau above: 403)
  @ApiOperation({
    summary: 'Create or change targets of your bureau by unit kind and year; the targets not listed stay as they are',
  })
  @ApiOkResponse({ type: [DesignationTargetView] })
  @ApiErrors(DomainErrorCode.NotFound)
  async set(
    @CurrentPrincipal() p: Principal,
    @Param('code') c: string,
    @Body() dto: SetDesignationTargetsDto,
  ): Promise<DesignationTargetView[]> {
    return (await this.targets.set(p, code(c), dto.targets)).map(DesignationTargetView.of);
  }

  @Get(':code/target-progress')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the jurisdiction in the path: its bureau and those above
  @ApiOperation({
    summary:
      "A jurisdiction's targets with their progress: units of the kind holding a title in force in its subtree on the due date and today",
  })
  @ApiOkResponse({ type: [DesignationTargetProgressView] })
  async progress(@CurrentPrincipal() p: Principal, @Param('code') c: string): Promise<DesignationTargetProgressView[]> {
    return (await this.targets.progress(p, code(c))).map(DesignationTargetProgressView.ofProgress);
  }

  @Get(':code/target-progress/export')
  @Roles(Role.Regulator)
  @Access('jurisdiction') // the jurisdiction in the path: its bureau and those above
  @ApiOperation({ summary: "A jurisdiction's targets with their progress as XLSX or CSV (目标进度)" })
  @ApiExport('the targets by unit kind and year, with the units counted at the due date and today')
  async exportProgress(
    @CurrentPrincipal() p: Principal,
    @Param('code') c: string,
    @Query() q: ExportFormatQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const rows = (await this.targets.progress(p, code(c))).map(DesignationTargetProgressView.ofProgress);
    return sendExport(res, streamExport(targetProgressExport(code(c), rows), formatOf(q)));
  }
}
