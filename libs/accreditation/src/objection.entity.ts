import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

@Entity({ name: 'objections' })
@Index('ix_objections_application', ['applicationId', 'createdAt'])
export class ObjectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'notice_round', type: 'int' })
  noticeRound: number;

  /** null when filed by the public without an account */
  @Column({ name: 'filed_by', type: 'uuid', nullable: true })
  filedBy: string | null;

  @Column({ name: 'filer_name', type: 'varchar', length: 100 })
  filerName: string;

  @Column({ name: 'filer_contact', type: 'varchar', length: 100 })
  filerContact: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: 'open' | 'upheld' | 'dismissed';

  @Column({ name: 'ruled_by', type: 'uuid', nullable: true })
  ruledBy: string | null;

  @Column({ name: 'ruling_reason', type: 'text', nullable: true })
  rulingReason: string | null;

  @Column({ name: 'ruled_at', type: 'timestamptz', nullable: true })
  ruledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
