import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { SessionEntity } from './session.entity';

/**
 * A single-use, short-lived ticket that opens the queue dashboard in a browser for the session that asked for it
 * (exchanged for a cookie, so no token ever rides in a URL). Only its SHA-256 is stored.
 */
@Entity({ name: 'dashboard_tickets' })
export class DashboardTicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => SessionEntity, { onDelete: 'CASCADE' })
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'ticket_hash', type: 'char', length: 64, unique: true })
  ticketHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
