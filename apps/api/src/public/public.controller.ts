import { ApplicationQueries } from '@app/accreditation';
import { AccreditationState, PUBLIC_STATES } from '@app/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Public } from '../common/auth.decorators';

export class RegisterQuery {
  @ApiPropertyOptional({ enum: PUBLIC_STATES }) @IsOptional() @IsIn(PUBLIC_STATES) state?: AccreditationState;
  @ApiPropertyOptional({ default: 1, maximum: 1_000_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize = 20;
}

/** What anyone may read: open public notices (to object to) and the register of titles. */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(private readonly queries: ApplicationQueries) {}

  @Get('register')
  @Public()
  @ApiOperation({ summary: 'Open public notices, designations and revocations; file objections at POST /applications/:id/objections' })
  async register(@Query() q: RegisterQuery) {
    const page = await this.queries.publicRegister(q.state, q.page, q.pageSize);
    return {
      ...page,
      items: page.items.map((a) => ({
        id: a.id,
        reference: a.reference,
        title: a.title,
        unitKind: a.unitKind,
        level: a.level,
        jurisdictionCode: a.jurisdictionCode,
        state: a.state,
        noticeEndsAt: a.state === AccreditationState.PublicNotice ? a.noticeEndsAt : null,
        designatedAt: a.designatedAt,
        validUntil: a.validUntil,
      })),
    };
  }
}
