import { type ApplicationQueries } from '@app/accreditation';
import { type DimensionScores } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

type PanelMember = Awaited<ReturnType<ApplicationQueries['panel']>>[number];

/** An evaluator on the panel, with their score sheet and conflict reason as the reader may see them (else null). */
export class PanelMemberView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() evaluatorId: string;
  @ApiProperty({ enum: ['active', 'excused'] }) status: 'active' | 'excused';
  @ApiProperty() assignedBy: string;
  @ApiProperty() assignedAt: Date;
  @ApiPropertyOptional({ nullable: true }) conflictReason: string | null;
  @ApiPropertyOptional({ nullable: true }) excusedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: { type: 'number' } })
  scores: DimensionScores | null;
  @ApiPropertyOptional({ nullable: true, description: 'weighted score in hundredths of a point' }) weightedScore:
    number | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiPropertyOptional({ nullable: true }) scoredAt: Date | null;

  static of(m: PanelMember): PanelMemberView {
    return {
      id: m.id,
      applicationId: m.applicationId,
      evaluatorId: m.evaluatorId,
      status: m.status,
      assignedBy: m.assignedBy,
      assignedAt: m.assignedAt,
      conflictReason: m.conflictReason,
      excusedAt: m.excusedAt,
      scores: m.scores,
      weightedScore: m.weightedScore,
      comment: m.comment,
      scoredAt: m.scoredAt,
    };
  }
}
