import { JurisdictionLevel, ProgrammeIntake, type Rubric, type TimeLimits, timeLimitsOf, UnitKind } from '@app/domain';
import { OrganisationKind } from '@app/identity';
import { type Programme, type ProgrammeVersion, type RuleChange } from '@app/programmes';
import { ApiProperty } from '@nestjs/swagger';

const limit = (description: string) =>
  ApiProperty({ type: 'integer', nullable: true, description: `${description}; working days, null = no limit` });

/** Working days allowed per step. */
export class TimeLimitsView implements TimeLimits {
  @limit('初审 preliminary review') preliminaryReview: number | null;
  @limit('退回补正: the applicant answers') revisionRequested: number | null;
  @limit('复核 recheck') recheck: number | null;
  @limit('验收 acceptance') acceptance: number | null;
  @limit('公示期满 → 认定') noticeClosed: number | null;
  @limit('经办 verification of a payment') disbursementVerify: number | null;
  @limit('审批 approval of a payment') disbursementApprove: number | null;
}

/** A programme: who designates which title, with the rubric, notice length and quota. */
export class ProgrammeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'QDFTZ-2026' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the issuing bureau' }) jurisdictionCode: string;
  @ApiProperty({ enum: UnitKind }) unitKind: UnitKind;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'dimensions (key, name, weight, maxScore) and passMark',
  })
  rubric: Rubric;
  @ApiProperty({ type: 'integer' }) panelSize: number;
  @ApiProperty({ type: [String] }) requiredMaterials: string[];
  @ApiProperty({ type: 'integer', description: 'length of the public notice in working days' })
  noticeWorkingDays: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'most designations; null = no quota' }) quota:
    number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'years a title is valid; null = until revoked' })
  validityYears: number | null;
  @ApiProperty({ type: () => TimeLimitsView, description: 'working days allowed per step (the due dates of 待办)' })
  timeLimits: TimeLimits;
  @ApiProperty({ description: '复核 by a regulator other than the one who passed 初审' })
  recheckBySecondRegulator: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'working days to resubmit a returned application before it lapses; null: no deadline',
  })
  revisionWorkingDays: number | null;
  @ApiProperty({ type: 'integer', description: 'months a revoked title bars its organisation; 0: no bar' })
  revocationBarMonths: number;
  @ApiProperty({
    enum: ProgrammeIntake,
    description: 'open: applicants apply; recommendation: candidates come from the bureaus of the level below',
  })
  intake: ProgrammeIntake;
  @ApiProperty({ type: 'integer', nullable: true, description: 'fewest candidates per recommending bureau' })
  minCandidates: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'most candidates per recommending bureau' })
  maxCandidates: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'a base programme: fewest stations a base is built on' })
  minStations: number | null;
  @ApiProperty({ type: 'integer', description: 'last application sequence number handed out' }) applicationSeq: number;
  @ApiProperty({ description: 'the version of the accreditation machine its applications run on' })
  machineVersion: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'the call opens (applications opened, submitted)' })
  opensAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'the call closes (exclusive)' })
  closesAt: Date;
  @ApiProperty({ enum: OrganisationKind, isArray: true, description: 'the kinds of organisation that may apply' })
  eligibleOrganisationKinds: OrganisationKind[];
  @ApiProperty({ type: 'integer', description: "the current version of the programme's rules" })
  rulesVersion: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(p: Programme): ProgrammeView {
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      jurisdictionCode: p.jurisdictionCode,
      unitKind: p.unitKind,
      level: p.level,
      year: p.year,
      rubric: p.rubric,
      panelSize: p.panelSize,
      requiredMaterials: p.requiredMaterials,
      noticeWorkingDays: p.noticeWorkingDays,
      quota: p.quota,
      validityYears: p.validityYears,
      timeLimits: timeLimitsOf(p.timeLimits),
      recheckBySecondRegulator: p.recheckBySecondRegulator,
      revisionWorkingDays: p.revisionWorkingDays,
      revocationBarMonths: p.revocationBarMonths,
      intake: p.intake,
      minCandidates: p.minCandidates,
      maxCandidates: p.maxCandidates,
      minStations: p.minStations,
      applicationSeq: p.applicationSeq,
      machineVersion: p.machineVersion,
      opensAt: p.opensAt,
      closesAt: p.closesAt,
      eligibleOrganisationKinds: p.eligibleOrganisationKinds as OrganisationKind[],
      rulesVersion: p.rulesVersion,
      createdAt: p.createdAt,
    };
  }
}

/** One rule a version changed; the values as JSON text (a number, a flag, a date-time, a list, a rubric...). */
export class RuleChangeView {
  @ApiProperty({ example: 'noticeWorkingDays' }) field: string;
  @ApiProperty({ example: '5', description: 'the value before, as JSON' }) before: string;
  @ApiProperty({ example: '7', description: 'the value after, as JSON' }) after: string;

  static of(c: RuleChange): RuleChangeView {
    return { field: c.field, before: JSON.stringify(c.before), after: JSON.stringify(c.after) };
  }
}

/** One version of a programme's rules: who wrote it, when, why, what changed and every rule as it then stood. */
export class ProgrammeVersionView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: written by a migration' })
  createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: [RuleChangeView], description: 'empty for version 1' }) changes: RuleChangeView[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'every rule as it stands in this version' })
  rules: Record<string, unknown>;

  static of(v: ProgrammeVersion): ProgrammeVersionView {
    return {
      version: v.version,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      reason: v.reason,
      changes: v.changes.map(RuleChangeView.of),
      rules: { ...v.rules },
    };
  }
}

/** A programme with the versions of its rules, oldest first. */
export class ProgrammeDetailView extends ProgrammeView {
  @ApiProperty({ type: [ProgrammeVersionView] }) versions: ProgrammeVersionView[];

  static withVersions(p: Programme, versions: ProgrammeVersion[]): ProgrammeDetailView {
    return { ...ProgrammeView.of(p), versions: versions.map(ProgrammeVersionView.of) };
  }
}
