import { JurisdictionLevel, ProgrammeIntake, type Rubric, type TimeLimits, UnitKind } from '@app/domain';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { JurisdictionEntity } from './jurisdiction.entity';

/** What a bureau runs in a year: who may apply for which title, how it is scored, how long the notice runs. */
@Entity({ name: 'programmes' })
@Check(
  'ck_programmes_intake',
  `intake IN ('open','recommendation') AND (min_candidates IS NULL OR min_candidates >= 1) AND (max_candidates IS NULL OR max_candidates >= coalesce(min_candidates, 1)) AND (min_stations IS NULL OR min_stations >= 1)`,
)
@Check('ck_programmes_numbers', 'panel_size > 0 AND notice_working_days > 0 AND (quota IS NULL OR quota > 0)')
@Check('ck_programmes_call_window', 'closes_at > opens_at')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** short stable code, also the prefix of application references, e.g. `QDFTZ-2026` */
  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** the issuing bureau's jurisdiction; applicants must be inside it */
  @ForeignKey(() => JurisdictionEntity)
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'unit_kind', type: 'varchar', length: 16 })
  unitKind: UnitKind;

  @Column({ type: 'varchar', length: 16 })
  level: JurisdictionLevel;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'jsonb' })
  rubric: Rubric;

  @Column({ name: 'panel_size', type: 'int' })
  panelSize: number;

  @Column({ name: 'required_materials', type: 'jsonb' })
  requiredMaterials: string[];

  @Column({ name: 'notice_working_days', type: 'int' })
  noticeWorkingDays: number;

  /** most designations the programme may make; null = no quota */
  @Column({ type: 'int', nullable: true })
  quota: number | null;

  /** how long a title is valid, in years; null = until revoked */
  @Column({ name: 'validity_years', type: 'int', nullable: true })
  validityYears: number | null;

  /**
   * working days allowed per step (初审, 复核, 验收, ...; see TimeLimits): the due dates of the to-do lists. Read
   * through timeLimitsOf, which fills in the defaults for a step a row does not name.
   */
  @Column({ name: 'time_limits', type: 'jsonb', default: () => "'{}'" })
  timeLimits: Partial<TimeLimits>;
  /** 复核 by a regulator other than the one who passed 初审 (on by default) */
  @Column({ name: 'recheck_by_second_regulator', type: 'boolean', default: true })
  recheckBySecondRegulator: boolean;

  /** working days an applicant has to resubmit a returned application before it lapses; null = no deadline */
  @Column({ name: 'revision_working_days', type: 'int', nullable: true, default: 15 })
  revisionWorkingDays: number | null;

  /** months an organisation whose title was revoked may not apply again (0: no bar) */
  @Column({ name: 'revocation_bar_months', type: 'int', default: 36 })
  revocationBarMonths: number;

  /** open: applicants apply; recommendation: candidates come from the bureaus of the level below */
  @Column({ type: 'varchar', length: 16, default: ProgrammeIntake.Open })
  intake: ProgrammeIntake;

  /** a recommendation programme: fewest candidates a recommending bureau submits (null: one) */
  @Column({ name: 'min_candidates', type: 'int', nullable: true })
  minCandidates: number | null;

  /** a recommendation programme: most candidates per recommending bureau (null: no maximum) */
  @Column({ name: 'max_candidates', type: 'int', nullable: true })
  maxCandidates: number | null;

  /** a base programme: fewest designated stations a base is built on (null: one) */
  @Column({ name: 'min_stations', type: 'int', nullable: true })
  minStations: number | null;

  /** last application sequence number handed out, for references */
  @Column({ name: 'application_seq', type: 'int', default: 0 })
  applicationSeq: number;

  @Column({ name: 'machine_version', type: 'varchar', length: 32 })
  machineVersion: string;

  /** the call (申报): applications are opened and submitted from this instant (China time as the bureau gave it) */
  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  /** ... until this instant, exclusive; a revision asked for on an application submitted in time may come later */
  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  /** the kinds of organisation that may apply (identity's OrganisationKind), inside what the unit kind allows */
  @Column({ name: 'eligible_organisation_kinds', type: 'text', array: true })
  eligibleOrganisationKinds: string[];

  /** the current version of the programme's rules (programme_versions); each change of rules adds one */
  @Column({ name: 'rules_version', type: 'int', default: 1 })
  rulesVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
