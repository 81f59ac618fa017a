import { type ApplicationQueries } from '@app/accreditation';
import { AccreditationState, JurisdictionLevel, UnitKind } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

type RegisterRecord = Awaited<ReturnType<ApplicationQueries['publicRegister']>>['items'][number];

/** A line of the public register: an open notice, a title granted or revoked; no personal data. */
export class RegisterEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: UnitKind }) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: AccreditationState }) state: AccreditationState;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'while the notice is open: objections until then',
  })
  noticeEndsAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) designatedAt: Date | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil: string | null;

  static of(a: RegisterRecord): RegisterEntryView {
    return {
      id: a.id,
      reference: a.reference,
      title: a.title,
      unitKind: a.unitKind,
      level: a.level,
      jurisdictionCode: a.jurisdictionCode,
      state: a.state,
      noticeEndsAt: a.state === AccreditationState.PublicNotice ? a.noticeEndsAt : null,
      designatedAt: a.designatedAt,
      validUntil: a.validUntil,
    };
  }
}

export class RegisterPage {
  @ApiProperty({ type: [RegisterEntryView] }) items: RegisterEntryView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty() totalIsExact: boolean;
}
