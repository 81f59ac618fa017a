import { ProgrammeEntity } from '@app/programmes';
import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A province's ranked list of the pilot applications it forwards to the national office (初步审核, 择优上报): the
 * applications of its subtree that passed its re-check, best first. Submitted once per programme and province;
 * `submitted_at` after the call's pre-review day makes it late.
 */
@Entity({ name: 'pilot_rankings' })
@Unique('uq_pilot_rankings_programme_province', ['programmeId', 'provinceCode'])
export class PilotRankingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_pilot_rankings' })
  id: string;

  @ForeignKey(() => ProgrammeEntity, { name: 'FK_pilot_rankings_programme' })
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId: string;

  @Column({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode: string;

  /** the forwarded applications, best first */
  @Column({ name: 'application_ids', type: 'uuid', array: true })
  applicationIds: string[];

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}

/**
 * SQL: where the pilot application `a` (an alias of applications) stands with its province's ranked list — 'ranked',
 * 'left_off' (the province's list went up without it) or 'awaiting' (no list from its province yet). The province is
 * the second level of the application's path (`/CN/370000/…`).
 */
export const pilotRankingSql = (a: string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM pilot_rankings pr WHERE pr.programme_id = ${a}.programme_id AND ${a}.id = ANY(pr.application_ids)) THEN 'ranked'
        WHEN EXISTS (SELECT 1 FROM pilot_rankings pr WHERE pr.programme_id = ${a}.programme_id AND pr.province_code = split_part(${a}.jurisdiction_path, '/', 3)) THEN 'left_off'
        ELSE 'awaiting' END`;
