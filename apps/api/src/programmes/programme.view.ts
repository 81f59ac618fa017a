import { JurisdictionLevel, type Rubric, UnitKind } from '@app/domain';
import { type Programme } from '@app/programmes';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A programme: who designates which title, with the rubric, notice length and quota. */
export class ProgrammeView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'QDFTZ-2026' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the issuing bureau' }) jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty() year: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'dimensions (key, name, weight, maxScore) and passMark',
  })
  rubric: Rubric;
  @ApiProperty() panelSize: number;
  @ApiProperty({ type: [String] }) requiredMaterials: string[];
  @ApiProperty({ description: 'length of the public notice in working days' }) noticeWorkingDays: number;
  @ApiPropertyOptional({ nullable: true, description: 'most designations; null = no quota' }) quota: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'years a title is valid; null = until revoked' }) validityYears:
    number | null;
  @ApiProperty({ description: '复核 by a regulator other than the one who passed 初审' })
  recheckBySecondRegulator: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'working days to resubmit a returned application before it lapses; null: no deadline',
  })
  revisionWorkingDays: number | null;
  @ApiProperty({ type: 'integer', description: 'months a revoked title bars its organisation; 0: no bar' })
  revocationBarMonths: number;
  @ApiProperty({ description: 'last application sequence number handed out' }) applicationSeq: number;
  @ApiProperty() machineVersion: string;
  @ApiProperty() createdAt: Date;

  static of(p: Programme): ProgrammeView {
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      jurisdictionCode: p.jurisdictionCode,
      unitKind: p.unitKind,
      level: p.level,
      year: p.year,
      rubric: p.rubric,
      panelSize: p.panelSize,
      requiredMaterials: p.requiredMaterials,
      noticeWorkingDays: p.noticeWorkingDays,
      quota: p.quota,
      validityYears: p.validityYears,
      recheckBySecondRegulator: p.recheckBySecondRegulator,
      revisionWorkingDays: p.revisionWorkingDays,
      revocationBarMonths: p.revocationBarMonths,
      applicationSeq: p.applicationSeq,
      machineVersion: p.machineVersion,
      createdAt: p.createdAt,
    };
  }
}
