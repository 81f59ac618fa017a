import { OrganisationKind, type OrganisationProfile, VerificationStatus } from '@app/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BankAccountView {
  @ApiProperty() bankName: string;
  @ApiProperty() accountName: string;
  @ApiProperty() accountNumber: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '12-digit CNAPS code (联行号)' }) branchCode?:
    string | null;
}

/** The caller's organisation: credit code, jurisdiction and payee bank account. */
export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty() jurisdictionCode: string;
  @ApiProperty({ enum: VerificationStatus, description: '实名认证: only a verified organisation may apply' })
  verificationStatus: VerificationStatus;
  @ApiProperty({ type: BankAccountView, nullable: true }) bankAccount: BankAccountView | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ description: "whether the credit code's check character is right" }) creditCodeValid: boolean;

  static of(o: OrganisationProfile): OrganisationView {
    return {
      id: o.id,
      creditCode: o.creditCode,
      name: o.name,
      kind: o.kind,
      jurisdictionCode: o.jurisdictionCode,
      verificationStatus: o.verificationStatus,
      bankAccount: o.bankAccount,
      createdAt: o.createdAt,
      creditCodeValid: o.creditCodeValid,
    };
  }
}
