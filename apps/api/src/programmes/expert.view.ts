import type { PoolExpert } from '@app/accreditation';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class InviteExpertDto {
  @ApiProperty({ format: 'uuid', description: 'an active evaluator' }) @IsUUID() evaluatorId: string;
}

/** An evaluator in a programme's expert pool. */
export class ExpertView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) jurisdictionCode: string | null;
  @ApiProperty({
    enum: ['jurisdiction', 'invited'],
    description: "jurisdiction: bound inside or above the programme's jurisdiction; invited: from elsewhere",
  })
  source: 'jurisdiction' | 'invited';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) invitedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) invitedBy: string | null;

  static of(e: PoolExpert): ExpertView {
    return {
      id: e.id,
      username: e.username,
      displayName: e.displayName,
      jurisdictionCode: e.jurisdictionCode,
      source: e.source,
      invitedAt: e.invitedAt,
      invitedBy: e.invitedBy,
    };
  }
}
