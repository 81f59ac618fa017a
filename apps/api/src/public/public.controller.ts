import { ApplicationQueries } from '@app/accreditation';
import { type AccreditationState, PUBLIC_STATES } from '@app/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Access, Public } from '../common/auth.decorators';
import { RegisterEntryView, RegisterPage } from './register-entry.view';

export class RegisterQuery {
  @ApiPropertyOptional({ enum: PUBLIC_STATES }) @IsOptional() @IsIn(PUBLIC_STATES) state?: AccreditationState;
  @ApiPropertyOptional({ default: 1, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize = 20;
}

/** What anyone may read: open public notices (to object to) and the register of titles. */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(private readonly queries: ApplicationQueries) {}

  @Get('register')
  @Public()
  @Access('none')
  @ApiOperation({
    summary: 'Open public notices, designations and revocations; file objections at POST /applications/:id/objections',
  })
  @ApiOkResponse({ type: RegisterPage })
  async register(@Query() q: RegisterQuery): Promise<RegisterPage> {
    const page = await this.queries.publicRegister(q.state, q.page, q.pageSize);
    return { ...page, items: page.items.map(RegisterEntryView.of) };
  }
}
