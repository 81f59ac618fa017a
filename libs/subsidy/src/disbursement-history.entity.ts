import { TransitionHistoryEntity } from '@app/platform';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { DisbursementEntity } from './disbursement.entity';

/** Append-only, like the application history; the shared columns are TransitionHistoryEntity's. */
@Entity({ name: 'disbursement_history' })
@Index('ix_disbursement_history_actor', { synchronize: false })
@Index('uq_disbursement_history_version', ['disbursementId', 'version'], { unique: true })
export class DisbursementHistoryEntity extends TransitionHistoryEntity {
  @ForeignKey(() => DisbursementEntity)
  @Column({ name: 'disbursement_id', type: 'uuid' })
  disbursementId: string;
}
