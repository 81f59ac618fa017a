import { type ApplicationQueries } from '@app/accreditation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

type Objection = Awaited<ReturnType<ApplicationQueries['objections']>>[number];

/** An objection filed during a public notice, and its ruling. */
export class ObjectionView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ description: 'which notice of the application it was filed in' }) noticeRound: number;
  @ApiPropertyOptional({ nullable: true, description: 'the signed-in filer, if any' }) filedBy: string | null;
  @ApiProperty() filerName: string;
  @ApiProperty() filerContact: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status: 'open' | 'upheld' | 'dismissed';
  @ApiPropertyOptional({ nullable: true }) ruledBy: string | null;
  @ApiPropertyOptional({ nullable: true }) rulingReason: string | null;
  @ApiPropertyOptional({ nullable: true }) ruledAt: Date | null;
  @ApiProperty() createdAt: Date;

  static of(o: Objection): ObjectionView {
    return {
      id: o.id,
      applicationId: o.applicationId,
      noticeRound: o.noticeRound,
      filedBy: o.filedBy,
      filerName: o.filerName,
      filerContact: o.filerContact,
      reason: o.reason,
      status: o.status,
      ruledBy: o.ruledBy,
      rulingReason: o.rulingReason,
      ruledAt: o.ruledAt,
      createdAt: o.createdAt,
    };
  }
}
