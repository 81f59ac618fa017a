import { type AccreditationState, PUBLIC_STATES } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageParam, PageSizeParam } from '../common/paging.dto';

export class RegisterQuery {
  @ApiPropertyOptional({ enum: PUBLIC_STATES }) @IsOptional() @IsIn(PUBLIC_STATES) state?: AccreditationState;
  @PageParam() page = 1;
  @PageSizeParam(100, 20) pageSize = 20;
}
