import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** What a submitted report held of each entry (the directory as the province received it). */
export interface ReportedEntry {
  creditCode: string;
  name: string;
  industry: string;
  riskTier: string;
  assessedOn: string;
}

/**
 * A city's report of its directory to the province for one period (定期上报省局): due on a day, submitted once, with
 * the entries it held then. A row exists once the city submits or once the reminder sweep has seen the period due.
 */
@Entity({ name: 'directory_reports' })
@Unique('uq_directory_reports_period', ['jurisdictionCode', 'period'])
export class DirectoryReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  /** 2026-Q4, 2026-H1, 2026-11 or 2026, by DIRECTORY_REPORT_CADENCE */
  @Column({ type: 'varchar', length: 8 })
  period: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'entry_count', type: 'int', nullable: true })
  entryCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  entries: ReportedEntry[] | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;
}
