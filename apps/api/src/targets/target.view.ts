import type { DesignationTarget, DesignationTargetProgress } from '@app/accreditation';
import { UnitKind } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class DesignationTargetDto {
  @ApiProperty({ enum: UnitKind, example: UnitKind.LiaisonPoint }) @IsIn(Object.values(UnitKind)) unitKind: UnitKind;
  @ApiProperty({ type: 'integer', example: 2015, description: 'due at the end of this year (31 December)' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
  @ApiProperty({ type: 'integer', example: 100, description: 'units holding a title in the subtree by then (≥ 0)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  target: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: '嘉兴市人民政府 2014 年实施意见' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

/** Targets to create or change (those not listed stay as they are). */
export class SetDesignationTargetsDto {
  @ApiProperty({ type: [DesignationTargetDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DesignationTargetDto)
  targets: DesignationTargetDto[];
}

export class DesignationTargetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) unitKind: UnitKind;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ format: 'date', description: 'the end of the year' }) dueOn: string;
  @ApiProperty({ type: 'integer' }) target: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'uuid' }) updatedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;

  static of(t: DesignationTarget): DesignationTargetView {
    return {
      id: t.id,
      jurisdictionCode: t.jurisdictionCode,
      unitKind: t.unitKind,
      year: t.year,
      dueOn: t.dueOn,
      target: t.target,
      note: t.note,
      updatedBy: t.updatedBy,
      updatedAt: t.updatedAt,
      version: t.version,
    };
  }
}

/** A target with its progress, counted from the designations in the jurisdiction's subtree. */
export class DesignationTargetProgressView extends DesignationTargetView {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'units with a title in force on the due date; null while it is ahead',
  })
  atDueDate: number | null;
  @ApiProperty({ type: 'integer', description: 'units with a title in force today' }) now: number;
  @ApiProperty({ type: 'integer', description: 'whole percent of the target (at the due date once passed), ≤ 100' })
  percent: number;
  @ApiProperty({ enum: ['met', 'missed', 'open'] }) status: 'met' | 'missed' | 'open';

  static ofProgress(t: DesignationTargetProgress): DesignationTargetProgressView {
    return { ...DesignationTargetView.of(t), atDueDate: t.atDueDate, now: t.now, percent: t.percent, status: t.status };
  }
}
