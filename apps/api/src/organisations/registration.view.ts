import { OrganisationEvent, OrganisationKind, type RegistrationRecord, VerificationStatus } from '@app/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RegistrationResult {
  @ApiProperty() organisationId: string;
  @ApiProperty() userId: string;
  @ApiProperty({ enum: VerificationStatus, example: 'pending' }) verificationStatus: VerificationStatus;
}

export class RegistrationUserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class OrganisationHistoryView {
  @ApiProperty({ enum: OrganisationEvent }) event: OrganisationEvent;
  @ApiPropertyOptional({ nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiPropertyOptional({ nullable: true }) actorId: string | null;
  @ApiProperty() actorRole: string;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiProperty() at: Date;
}

/** A registered organisation as the regulators who verify it see it: contact, users and verification history. */
export class RegistrationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode: string;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: VerificationStatus }) verificationStatus: VerificationStatus;
  @ApiPropertyOptional({ nullable: true }) contactName: string | null;
  @ApiPropertyOptional({ nullable: true }) contactPhone: string | null;
  @ApiPropertyOptional({ nullable: true }) contactEmail: string | null;
  @ApiProperty() registeredAt: Date;
  @ApiProperty({ type: RegistrationUserView, isArray: true }) users: RegistrationUserView[];
  @ApiProperty({ type: OrganisationHistoryView, isArray: true }) history: OrganisationHistoryView[];

  static of(r: RegistrationRecord): RegistrationView {
    return { ...r, users: r.users.map((u) => ({ ...u })), history: r.history.map((h) => ({ ...h })) };
  }
}
