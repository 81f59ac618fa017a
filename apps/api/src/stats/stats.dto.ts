import { ActivityKind, MediaLevel, RequestState } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageParam, PageSizeParam } from '../common/paging.dto';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CODE = /^[0-9A-Z-]{2,16}$/;

/** A count of an activity: a whole number, 0 or more (a negative count is refused naming the field). */
function Count(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, description }),
    IsOptional(),
    IsInt({ message: '$property must be a whole number' }),
    Min(0, { message: '$property must not be negative' }),
  );
}

/** What a regulator records about one service activity. */
export class ActivityFieldsDto {
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' })
  @IsEnum(ActivityKind)
  kind: ActivityKind;

  @ApiProperty({ maxLength: 200, example: '“商业秘密保护进企业”专题宣讲' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'date', example: '2023-06-05', description: 'inside the edition’s period' })
  @Matches(DATE, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn: string;

  @ApiProperty({ example: '370211-FTZ', description: 'where it was held: your jurisdiction or below' })
  @Matches(CODE, { message: 'jurisdictionCode must be a jurisdiction code such as 370200' })
  jurisdictionCode: string;

  @Count('参与企业 / 走访企业 (家)') enterprises?: number;
  @Count('参与人数 (人次)') participants?: number;
  @Count('发放宣传材料、调查问卷 (份)') materials?: number;
  @Count('意见建议 (条)、典型案例 (件)、报告信息和宣传报道 (篇)') quantity?: number;

  @ApiPropertyOptional({
    type: 'string',
    enum: Object.values(MediaLevel),
    nullable: true,
    description: 'for publicity reports',
  })
  @IsOptional()
  @IsEnum(MediaLevel)
  mediaLevel?: MediaLevel | null;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CreateActivityDto extends ActivityFieldsDto {
  @ApiProperty({ example: 'SM-2023', description: 'the edition: its code or id' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  edition: string;
}

export class UpdateActivityDto extends ActivityFieldsDto {
  @ApiProperty({ type: 'integer', description: 'the version you last read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class VersionQuery {
  @ApiProperty({ type: 'integer', description: 'the version you last read' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}

export class ActivityListQuery {
  @ApiPropertyOptional({ example: 'SM-2023', description: 'an edition’s code or id' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  edition?: string;

  @ApiPropertyOptional({ example: '370000' })
  @IsOptional()
  @Matches(CODE, { message: 'province must be a jurisdiction code such as 370000' })
  province?: string;

  @ApiPropertyOptional({ enum: ActivityKind, enumName: 'ActivityKind' })
  @IsOptional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;

  @PageParam() page: number = 1;
  @PageSizeParam(200, 50) pageSize: number = 50;
}

export class ActivityExportQuery {
  @ApiPropertyOptional({ example: 'SM-2023' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  edition?: string;

  @ApiPropertyOptional({ example: '370000' })
  @IsOptional()
  @Matches(CODE, { message: 'province must be a jurisdiction code such as 370000' })
  province?: string;

  @ApiPropertyOptional({ enum: ActivityKind, enumName: 'ActivityKind' })
  @IsOptional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;
}

export class ProvinceQuery {
  @ApiPropertyOptional({
    example: '370000',
    description: 'the province (default: your own, for a provincial bureau or below)',
  })
  @IsOptional()
  @Matches(CODE, { message: 'province must be a jurisdiction code such as 370000' })
  province?: string;
}

/** The next service-month edition: its names and schedule (the template is copied). */
export class CreateEditionDto {
  @ApiProperty({ example: 'SM-2027', description: 'unique: SM- and the year, or another short code' })
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/, { message: 'code must be capital letters, digits and dashes, such as SM-2027' })
  code: string;

  @ApiProperty({ example: '2027年“服务月”', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '2027年“服务月”活动开展情况统计表', maxLength: 200, description: 'printed above the table' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'date', example: '2027-06-01', description: 'the first day whose activities count' })
  @Matches(DATE, { message: 'periodFrom must be a date YYYY-MM-DD' })
  periodFrom: string;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'the last day, inclusive' })
  @Matches(DATE, { message: 'periodTo must be a date YYYY-MM-DD' })
  periodTo: string;

  @ApiProperty({
    format: 'date-time',
    example: '2027-07-09T17:00:00+08:00',
    description: 'when the provinces’ tables are due: after the period ends',
  })
  @IsISO8601({ strict: true }, { message: 'deadline must be an instant such as 2027-07-09T17:00:00+08:00' })
  deadline: string;

  @ApiPropertyOptional({
    example: 'SM-2026',
    description: 'the edition whose template is copied (default: the latest)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  copyFrom?: string;
}

export class SubmitTableDto {
  @ApiPropertyOptional({ example: '370000', description: 'your province (default)' })
  @IsOptional()
  @Matches(CODE, { message: 'province must be a jurisdiction code such as 370000' })
  province?: string;
}

export class RecordRequestDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  content: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'staff: the enterprise’s organisation, when it has an account' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'staff: the enterprise’s name, when it has no account' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  enterpriseName?: string;

  @ApiPropertyOptional({ example: '370200', description: 'staff: where the enterprise is (with enterpriseName)' })
  @IsOptional()
  @Matches(CODE, { message: 'jurisdictionCode must be a jurisdiction code such as 370200' })
  jurisdictionCode?: string;
}

export class RequestListQuery {
  @ApiPropertyOptional({ enum: RequestState, enumName: 'RequestState' })
  @IsOptional()
  @IsEnum(RequestState)
  state?: RequestState;

  @ApiPropertyOptional({ type: Boolean, description: 'staff: only leads (true) or only the others (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  lead?: boolean;

  @PageParam() page: number = 1;
  @PageSizeParam(200, 50) pageSize: number = 50;
}

export class RequestExportQuery {
  @ApiPropertyOptional({ enum: RequestState, enumName: 'RequestState' })
  @IsOptional()
  @IsEnum(RequestState)
  state?: RequestState;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  lead?: boolean;
}

export class AssignRequestDto {
  @ApiProperty({ format: 'uuid', description: 'a regulator of the request’s jurisdiction or above' })
  @IsUUID()
  assigneeId: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export class AnswerRequestDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  answer: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CloseRequestDto {
  @ApiProperty({ maxLength: 5000, description: 'the feedback the enterprise reads' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  feedback: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}

export class LeadRequestDto {
  @ApiProperty({ description: 'true: an enforcement lead (线索); false: no longer' })
  @IsBoolean()
  lead: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;
}
