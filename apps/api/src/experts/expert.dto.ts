import type { DrawResult, ExpertPage, ExpertProfile, InvitationRecord } from '@app/accreditation';
import { AVOIDANCE_RULES, EXPERTISE_FIELD_KEYS, EXPERTISE_FIELDS } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageParam, PageSizeParam } from '../common/paging.dto';

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i;
const INVITATION_STATUSES = ['invited', 'accepted', 'declined', 'expired'] as const;
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** One field of expertise of the fixed vocabulary. */
export class ExpertiseFieldView {
  @ApiProperty({ enum: EXPERTISE_FIELD_KEYS }) key: string;
  @ApiProperty({ example: '医药' }) label: string;

  static all(): ExpertiseFieldView[] {
    return EXPERTISE_FIELD_KEYS.map((key) => ({ key, label: EXPERTISE_FIELDS[key] }));
  }
}

export class SearchExpertsQuery {
  @ApiPropertyOptional({ enum: EXPERTISE_FIELD_KEYS })
  @IsOptional()
  @IsIn(EXPERTISE_FIELD_KEYS)
  field?: string;

  @ApiPropertyOptional({ example: '370200', description: 'experts bound in this jurisdiction or below it' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  jurisdictionCode?: string;

  @ApiPropertyOptional({ type: 'boolean', description: 'true: only those available today; false: only those not' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  available?: boolean;

  @ApiPropertyOptional({ description: 'text in the name, user name or employer' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @PageParam()
  page = 1;

  @PageSizeParam(100, 20)
  pageSize = 20;
}

export class UpdateExpertProfileDto {
  @ApiPropertyOptional({ enum: EXPERTISE_FIELD_KEYS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsIn(EXPERTISE_FIELD_KEYS, { each: true })
  fields?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '青岛大学' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  employerName?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "the employer's unified social credit code (for avoidance)",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(CREDIT_CODE, { message: 'employerCreditCode must be an 18-character unified social credit code' })
  employerCreditCode?: string | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'credit codes of organisations you have a standing conflict of interest with',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CREDIT_CODE, { each: true, message: 'each conflict must be an 18-character unified social credit code' })
  conflictCreditCodes?: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() available?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    description: 'with available=false: the last day of the unavailability (none: until further notice)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'unavailableUntil must be a date YYYY-MM-DD' })
  unavailableUntil?: string | null;
}

export class ExpertProfileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) jurisdictionCode: string | null;
  @ApiProperty({ enum: EXPERTISE_FIELD_KEYS, isArray: true }) fields: string[];
  @ApiProperty({ nullable: true, type: String }) employerName: string | null;
  @ApiProperty({ nullable: true, type: String }) employerCreditCode: string | null;
  @ApiProperty({ type: [String] }) conflictCreditCodes: string[];
  @ApiProperty() available: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) unavailableUntil: string | null;
  @ApiProperty({ description: 'available today (China time)' }) availableToday: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: Date | null;

  static of(p: ExpertProfile): ExpertProfileView {
    return { ...p, employerCreditCode: p.employerCreditCode?.trim() ?? null };
  }
}

export class ExpertPageView {
  @ApiProperty({ type: [ExpertProfileView] }) items: ExpertProfileView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;

  static of(p: ExpertPage): ExpertPageView {
    return { ...p, items: p.items.map(ExpertProfileView.of) };
  }
}

export class DrawSeatDto {
  @ApiProperty({ nullable: true, enum: EXPERTISE_FIELD_KEYS, description: 'null: any field' })
  @ValidateIf((_, v) => v !== null)
  @IsIn(EXPERTISE_FIELD_KEYS)
  field: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 15 }) @IsInt() @Min(1) @Max(15) count: number;
}

export class DrawExpertsDto {
  @ApiProperty({
    type: [DrawSeatDto],
    description: 'the seats to fill, in order (give field seats before any-field ones)',
    example: [{ field: 'law', count: 1 }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => DrawSeatDto)
  seats: DrawSeatDto[];
}

export class PickExpertDto {
  @ApiProperty({ format: 'uuid', description: "an active evaluator of the programme's pool" })
  @IsUUID()
  evaluatorId: string;
}

export class ReplaceInvitationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'pick this evaluator; without it a draw of one (same field)' })
  @IsOptional()
  @IsUUID()
  evaluatorId?: string;
}

export class AcceptExpertInvitationDto {
  @ApiProperty({
    enum: ['no_conflict'],
    description: 'you declare no conflict of interest with the applicant (otherwise decline with conflict=true)',
  })
  @Equals('no_conflict', { message: "declaration must be 'no_conflict'; with a conflict, decline with conflict=true" })
  declaration: 'no_conflict';
}

export class DeclineInvitationDto {
  @ApiProperty({ description: 'true: you have a conflict of interest with the applicant (回避)' })
  @IsBoolean()
  conflict: boolean;

