import { type BankAccountChange } from '@app/identity';
import { ApiProperty } from '@nestjs/swagger';

/** An account as the history keeps it: the number masked, never in full. */
export class MaskedBankAccountView {
  @ApiProperty() accountName: string;
  @ApiProperty() bankName: string;
  @ApiProperty({ type: String, nullable: true, description: '12-digit CNAPS code (联行号)' }) branchCode: string | null;
  @ApiProperty({ example: '6222 **** **** 0123' }) maskedAccount: string;
  @ApiProperty({ description: 'SHA-256 of the full account details' }) accountHash: string;
}

/** One change of the organisation's payee account: who, when, old → new. */
export class BankAccountChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the user who changed it' }) changedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) changedAt: Date;
  @ApiProperty({ type: MaskedBankAccountView, nullable: true, description: 'null: no account before' })
  from: MaskedBankAccountView | null;
  @ApiProperty({ type: MaskedBankAccountView }) to: MaskedBankAccountView;

  static of(c: BankAccountChange): BankAccountChangeView {
    return { id: c.id, changedBy: c.changedBy, changedAt: c.changedAt, from: c.from, to: c.to };
  }
}
