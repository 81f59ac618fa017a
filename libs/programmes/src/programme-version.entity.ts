import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import type { ProgrammeRules, RuleChange } from './programme-rules';

/**
 * Append-only (a database trigger refuses UPDATE and DELETE): one row per version of a programme's rules, version 1
 * when it is created, one more each time a regulator changes them, with who, when, why and what changed.
 */
@Entity({ name: 'programme_versions' })
@Unique('uq_programme_versions_programme_version', ['programmeId', 'version'])
export class ProgrammeVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ProgrammeEntity, { name: 'FK_programme_versions_programme' })
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @Column({ type: 'int' })
  version: number;

  /** every rule as it stands in this version */
  @Column({ type: 'jsonb' })
  rules: ProgrammeRules;

  /** the rules this version changed, before and after (empty for version 1) */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: RuleChange[];

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** the regulator who wrote it; null for version 1 written by the migration of older programmes */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
