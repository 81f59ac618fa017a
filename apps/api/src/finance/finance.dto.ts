import { DisbursementState } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageParam, PageSizeParam } from '../common/paging.dto';
import { CSV_BODY_LIMIT } from '../http-platform';

export class DisbursementQuery {
  @ApiPropertyOptional({ enum: DisbursementState })
  @IsOptional()
  @IsIn(Object.values(DisbursementState))
  state?: DisbursementState;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() programmeId?: string;
  @ApiPropertyOptional({ example: '370211-FTZ' }) @IsOptional() @IsString() @MaxLength(16) jurisdictionCode?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'created on or after (China date)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'created on or before (China date)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  to?: string;
  @ApiPropertyOptional({ enum: ['paid_unconfirmed', 'confirmed', 'mismatched'] })
  @IsOptional()
  @IsIn(['paid_unconfirmed', 'confirmed', 'mismatched'])
  reconciliation?: 'paid_unconfirmed' | 'confirmed' | 'mismatched';
  @PageParam() page = 1;
  @PageSizeParam(500, 50) pageSize = 50;
}

export class VersionDto {
  @ApiPropertyOptional({ type: 'integer', description: 'the version you last read (or send If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CancelDto extends VersionDto {
  @ApiProperty({ example: '单位已注销' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class RetryDto extends VersionDto {
  @ApiPropertyOptional({
    example: '支付无回执超过两分钟，经查询银行无此笔，重新发起',
    description: 'why: required for a payment stuck in approved or paying; kept in the history',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}

export class AttentionQuery {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'not moved for at least this long (ms); default PAYMENT_STUCK_MS',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365 * 24 * 3600 * 1000)
  stuckForMs?: number;
}

export class BulkItemDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'the version of this disbursement you last read (required: 428 without it)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class BulkDecisionDto {
  @ApiPropertyOptional({
    type: [BulkItemDto],
    description:
      'disbursements with the version you saw (up to 10,000), decided in batches of 500, one transaction per batch; each is checked on its own (state, four eyes, payee, the budget left after the ones before it) and a refused one does not stop the others. An item without a version refuses the whole request (428)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => BulkItemDto)
  items?: BulkItemDto[];

  @ApiPropertyOptional({
    type: [String],
    deprecated: true,
    description: 'ids without versions: refused with 428 (send items with their versions)',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class StatementDto {
  @ApiProperty({
    description:
      'the bank statement as CSV text (RFC 4180, up to 5 MiB) with a header row: reference,amount_yuan[,value_date,bank_reference]; amounts like 50000.00, 50,000.00 or ¥50,000.00',
    example: 'reference,amount_yuan,value_date,bank_reference\nSUB-QDFTZ-2026-000001,50000.00,2026-11-23,B123\n',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CSV_BODY_LIMIT, { message: `csv must be at most ${CSV_BODY_LIMIT} characters (5 MiB)` })
  csv: string;
}

export class PolicyChangeDto extends VersionDto {
  @ApiPropertyOptional({ example: '区级示范单位一次性奖补' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({
    type: 'integer',
    example: 5_000_000,
    description: 'amount per designation in fen; unchanged if left out',
  })
  @IsOptional()
  @IsInt({ message: 'amountFen must be a whole number of fen (1 yuan = 100 fen)' })
  @Min(1, { message: 'amountFen must be positive' })
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;
  @ApiPropertyOptional({
    type: 'integer',
    example: 50_000_000,
    description: "the programme year's budget in fen; unchanged if left out",
  })
  @IsOptional()
  @IsInt({ message: 'budgetFen must be a whole number of fen' })
  @Min(0, { message: 'budgetFen must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER)
  budgetFen?: number;
  @ApiPropertyOptional({ example: '软硬件升级改造和学习培训费用支持' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  purpose?: string;
}

export class CreatePolicyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() programmeId: string;
  @ApiProperty({ example: '区级示范单位一次性奖补' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({
    type: 'integer',
    example: 5_000_000,
    description: 'amount per designation in fen (分): 5,000,000 fen = 50,000.00 yuan',
  })
  @IsInt({ message: 'amountFen must be a whole number of fen (1 yuan = 100 fen)' })
  @Min(1, { message: 'amountFen must be positive' })
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen: number;
  @ApiProperty({ type: 'integer', example: 50_000_000, description: "the programme year's budget in fen" })
  @IsInt({ message: 'budgetFen must be a whole number of fen' })
  @Min(0, { message: 'budgetFen must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER)
  budgetFen: number;
  @ApiProperty({ example: '软硬件升级改造和学习培训费用支持' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  purpose: string;
}
