import { AccreditationEvent, AccreditationSnapshot, EventCommand, Principal } from '@app/domain';
import { ProgrammeEntity } from '@app/programmes';
import { JobRequest } from '@app/queue';
import { ApplicationEntity } from './application.entity';

/** Everything the side effects of one accepted transition may need, inside the engine's transaction. */
export interface TransitionContext {
  application: ApplicationEntity;
  programme: ProgrammeEntity;
  principal: Principal;
  command: EventCommand;
  event: AccreditationEvent;
  before: AccreditationSnapshot;
  after: AccreditationSnapshot;
  now: Date;
  /** the application's version after the transition */
  version: number;
  /** column updates on the application row, merged into the engine's one UPDATE */
  columns: Partial<Pick<ApplicationEntity, 'submittedAt' | 'noticeEndsAt' | 'designatedAt' | 'validUntil'>>;
  /** jobs to write to the outbox in the same transaction */
  jobs: JobRequest[];
  /** extra facts for the history row's payload */
  payload: Record<string, unknown>;
}
