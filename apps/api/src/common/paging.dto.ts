import { MAX_PAGE } from '@app/platform';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The `page` query parameter of every list: a whole number from 1 to MAX_PAGE. Without the upper bound `page=1e21`
 * passes as an integer and reaches SQL as `OFFSET 2e+22` (a 500).
 */
export function PageParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: MAX_PAGE }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );
}

/** The `pageSize` query parameter of a list: a whole number from 1 to `max`. */
export function PageSizeParam(max: number, byDefault: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', default: byDefault, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
}
