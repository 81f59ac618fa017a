import { type TableValues } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A province's statistics table for an edition, submitted (报送): from then on it is locked, with who and when, and
 * the values it was submitted with. No row: still a draft.
 */
@Entity({ name: 'stats_filings' })
export class StatsFilingEntity {
  @PrimaryColumn({ name: 'edition_id', type: 'uuid' })
  editionId: string;

  @PrimaryColumn({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode: string;

  @Column({ type: 'varchar', length: 16 })
  state: 'submitted';

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'jsonb' })
  values: TableValues;
}
