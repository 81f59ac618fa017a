import { type RequestSource, type RequestState } from '@app/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of the enterprise request ledger (诉求台账). */
@Entity({ name: 'enterprise_requests' })
@Index('ix_enterprise_requests_path', ['jurisdictionPath', 'createdAt'])
export class EnterpriseRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the enterprise's organisation when it has an account (always, when it submitted the request itself) */
  @Index('ix_enterprise_requests_organisation')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ name: 'enterprise_name', type: 'varchar', length: 200 })
  enterpriseName: string;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath: string;

  @Column({ type: 'varchar', length: 16 })
  source: RequestSource;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 16 })
  state: RequestState;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  /** what the enterprise reads when it is closed */
  @Column({ type: 'text', nullable: true })
  feedback: string | null;

  /** flagged as an enforcement lead (线索) */
  @Column({ name: 'is_lead', type: 'boolean', default: false })
  isLead: boolean;

  @Column({ name: 'lead_note', type: 'text', nullable: true })
  leadNote: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
