import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { fen } from './fen.transformer';

/** The longest reference a statement line keeps (the disbursement references are shorter). */
export const STATEMENT_REFERENCE_LENGTH = 64;
/** The longest bank reference a statement line keeps. */
export const STATEMENT_BANK_REFERENCE_LENGTH = 100;

/** One uploaded bank statement and its lines, each matched against a disbursement. */
@Entity({ name: 'statement_lines' })
@Index('ix_statement_lines_reference', ['reference'])
export class StatementLineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'statement_id', type: 'uuid' })
  statementId: string;

  @Column({ name: 'line_no', type: 'int' })
  lineNo: number;

  @Column({ type: 'varchar', length: STATEMENT_REFERENCE_LENGTH })
  reference: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: fen })
  amountFen: number;

  @Column({ name: 'value_date', type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ name: 'bank_reference', type: 'varchar', length: STATEMENT_BANK_REFERENCE_LENGTH, nullable: true })
  bankReference: string | null;

  /** confirmed | mismatched | unknown_reference */
  @Column({ name: 'match_status', type: 'varchar', length: 24 })
  matchStatus: 'confirmed' | 'mismatched' | 'unknown_reference';

  @Column({ name: 'disbursement_id', type: 'uuid', nullable: true })
  disbursementId: string | null;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
