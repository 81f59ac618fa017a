import { AccreditationEventType, AccreditationSnapshot, EventCommand, EventOf, Principal } from '@app/domain';
import { ProgrammeEntity } from '@app/programmes';
import { JobRequest } from '@app/queue';
import { ApplicationEntity } from './application.entity';

/** The application columns an event may set besides state, snapshot and version. */
export type ApplicationColumns = Partial<
  Pick<
    ApplicationEntity,
    'submittedAt' | 'noticeEndsAt' | 'revisionDueAt' | 'designatedAt' | 'validUntil' | 'materials'
  >
>;

/** Everything the side effects of one accepted transition may need, inside the engine's transaction. */
export interface TransitionContext<T extends AccreditationEventType = AccreditationEventType> {
  application: ApplicationEntity;
  programme: ProgrammeEntity;
  principal: Principal;
  command: EventCommand;
  event: EventOf<T>;
  before: AccreditationSnapshot;
  after: AccreditationSnapshot;
  now: Date;
  /** the application's version after the transition */
  version: number;
  /** column updates on the application row, merged into the engine's one UPDATE */
  columns: ApplicationColumns;
  /** jobs to write to the outbox in the same transaction */
  jobs: JobRequest[];
  /** extra facts for the history row's payload */
  payload: Record<string, unknown>;
}
