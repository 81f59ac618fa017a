import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Events already turned into notifications (history rows, reminders, escalations), so a redelivered job or a
 * repeated sweep does nothing; written in the same transaction as the notifications.
 */
@Entity({ name: 'notification_events' })
export class NotificationEventEntity {
  @PrimaryColumn({ name: 'event_key', type: 'varchar', length: 200 })
  eventKey: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
