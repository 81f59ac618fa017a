import { type ApplicationQueries } from '@app/accreditation';
import { type DimensionScores } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

type PanelMember = Awaited<ReturnType<ApplicationQueries['panel']>>[number];

/** An evaluator on the panel, with their score sheet and conflict reason as the reader may see them (else null). */
export class PanelMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty({ enum: ['active', 'excused'] }) status: 'active' | 'excused';
  @ApiProperty() assignedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) assignedAt: Date;
  @ApiProperty({ type: String, nullable: true }) conflictReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) excusedAt: Date | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'integer' } })
  scores: DimensionScores | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'weighted score in hundredths of a point' })
  weightedScore: number | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scoredAt: Date | null;

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
