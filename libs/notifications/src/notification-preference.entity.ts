import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type NotificationKind } from './notification-kinds';

/** A user's choice for one kind of notification (no row: the kind's default). In-app is always on. */
@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  kind: NotificationKind;

  @Column({ type: 'boolean' })
  email: boolean;
}
