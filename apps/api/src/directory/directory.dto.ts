import { RiskTier } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageParam, PageSizeParam } from '../common/paging.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An enterprise as a city records it in its directory (名录库). */
export class DirectoryEntryBody {
  @ApiProperty({ example: '长沙湘江新材料科技有限公司' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '91430100MA4L000014',
    description: '统一社会信用代码, 18 characters with its check character',
  })
  @IsString()
  @Matches(/^[0-9A-Z]{18}$/, { message: 'creditCode must be 18 upper-case letters or digits' })
  creditCode: string;

  @ApiProperty({ example: '新材料', description: 'the industry (行业), as the city names it' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  industry: string;

  @ApiProperty({ example: '核心配方与工艺参数；研发人员离职竞业', description: 'its protection needs (保护需求)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  needs: string;

  @ApiProperty({ enum: RiskTier, description: 'risk tier of the tiered management (分级管理): 高/中/低风险' })
  @IsEnum(RiskTier, { message: `riskTier must be one of ${Object.values(RiskTier).join(', ')}` })
  riskTier: RiskTier;

  @ApiProperty({ example: '2026-11-20', description: 'the day of the risk assessment (not in the future)' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'assessedOn must be a date YYYY-MM-DD' })
  assessedOn: string;

  @ApiProperty({ example: '现场走访与问卷评估：核心技术人员流动频繁', description: 'the basis of the assessment' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  assessmentBasis: string;

  @ApiProperty({ example: '王经理' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  contactName: string;

  @ApiProperty({ example: '0731-88888888', description: 'a mobile or landline number' })
  @IsString()
  @Matches(/^(\+86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, {
    message: 'contactPhone must be a mainland mobile (13800000000) or landline (0731-88888888) number',
  })
  contactPhone: string;
}

export class DirectoryEntryUpdateBody extends DirectoryEntryBody {
  @ApiPropertyOptional({ type: 'integer', description: 'the version you last read (or send If-Match); 428 without' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class DirectoryQuery {
  @ApiPropertyOptional({ example: '430100', description: 'a city (or the province) inside your jurisdiction' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  jurisdictionCode?: string;

  @ApiPropertyOptional({ enum: RiskTier })
  @IsOptional()
  @IsEnum(RiskTier, { message: `riskTier must be one of ${Object.values(RiskTier).join(', ')}` })
  riskTier?: RiskTier;

  @ApiPropertyOptional({ example: '新材料' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: 'part of the name or of the credit code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @PageParam() page?: number;
  @PageSizeParam(100, 20) pageSize?: number;
}

export class DirectoryScopeQuery {
  @ApiPropertyOptional({ example: '430100', description: 'a jurisdiction inside yours (default: yours)' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  jurisdictionCode?: string;
}

export class DirectoryReportsQuery extends DirectoryScopeQuery {
  @ApiPropertyOptional({
    example: '2026-Q4',
    description: 'the period (by DIRECTORY_REPORT_CADENCE); default: the latest that has ended',
  })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  period?: string;
}

/** A city reports its directory for a period. */
export class DirectoryReportBody {
  @ApiProperty({ example: '2026-Q4', description: '2026-Q4 (quarterly), 2026-H2, 2026-11 or 2026, by the setting' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(8)
  period: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'a covering note' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
