import { JurisdictionLevel, type Rubric, UnitKind } from '@app/domain';
import { type Programme } from '@app/programmes';
import { ApiProperty } from '@nestjs/swagger';

/** A programme: who designates which title, with the rubric, notice length and quota. */
export class ProgrammeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'QDFTZ-2026' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the issuing bureau' }) jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'dimensions (key, name, weight, maxScore) and passMark',
  })
  rubric: Rubric;
  @ApiProperty({ type: 'integer' }) panelSize: number;
  @ApiProperty({ type: [String] }) requiredMaterials: string[];
  @ApiProperty({ type: 'integer', description: 'length of the public notice in working days' })
  noticeWorkingDays: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'most designations; null = no quota' }) quota:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'years a title is valid; null = until revoked' })
  validityYears: number | null;
  @ApiProperty({ type: 'integer', description: 'last application sequence number handed out' }) applicationSeq: number;
  @ApiProperty() machineVersion: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

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
      applicationSeq: p.applicationSeq,
      machineVersion: p.machineVersion,
      createdAt: p.createdAt,
    };
  }
}
