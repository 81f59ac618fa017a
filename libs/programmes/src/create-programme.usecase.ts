import {
  ACCREDITATION_MACHINE_VERSION,
  DomainError,
  DomainErrorCode,
  isWithin,
  type JurisdictionLevel,
  type Principal,
  type Rubric,
  rubricProblems,
  type TimeLimits,
  timeLimitsOf,
  type UnitKind,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JurisdictionQueries } from './jurisdiction.queries';
import { ProgrammeEntity } from './programme.entity';
import { Programme } from './programme.queries';

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
}

/**
 * A regulator opens a programme in their own jurisdiction or below, with a rubric whose weights add up. The
 * programme runs on the current version of the accreditation machine.
 */
@Injectable()
export class CreateProgrammeUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly jurisdictions: JurisdictionQueries,
  ) {}

  async execute(p: Principal, input: CreateProgrammeInput): Promise<Programme> {
    const problems = rubricProblems(input.rubric);
    if (problems.length)
      throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['rubric'] });
    const j = await this.jurisdictions.known(input.jurisdictionCode, 'jurisdictionCode');
    if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath)) {
      throw new DomainError(DomainErrorCode.Forbidden, `${j.name} is outside your jurisdiction`);
    }
    return this.db.getRepository(ProgrammeEntity).save({
      ...input,
      quota: input.quota ?? null,
      validityYears: input.validityYears ?? null,
      timeLimits: timeLimitsOf(input.timeLimits),
      recheckBySecondRegulator: input.recheckBySecondRegulator ?? true,
      revisionWorkingDays: input.revisionWorkingDays === undefined ? 15 : input.revisionWorkingDays,
      revocationBarMonths: input.revocationBarMonths ?? 36,
      machineVersion: ACCREDITATION_MACHINE_VERSION,
    });
  }
}
