import { TransitionHistoryEntity } from '@app/platform';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** Append-only: one row per accepted event (a database trigger refuses UPDATE and DELETE); the shared columns are TransitionHistoryEntity's. */
@Entity({ name: 'application_history' })
@Index('ix_application_history_actor', { synchronize: false })
@Index('uq_application_history_version', ['applicationId', 'version'], { unique: true })
export class ApplicationHistoryEntity extends TransitionHistoryEntity {
  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;
}
