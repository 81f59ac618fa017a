import { type TemplateRow } from '@app/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One edition of the service month (服务月) and its statistics table's template: the rows, sub-rows, units and the
 * rule of every cell are data, so a new yearly edition is a new row here, not new code.
 */
@Entity({ name: 'stats_editions' })
export class StatsEditionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. `SM-2023` */
  @Index('uq_stats_editions_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** 首届"服务月" (2023) */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** the table's title, as printed above it */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** first and last day of the activities it counts (YYYY-MM-DD, China time), both inclusive */
  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  /** when the provinces' tables are due (7 July 2023 17:00 China time for the first edition) */
  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'jsonb' })
  rows: TemplateRow[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
