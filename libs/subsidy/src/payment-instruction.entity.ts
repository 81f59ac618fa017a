import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Instructions written to the treasury's batch files: one per reference. */
@Entity({ name: 'payment_instructions' })
export class PaymentInstructionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  reference: string;

  @Column({ name: 'batch_file', type: 'text' })
  batchFile: string;

  @CreateDateColumn({ name: 'written_at', type: 'timestamptz' })
  writtenAt: Date;
}
