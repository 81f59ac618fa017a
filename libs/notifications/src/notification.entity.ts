import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { type NotificationKind } from './notification-kinds';

/** What became of a notification's e-mail. */
export type EmailStatus = 'pending' | 'sent' | 'failed' | 'off' | 'no-address' | 'disabled';

/**
 * One notification to one recipient: a user (shown in the app, and e-mailed when they have an address and want it)
 * or an outside address only (an objector's receipt). One row per (event, recipient): a redelivered event adds none.
 */
@Entity({ name: 'notifications' })
@Index('uq_notifications_event_recipient', ['eventKey', 'recipientKey'], { unique: true })
@Index('ix_notifications_user', ['userId', 'createdAt'], { where: 'user_id IS NOT NULL' })
@Index('ix_notifications_unread', ['userId'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the event it comes from: `application.<id>.<version>`, `disbursement.<id>.<version>`, `reminder.<item>.<due>` */
  @Column({ name: 'event_key', type: 'varchar', length: 200 })
  eventKey: string;

  /** the user's id, or `mail:<address>` for an outside recipient */
  @Column({ name: 'recipient_key', type: 'varchar', length: 300 })
  recipientKey: string;

  /** null: an outside recipient (e-mail only) */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 48 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** the console's path of the subject, e.g. `/applications/<id>` */
  @Column({ type: 'varchar', length: 300 })
  link: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 24 })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** the address the e-mail goes to (null: none) */
  @Column({ name: 'email_to', type: 'varchar', length: 254, nullable: true })
  emailTo: string | null;

  @Column({ name: 'email_status', type: 'varchar', length: 16 })
  emailStatus: EmailStatus;

  @Column({ name: 'email_sent_at', type: 'timestamptz', nullable: true })
  emailSentAt: Date | null;

  @Column({ name: 'email_attempts', type: 'int', default: 0 })
  emailAttempts: number;

  @Column({ name: 'email_error', type: 'text', nullable: true })
  emailError: string | null;
}
