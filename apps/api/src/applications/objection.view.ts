import { type ApplicationQueries, type ObjectionReceipt } from '@app/accreditation';
import { ApiProperty } from '@nestjs/swagger';

type Objection = Awaited<ReturnType<ApplicationQueries['objections']>>[number];

/** An objection filed during a public notice, and its ruling; who objected is shown to regulators only (else null). */
export class ObjectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'integer', description: 'which notice of the application it was filed in' }) noticeRound: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the signed-in filer, if any (regulators only)',
  })
  filedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'regulators only' }) filerName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'regulators only' }) filerOrganisation: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'phone or e-mail (regulators only)' }) filerContact:
    string | null;
  @ApiProperty() reason: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the first objection of this notice with the same contact or the same text; null for a first one',
  })
  duplicateOf: string | null;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status: 'open' | 'upheld' | 'dismissed';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ruledBy: string | null;
  @ApiProperty({ type: String, nullable: true }) rulingReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) ruledAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(o: Objection): ObjectionView {
    return {
      id: o.id,
      applicationId: o.applicationId,
      noticeRound: o.noticeRound,
      filedBy: o.filedBy,
      filerName: o.filerName,
      filerOrganisation: o.filerOrganisation,
      filerContact: o.filerContact,
      reason: o.reason,
      duplicateOf: o.duplicateOf,
      status: o.status,
      ruledBy: o.ruledBy,
      rulingReason: o.rulingReason,
      ruledAt: o.ruledAt,
      createdAt: o.createdAt,
    };
  }
}

/** What the filer of an objection is answered, and nothing else. */
export class ObjectionReceiptView {
  @ApiProperty({ format: 'uuid', description: 'the receipt number: quote it when you ask about the objection' })
  id: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the public notice runs until then' })
  noticeEndsAt: Date | null;

  static of(r: ObjectionReceipt): ObjectionReceiptView {
    return { id: r.id, receivedAt: r.receivedAt, noticeEndsAt: r.noticeEndsAt };
  }
}
