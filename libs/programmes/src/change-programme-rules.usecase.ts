import {
  callWindowProblems,
  DomainError,
  DomainErrorCode,
  isWithin,
  type Principal,
  rubricProblems,
  type TimeLimits,
  timeLimitsOf,
  type UnitKind,
  unsupportedKinds,
} from '@app/domain';
import { Clock } from '@app/platform';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, DataSource } from 'typeorm';
import { JurisdictionEntity } from './jurisdiction.entity';
import { ProgrammeEntity } from './programme.entity';
import { type ProgrammeRules, ruleChanges, rulesOf } from './programme-rules';
import { ProgrammeVersionEntity } from './programme-version.entity';
import { Programme } from './programme.queries';

/** The rules a regulator changes: those left out keep their value; `timeLimits` names only the steps it changes. */
export interface ProgrammeRulesChange {
  rubric?: ProgrammeEntity['rubric'];
  panelSize?: number;
  requiredMaterials?: string[];
  noticeWorkingDays?: number;
  timeLimits?: Partial<TimeLimits>;
  validityYears?: number | null;
  recheckBySecondRegulator?: boolean;
  revisionWorkingDays?: number | null;
  revocationBarMonths?: number;
  opensAt?: Date;
  closesAt?: Date;
  eligibleOrganisationKinds?: string[];
  /** why the rules change, kept on the version */
  reason?: string | null;
}

/**
 * The rules of a programme as one whole must hold together: the rubric's weights, a call window that closes after it
 * opens and touches the programme's year, and organisation kinds the unit kind allows. 422 naming the fields.
 */
export function assertRulesHold(year: number, unitKind: UnitKind, rules: ProgrammeRules): void {
  const rubric = rubricProblems(rules.rubric);
  if (rubric.length) throw new DomainError(DomainErrorCode.ValidationFailed, rubric.join('; '), { fields: ['rubric'] });
  const problems = callWindowProblems(year, { opensAt: new Date(rules.opensAt), closesAt: new Date(rules.closesAt) });
  const kinds = unsupportedKinds(unitKind, rules.eligibleOrganisationKinds);
  if (kinds.length > 0)
    problems.push({
      field: 'eligibleOrganisationKinds',
      message: `eligibleOrganisationKinds: a ${unitKind} programme cannot admit ${kinds.join(', ')}`,
    });
  if (rules.eligibleOrganisationKinds.length === 0)
    problems.push({
      field: 'eligibleOrganisationKinds',
      message: 'eligibleOrganisationKinds must name one kind or more',
    });
  if (problems.length > 0) {
    throw new DomainError(DomainErrorCode.GuardFailed, problems.map((p) => p.message).join('; '), {
      fields: [...new Set(problems.map((p) => p.field))],
    });
  }
}

/** Version 1 of a new programme's rules, inside the transaction that creates it. */
export async function writeFirstVersion(tx: EntityManager, programme: ProgrammeEntity, by: string | null) {
  await tx.getRepository(ProgrammeVersionEntity).insert({
    programmeId: programme.id,
    version: 1,
    rules: rulesOf(programme),
    changes: [],
    reason: null,
    createdBy: by,
    createdAt: programme.createdAt,
  });
}

/**
 * A regulator of the programme's bureau (or above) changes its rules: a new version, written beside the old ones
 * (append-only) with who, when, why and what changed, and the programme's row updated to it under a check of the
 * version read. Applications keep the version they were created under (their notice length, time limits and so on);
 * new applications take the new one. The call (window, organisation kinds) applies to the programme as it now
 * stands. A change that changes nothing writes no version.
 */
@Injectable()
export class ChangeProgrammeRulesUseCase {
  private readonly logger = new Logger(ChangeProgrammeRulesUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(p: Principal, programmeId: string, change: ProgrammeRulesChange): Promise<Programme> {
    return this.db.transaction(async (tx) => {
      const programme = await tx
        .getRepository(ProgrammeEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :programmeId', { programmeId })
        .getOne();
      if (!programme) throw new DomainError(DomainErrorCode.NotFound, `programme ${programmeId} not found`);
      const j = await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode });
      if (!p.jurisdictionPath || !isWithin(j.path, p.jurisdictionPath)) {
        throw new DomainError(DomainErrorCode.Forbidden, `${j.name} runs this programme, outside your jurisdiction`);
      }
      const before = rulesOf(programme);
      const { reason, timeLimits, opensAt, closesAt, ...rest } = change;
      const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const namedLimits = Object.fromEntries(Object.entries(timeLimits ?? {}).filter(([, v]) => v !== undefined));
      const after: ProgrammeRules = {
        ...before,
        ...given,
        timeLimits: timeLimitsOf({ ...timeLimitsOf(programme.timeLimits), ...namedLimits }),
        opensAt: opensAt ? opensAt.toISOString() : before.opensAt,
        closesAt: closesAt ? closesAt.toISOString() : before.closesAt,
      };
      assertRulesHold(programme.year, programme.unitKind, after);
      const changes = ruleChanges({ ...before, timeLimits: timeLimitsOf(before.timeLimits) }, after);
      if (changes.length === 0) return programme;

      const version = programme.rulesVersion + 1;
      const now = this.clock.now();
      const columns = {
        ...after,
        opensAt: new Date(after.opensAt),
        closesAt: new Date(after.closesAt),
        rulesVersion: version,
      };
      const updated = await tx
        .getRepository(ProgrammeEntity)
        .update({ id: programme.id, rulesVersion: programme.rulesVersion }, columns);
      if (updated.affected !== 1) {
        throw new DomainError(DomainErrorCode.VersionConflict, 'the programme changed meanwhile; reload and try again');
      }
      await tx.getRepository(ProgrammeVersionEntity).insert({
        programmeId: programme.id,
        version,
        rules: after,
        changes,
        reason: reason ?? null,
        createdBy: p.id,
        createdAt: now,
      });
      this.logger.log({ programmeId, by: p.id, version, changed: changes.map((c) => c.field) }, 'rules changed');
      return { ...programme, ...columns };
    });
  }
}