  @ApiProperty({ example: '曾为申请单位提供法律顾问服务' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

export class MyInvitationsQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: (typeof INVITATION_STATUSES)[number];
}

export class ExpertInvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationReference: string;
  @ApiProperty() applicationTitle: string;
  @ApiProperty({ description: 'the applicant, so a conflict can be declared' }) applicantName: string;
  @ApiProperty() programmeName: string;
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty() evaluatorName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) drawId: string | null;
  @ApiProperty({ nullable: true, type: String, enum: EXPERTISE_FIELD_KEYS }) field: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) replacesId: string | null;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) invitedBy: string;
  @ApiProperty({ format: 'date-time' }) invitedAt: Date;
  @ApiProperty({ format: 'date-time', description: 'the answer is due before this instant' }) respondBy: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) respondedAt: Date | null;
  @ApiProperty({ description: 'declined for a conflict of interest' }) conflict: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;

  static of(r: InvitationRecord): ExpertInvitationView {
    return { ...r };
  }
}

class DrawSeatView {
  @ApiProperty({ nullable: true, type: String, enum: EXPERTISE_FIELD_KEYS }) field: string | null;
  @ApiProperty({ type: 'integer' }) count: number;
}

class DrawRequestView {
  @ApiProperty({ type: [DrawSeatView] }) seats: DrawSeatView[];
  @ApiProperty() applicantCreditCode: string;
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ format: 'date', description: 'a panel seat with the applicant on or after this day is avoided' })
  workedSince: string;
}

class DrawExclusionView {
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty({ enum: AVOIDANCE_RULES, isArray: true }) rules: string[];
}

class DrawnView {
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty({ nullable: true, type: String, enum: EXPERTISE_FIELD_KEYS }) field: string | null;
}

class ShortfallView {
  @ApiProperty({ nullable: true, type: String, enum: EXPERTISE_FIELD_KEYS }) field: string | null;
  @ApiProperty({ type: 'integer' }) wanted: number;
  @ApiProperty({ type: 'integer' }) drawn: number;
}

/** A recorded draw: enough to audit it and to replay it from its seed. */
export class ExpertDrawView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) drawnBy: string;
  @ApiProperty({ format: 'date-time' }) drawnAt: Date;
  @ApiProperty({ description: 'hex HMAC-SHA256 key of the random numbers (32 bytes from crypto)' }) seed: string;
  @ApiProperty({ type: DrawRequestView }) request: DrawRequestView;
  @ApiProperty({ type: [String], description: 'eligible candidates (uuids) in the order the random numbers index' })
  eligible: string[];
  @ApiProperty({ type: [DrawExclusionView] }) excluded: DrawExclusionView[];
  @ApiProperty({ type: [DrawnView] }) drawn: DrawnView[];
  @ApiProperty({ type: [ShortfallView] }) shortfall: ShortfallView[];

  static of(d: DrawResult['draw']): ExpertDrawView {
    return { ...d };
  }
}

export class DrawResultView {
  @ApiProperty({ type: ExpertDrawView }) draw: ExpertDrawView;
  @ApiProperty({ type: [ExpertInvitationView] }) invitations: ExpertInvitationView[];

  static of(r: DrawResult): DrawResultView {
    return { draw: ExpertDrawView.of(r.draw), invitations: r.invitations.map(ExpertInvitationView.of) };
  }
}

export class ApplicationInvitationsView {
  @ApiProperty({ type: [ExpertInvitationView] }) invitations: ExpertInvitationView[];
  @ApiProperty({ type: [ExpertDrawView] }) draws: ExpertDrawView[];
}
