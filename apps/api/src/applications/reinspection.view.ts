import { type Reinspection } from '@app/accreditation';
import { ApiProperty } from '@nestjs/swagger';

/** One yearly re-inspection (回访/巡查) of a designated title. */
export class ReinspectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'integer', description: '1 for the first year after designation, 2 for the second, ...' })
  seq: number;
  @ApiProperty({ format: 'date', example: '2027-12-06', description: 'due by this day (China date)' }) dueOn: string;
  @ApiProperty({
    enum: ['scheduled', 'passed', 'failed', 'cancelled'],
    description: 'cancelled: the title ended (revoked or expired) before it was done',
  })
  status: 'scheduled' | 'passed' | 'failed' | 'cancelled';
  @ApiProperty({ type: String, nullable: true }) findings: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recordedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt: Date | null;

  static of(r: Reinspection): ReinspectionView {
    return {
      id: r.id,
      applicationId: r.applicationId,
      seq: r.seq,
      dueOn: r.dueOn,
      status: r.status,
      findings: r.findings,
      recordedBy: r.recordedBy,
      recordedAt: r.recordedAt,
    };
  }
}
