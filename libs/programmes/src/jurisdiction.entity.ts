import { JurisdictionLevel } from '@app/domain';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A node of the jurisdiction tree: a GB/T 2260 division, a free-trade-zone area, or the national office. */
@Entity({ name: 'jurisdictions' })
export class JurisdictionEntity {
  /** GB/T 2260 six-digit code, `CN` for the national office, `<host code>-FTZ` for a free-trade-zone area */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: JurisdictionLevel;

  @Column({ name: 'is_free_trade_zone', type: 'boolean', default: false })
  isFreeTradeZone: boolean;

  @ForeignKey(() => JurisdictionEntity)
  @Column({ name: 'parent_code', type: 'varchar', length: 16, nullable: true })
  parentCode: string | null;

  /** `/CN/370000/370200/370211/`: a subtree is a prefix */
  @Index('uq_jurisdictions_path', { unique: true })
  @Column({ type: 'text' })
  path: string;
}
