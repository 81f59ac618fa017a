import type { AreaQuotaUsage, ProgrammeQuotas, QuotaOverride, QuotaUsage } from '@app/accreditation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class AreaQuotaDto {
  @ApiProperty({ example: '430100-FTZ', description: "a jurisdiction strictly inside the programme's" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  jurisdictionCode: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'fewest designations wanted in the area (0..max)' })
  @IsInt()
  @Min(0)
  @Max(1000)
  min: number;
  @ApiProperty({ type: 'integer', example: 2, description: 'most designations in the area (≥ 1)' })
  @IsInt()
  @Min(1)
  @Max(1000)
  max: number;
}

/** The whole list of a programme's area quotas: an area left out no longer has one. */
export class SetAreaQuotasDto {
  @ApiProperty({ type: [AreaQuotaDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AreaQuotaDto)
  areas: AreaQuotaDto[];
}

export class QuotaOverrideDto {
  @ApiProperty({
    example: '430100-FTZ',
    description:
      "an area with a quota in the programme, or the programme's own jurisdiction (the programme-wide quota)",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  jurisdictionCode: string;
  @ApiProperty({ type: 'integer', example: 1, description: 'places added (1..100)' })
  @IsInt()
  @Min(1)
  @Max(100)
  extraPlaces: number;
  @ApiProperty({ example: '该片区申报单位质量突出，经研究增加1个名额' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class AreaQuotaView {
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty({ type: 'integer' }) min: number;
  @ApiProperty({ type: 'integer' }) max: number;
  @ApiProperty({ format: 'uuid' }) updatedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

/** A programme's quotas: the programme-wide maximum and the areas'. */
export class ProgrammeQuotasView {
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() programmeCode: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'programme-wide maximum; null: none' })
  quota: number | null;
  @ApiProperty({ type: [AreaQuotaView] }) areas: AreaQuotaView[];

  static of(q: ProgrammeQuotas): ProgrammeQuotasView {
    return {
      programmeId: q.programmeId,
      programmeCode: q.programmeCode,
      jurisdictionCode: q.jurisdictionCode,
      quota: q.quota,
      areas: q.areas.map((a) => ({
        jurisdictionCode: a.jurisdictionCode,
        jurisdictionName: a.jurisdictionName,
        min: a.min,
        max: a.max,
        updatedBy: a.updatedBy,
        updatedAt: a.updatedAt,
      })),
    };
  }
}

/** An override of a quota by the supervising bureau (append-only). */
export class QuotaOverrideView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty({ type: 'integer' }) extraPlaces: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdByName: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(o: QuotaOverride): QuotaOverrideView {
    return {
      id: o.id,
      programmeId: o.programmeId,
      jurisdictionCode: o.jurisdictionCode,
      jurisdictionName: o.jurisdictionName,
      extraPlaces: o.extraPlaces,
      reason: o.reason,
      createdBy: o.createdBy,
      createdByName: o.createdByName,
      createdAt: o.createdAt,
    };
  }
}

export class ProgrammeQuotaUsageView {
  @ApiProperty({ type: 'integer' }) max: number;
  @ApiProperty({ type: 'integer', description: 'places added by overrides' }) extraPlaces: number;
  @ApiProperty({ type: 'integer' }) allowed: number;
  @ApiProperty({ type: 'integer' }) designated: number;
  @ApiProperty({ type: 'integer' }) remaining: number;
}

export class AreaQuotaUsageView {
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty() jurisdictionName: string;
  @ApiProperty({ type: 'integer' }) min: number;
  @ApiProperty({ type: 'integer' }) max: number;
  @ApiProperty({ type: 'integer', description: 'places added by overrides' }) extraPlaces: number;
  @ApiProperty({ type: 'integer', description: 'max + extraPlaces' }) allowed: number;
  @ApiProperty({ type: 'integer' }) designated: number;
  @ApiProperty({ type: 'integer' }) remaining: number;
  @ApiProperty({ type: 'integer', description: 'designations still needed to reach min' }) shortfall: number;
  @ApiProperty({ type: 'integer', description: 'applications in review or public notice' }) beforeNoticeEnd: number;
  @ApiProperty({ type: 'integer', description: 'applications whose notice closed, awaiting the decision' })
  awaitingDesignation: number;
  @ApiProperty({ description: 'below min with every notice of the area closed (flagged)' }) belowMinimum: boolean;

  static of(a: AreaQuotaUsage): AreaQuotaUsageView {
    return { ...a };
  }
}

/** A programme's quotas against its designations. */
export class QuotaUsageView {
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() programmeCode: string;
  @ApiPropertyOptional({ type: ProgrammeQuotaUsageView, nullable: true, description: 'null: no programme-wide quota' })
  programme: ProgrammeQuotaUsageView | null;
  @ApiProperty({ type: [AreaQuotaUsageView] }) areas: AreaQuotaUsageView[];

  static of(u: QuotaUsage): QuotaUsageView {
    return {
      programmeId: u.programmeId,
      programmeCode: u.programmeCode,
      programme: u.programme ? { ...u.programme } : null,
      areas: u.areas.map(AreaQuotaUsageView.of),
    };
  }
}
