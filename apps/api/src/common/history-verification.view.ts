import { type ChainVerification } from '@app/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BrokenHistoryRowView {
  @ApiProperty({
    type: String,
    pattern: '^[0-9]+$',
    nullable: true,
    description: "the history row's id; null when the row is missing at the end of the history",
  })
  id: string | null;
  @ApiProperty({ type: 'integer', description: 'its version (the place in the chain)' }) version: number;
  @ApiProperty({ example: 'the row does not match its hash: its content was changed' }) reason: string;
}

/** The verdict on a history's hash chain (tamper evidence). */
export class HistoryVerificationView {
  @ApiProperty({ description: 'every row matches its hash and links to the one before, and none is missing' })
  valid: boolean;
  @ApiProperty({ type: 'integer', description: 'history rows found' }) rows: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the last row's hash (hex): noted down elsewhere, it also reveals a later rewrite of the whole chain",
  })
  headHash: string | null;
  @ApiPropertyOptional({
    type: BrokenHistoryRowView,
    description: 'the first row that does not hold (absent when valid)',
  })
  firstBrokenRow?: BrokenHistoryRowView;

  static of(v: ChainVerification): HistoryVerificationView {
    return {
      valid: v.valid,
      rows: v.rows,
      headHash: v.headHash,
      ...(v.firstBrokenRow ? { firstBrokenRow: { ...v.firstBrokenRow } } : {}),
    };
  }
}
