import { type Principal, Role } from '@app/domain';
import { DemoClockUseCase } from '@app/programmes';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Access, CurrentPrincipal } from '../common/auth.decorators';
import { DemoClockView } from './clock.view';

export class ClockReasonDto {
  @ApiProperty({ example: '演示：公示期满' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class AdvanceClockDto extends ClockReasonDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'to the same time of day on the n-th working day after the demo date',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(250)
  workingDays?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(366) days?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(24 * 366) hours?: number;
  @ApiPropertyOptional({ type: 'integer' }) @IsOptional() @IsInt() @Min(0) @Max(60 * 24 * 366) minutes?: number;
}

/**
 * The demo clock (DEMO_MODE only; 404 otherwise), admin only: the use case checks both, so the route needs no
 * `@Roles` and answers 404 rather than 403 where there is no demo clock.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/clock')
export class ClockController {
  constructor(private readonly clock: DemoClockUseCase) {}

  @Get()
  @Access('none', { roles: [Role.Admin] })
  @ApiOperation({ summary: 'The demo clock and its latest moves (admin, demo mode only)' })
  @ApiOkResponse({ type: DemoClockView })
  async get(@CurrentPrincipal() p: Principal): Promise<DemoClockView> {
    return DemoClockView.of(await this.clock.state(p));
  }

  @Post('advance')
  @HttpCode(200)
  @Access('none', { roles: [Role.Admin] })
  @ApiOperation({
    summary: 'Move the demo clock forward; notices now due close at once through the worker (admin, demo mode only)',
  })
  @ApiOkResponse({ type: DemoClockView })
  async advance(@CurrentPrincipal() p: Principal, @Body() dto: AdvanceClockDto): Promise<DemoClockView> {
    const { reason, ...by } = dto;
    return DemoClockView.of(await this.clock.advance(p, by, reason));
  }

  @Post('reset')
  @HttpCode(200)
  @Access('none', { roles: [Role.Admin] })
  @ApiOperation({ summary: 'Put the demo clock back to real time (admin, demo mode only)' })
  @ApiOkResponse({ type: DemoClockView })
  async reset(@CurrentPrincipal() p: Principal, @Body() dto: ClockReasonDto): Promise<DemoClockView> {
    return DemoClockView.of(await this.clock.reset(p, dto.reason));
  }
}
