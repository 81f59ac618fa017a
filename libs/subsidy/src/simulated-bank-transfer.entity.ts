import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fen } from './fen.transformer';

/** The simulated bank's own ledger: one transfer per idempotency key, whatever the number of requests. */
@Entity({ name: 'simulated_bank_transfers' })
export class SimulatedBankTransferEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64, unique: true })
  idempotencyKey: string;

  @Column({ name: 'amount_fen', type: 'bigint', transformer: fen })
  amountFen: number;

  @Column({ name: 'account_number', type: 'varchar', length: 32 })
  accountNumber: string;

  @Column({ name: 'bank_reference', type: 'varchar', length: 100 })
  bankReference: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
