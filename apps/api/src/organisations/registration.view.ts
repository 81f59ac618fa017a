import { OrganisationEvent, OrganisationKind, type RegistrationRecord, VerificationStatus } from '@app/identity';
import { ApiProperty } from '@nestjs/swagger';

export class RegistrationResult {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: VerificationStatus, example: 'pending' }) verificationStatus: VerificationStatus;
}

export class RegistrationUserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class OrganisationHistoryView {
  @ApiProperty({ enum: OrganisationEvent }) event: OrganisationEvent;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: Date;
}

/** A registered organisation as the regulators who verify it see it: contact, users and verification history. */
export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode: string;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: VerificationStatus }) verificationStatus: VerificationStatus;
  @ApiProperty({ type: String, nullable: true }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) contactEmail: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) registeredAt: Date;
  @ApiProperty({ type: RegistrationUserView, isArray: true }) users: RegistrationUserView[];
  @ApiProperty({ type: OrganisationHistoryView, isArray: true }) history: OrganisationHistoryView[];

  static of(r: RegistrationRecord): RegistrationView {
    return { ...r, users: r.users.map((u) => ({ ...u })), history: r.history.map((h) => ({ ...h })) };
  }
}
