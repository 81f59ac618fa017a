import { type MyNotification, type NotificationPreference, NotificationKind } from '@app/notifications';
import { ApiProperty } from '@nestjs/swagger';

/** One notification as its recipient reads it. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind: NotificationKind;
  @ApiProperty({ example: '【申请进展】QDFTZ-2026-0001 已被认定为商业秘密保护示范单位' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: "the console's path of the subject", example: '/applications/6f1c…' }) link: string;
  @ApiProperty({ enum: ['application', 'disbursement', 'directory-report', 'pilot-report', 'request'] })
  subjectType: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
  @ApiProperty({
    enum: ['pending', 'sent', 'failed', 'off', 'no-address', 'disabled'],
    description:
      "the e-mail's fate: pending (queued or being retried), sent, failed (gave up), off (your preference), " +
      'no-address (you have no e-mail address), disabled (the server sends no e-mail)',
  })
  emailStatus: string;

  static of(n: MyNotification): NotificationView {
    return {
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
      emailStatus: n.emailStatus,
    };
  }
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer', description: 'how many match, counted up to 1,000' }) total: number;
  @ApiProperty({ description: 'false when more than 1,000 match; total is then 1000' }) totalIsExact: boolean;
}

export class UnreadCountView {
  @ApiProperty({ type: 'integer', minimum: 0 }) unread: number;
}

export class MarkedReadView {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'how many notifications were unread and are now read' })
  marked: number;
}

export class NotificationPreferenceView {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind: NotificationKind;
  @ApiProperty({ example: '申请进展与决定' }) label: string;
  @ApiProperty({ enum: [true], description: 'in-app notifications are always on' }) inApp: boolean;
  @ApiProperty() email: boolean;

  static of(p: NotificationPreference): NotificationPreferenceView {
    return { kind: p.kind, label: p.label, inApp: p.inApp, email: p.email };
  }
}

export class EmailAddressView {
  @ApiProperty({ nullable: true, type: String, format: 'email' }) email: string | null;
  @ApiProperty({ description: 'whether the address was confirmed (a new address is not)' }) emailVerified: boolean;
}
