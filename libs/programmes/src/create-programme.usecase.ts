import {
  ACCREDITATION_MACHINE_VERSION,
  DomainError,
  DomainErrorCode,
  isWithin,
  ProgrammeIntake,
  type JurisdictionLevel,
  type Principal,
  type Rubric,
  chinaYearStart,
  KINDS_FOR_UNIT,
  type TimeLimits,
  timeLimitsOf,
  UnitKind,
} from '@app/domain';
import { Clock } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JurisdictionQueries } from './jurisdiction.queries';
import { ProgrammeEntity } from './programme.entity';
import { Programme } from './programme.queries';
import { rulesOf } from './programme-rules';
import { assertRulesHold, writeFirstVersion } from './change-programme-rules.usecase';

export interface CreateProgrammeInput {
  code: string;
  name: string;
  jurisdictionCode: string;
  unitKind: UnitKind;
  level: JurisdictionLevel;
  year: number;
  rubric: Rubric;
  panelSize: number;
  requiredMaterials: string[];
  noticeWorkingDays: number;
  quota?: number | null;
  validityYears?: number | null;
  /** working days per step; a step not given gets the default (DEFAULT_TIME_LIMITS) */
  timeLimits?: Partial<TimeLimits>;
  /** 复核 by a regulator other than the one who passed 初审; on unless told */
  recheckBySecondRegulator?: boolean;
  /** working days to resubmit a returned application before it lapses; 15 unless told, null: no deadline */
  revisionWorkingDays?: number | null;
  /** months a revoked title bars its organisation from applying; 36 unless told, 0: no bar */
  revocationBarMonths?: number;
  /** open (the default) or recommendation from the level below */
  intake?: ProgrammeIntake;
  minCandidates?: number | null;
  maxCandidates?: number | null;
  /** a base programme: fewest stations (one unless told) */
  minStations?: number | null;
  /**
   * the call: applications are opened and submitted from opensAt up to closesAt; unless told, it opens when the
   * programme is created and closes at the end of the programme's year (China time)
   */
  opensAt?: Date;
  closesAt?: Date;
  /** the kinds of organisation that may apply; all those the unit kind allows unless told */
  eligibleOrganisationKinds?: string[];
}

/**
 * A regulator opens a programme in their own jurisdiction or below, with a rubric whose weights add up, its call
 * window and the kinds of organisation that may apply. The programme runs on the current version of the
 * accreditation machine; its rules are version 1.
 */
@Injectable()
export class CreateProgrammeUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly jurisdictions: JurisdictionQueries,
    private readonly clock: Clock,
  ) {}

  async execute(p: Principal, input: CreateProgrammeInput): Promise<Programme> {
    const intake = input.intake ?? ProgrammeIntake.Open;
    const counts = [input.minCandidates, input.maxCandidates].some((n) => n !== undefined && n !== null);
    if (intake !== ProgrammeIntake.Recommendation && counts) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        'minCandidates and maxCandidates are settings of a recommendation programme (intake recommendation)',
        { fields: ['minCandidates', 'maxCandidates'] },
      );
    }
    if ((input.maxCandidates ?? Infinity) < (input.minCandidates ?? 1)) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'maxCandidates must be at least minCandidates', {
        fields: ['maxCandidates'],
      });
    }
    if (input.minStations != null && input.unitKind !== UnitKind.Base) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        'minStations is a setting of a demonstration base programme',
        {
          fields: ['minStations'],
        },
      );
    }
    const j = await this.jurisdictions.known(input.jurisdictionCode, 'jurisdictionCode');
    if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath)) {
      throw new DomainError(DomainErrorCode.Forbidden, `${j.name} is outside your jurisdiction`);
    }
    const row = {
      ...input,
      quota: input.quota ?? null,
      validityYears: input.validityYears ?? null,
      timeLimits: timeLimitsOf(input.timeLimits),
      recheckBySecondRegulator: input.recheckBySecondRegulator ?? true,
      revisionWorkingDays: input.revisionWorkingDays === undefined ? 15 : input.revisionWorkingDays,
      revocationBarMonths: input.revocationBarMonths ?? 36,
      intake,
      minCandidates: input.minCandidates ?? null,
      maxCandidates: input.maxCandidates ?? null,
      minStations: input.minStations ?? null,
      eligibleOrganisationKinds: input.eligibleOrganisationKinds ?? [...KINDS_FOR_UNIT[input.unitKind]],
      machineVersion: ACCREDITATION_MACHINE_VERSION,
      rulesVersion: 1,
      opensAt: input.opensAt ?? this.clock.now(),
      closesAt: input.closesAt ?? chinaYearStart(input.year + 1),
    };
    assertRulesHold(input.year, input.unitKind, rulesOf(row));
    return this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(ProgrammeEntity).save(row);
      await writeFirstVersion(tx, saved, p.id);
      return saved;
    });
  }
}
