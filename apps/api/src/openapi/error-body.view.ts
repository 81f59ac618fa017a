import { DomainErrorCode } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Codes of the answers the framework gives before a handler runs, or for an unexpected failure (the filter's);
 * 413 and 415 are domain codes too (an upload's content), so they come from DomainErrorCode.
 */
export enum FrameworkErrorCode {
  Internal = 'INTERNAL',
}

/** Every `error` code an answer of the API may carry, once each. */
export const ERROR_CODES = [
  ...new Set<string>([...Object.values(DomainErrorCode), ...Object.values(FrameworkErrorCode)]),
];

/**
 * The body of every error answer (domain-exception.filter.ts): the code, a message naming the field or the allowed
 * next steps, and the details some codes carry.
 */
export class ErrorBody {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode' })
  error: DomainErrorCode | FrameworkErrorCode;

  @ApiProperty()
  message: string;

  @ApiProperty({ type: 'integer', description: 'the HTTP status again' })
  statusCode: number;

  @ApiPropertyOptional({ type: [String], description: 'VALIDATION_FAILED and others: the fields at fault' })
  fields?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'INTERNAL: quote it when reporting the failure' })
  errorId?: string;

  @ApiPropertyOptional({ type: [String], description: 'EVENT_NOT_ALLOWED, FORBIDDEN: the events you may send now' })
  allowedEvents?: string[];

  @ApiPropertyOptional({ description: 'EVENT_NOT_ALLOWED, VERSION_CONFLICT: the current state' })
  state?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'VERSION_CONFLICT: the version to read again' })
  currentVersion?: number;

  @ApiPropertyOptional({ type: [String], description: 'GUARD_FAILED: the rules not met' })
  reasons?: string[];

  @ApiPropertyOptional({ description: 'NOT_ELIGIBLE: the eligibility rule that refused' })
  rule?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'RATE_LIMITED, SERVICE_UNAVAILABLE: seconds to wait' })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ description: 'SERVICE_UNAVAILABLE: the dependency that cannot be reached' })
  dependency?: string;

  @ApiPropertyOptional({ description: 'QUOTA_EXHAUSTED: the area whose quota is used up (a jurisdiction code)' })
  area?: string;

  @ApiPropertyOptional({ description: 'QUOTA_EXHAUSTED: the name of that area' })
  areaName?: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'QUOTA_EXHAUSTED: the places allowed (the maximum plus the overrides), all taken',
  })
  max?: number | null;

  @ApiPropertyOptional({ type: 'integer', description: 'QUOTA_EXHAUSTED: the titles holding those places' })
  designated?: number;

  @ApiPropertyOptional({ description: 'PILOT_NOT_RANKED: the province whose ranked list (择优上报) is awaited' })
  provinceCode?: string;

  @ApiPropertyOptional({ description: 'PILOT_NOT_RANKED: its name' })
  provinceName?: string;

  @ApiPropertyOptional({
    enum: ['awaiting', 'left_off'],
    description: 'PILOT_NOT_RANKED: the province has not submitted its list yet, or submitted it without this one',
  })
  ranking?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'PILOT_LIST_SIZE: the fewest regions to announce' })
  min?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'PILOT_LIST_SIZE: the regions the list would hold' })
  count?: number;
}
