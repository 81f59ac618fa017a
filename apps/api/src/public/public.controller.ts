import { ApplicationQueries } from '@app/accreditation';
import { type AccreditationState, PUBLIC_STATES } from '@app/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Access, Public } from '../common/auth.decorators';
import { PageParam, PageSizeParam } from '../common/paging.dto';
import { RegisterEntryView, RegisterPage } from './register-entry.view';

export class RegisterQuery {
  @ApiPropertyOptional({ enum: PUBLIC_STATES }) @IsOptional() @IsIn(PUBLIC_STATES) state?: AccreditationState;
  @PageParam() page = 1;
  @PageSizeParam(100, 20) pageSize = 20;
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
