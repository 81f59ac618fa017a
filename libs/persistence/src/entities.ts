import { ACCREDITATION_ENTITIES } from '@app/accreditation';
import { IDENTITY_ENTITIES } from '@app/identity';
import { NOTIFICATIONS_ENTITIES } from '@app/notifications';
import { PROGRAMMES_ENTITIES } from '@app/programmes';
import { REPORTS_ENTITIES } from '@app/reports';
import { OutboxMessageEntity } from '@app/queue';
import { SUBSIDY_ENTITIES } from '@app/subsidy';
import { WORKLIST_ENTITIES } from '@app/worklist';

/** Every table the application maps: the union of the contexts' lists and the queue's outbox. */
export const ENTITIES = [
  ...PROGRAMMES_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...ACCREDITATION_ENTITIES,
  OutboxMessageEntity,
  ...SUBSIDY_ENTITIES,
  ...WORKLIST_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...REPORTS_ENTITIES,
];
