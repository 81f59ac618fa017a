import { AccreditationState, CandidateListState, JurisdictionLevel } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class AddCandidateDto {
  @ApiProperty({ format: 'uuid', description: 'a designation of your jurisdiction, at a level below the programme' })
  @IsUUID()
  applicationId: string;
}

export class WithdrawCandidateDto {
  @ApiPropertyOptional({ example: '企业申请暂缓推荐' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

/** A designation on a recommending bureau's list. */
export class CandidateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['listed', 'withdrawn', 'recommended'],
    description: 'listed on the draft list, withdrawn before submission, or recommended (the list was submitted)',
  })
  status: string;
  @ApiProperty({ format: 'uuid', description: 'the lower-level designation' }) applicationId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: string;
  @ApiProperty({ enum: AccreditationState, description: 'the lower designation’s state today' })
  state: AccreditationState;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) addedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) withdrawReason: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the linked application the submission opened in the programme',
  })
  upperApplicationId: string | null;
  @ApiProperty({ type: String, nullable: true }) upperReference: string | null;
}

/** One recommending bureau's list for a programme of the level above (推荐名单). */
export class CandidateListView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null until the first candidate' })
  id: string | null;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ description: 'the recommending bureau' }) bureauCode: string;
  @ApiProperty() bureauName: string;
  @ApiProperty({ enum: CandidateListState }) state: CandidateListState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedBy: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: "the programme's minimum per bureau (null: one)" })
  minCandidates: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: "the programme's maximum per bureau (null: none)" })
  maxCandidates: number | null;
  @ApiProperty({ type: [CandidateView] }) candidates: CandidateView[];
}
