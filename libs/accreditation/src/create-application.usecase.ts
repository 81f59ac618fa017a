import {
  chinaDate,
  DomainError,
  DomainErrorCode,
  isWithin,
  materialKeyProblems,
  pilotApplicantProblem,
  Principal,
  ProgrammeIntake,
  Role,
  StationRule,
  stationProblem,
  UnitKind,
} from '@app/domain';
import { Clock } from '@app/platform';
import { OrganisationEntity, VerificationStatus } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationEntity, MaterialRecord } from './application.entity';
import { OrganisationBarEntity } from './organisation-bar.entity';
import { WorkflowEngine } from './workflow-engine.service';
import { assertCallAdmits } from './call-rules';

export interface CreateApplicationCommand {
  programmeId: string;
  title: string;
  materials: MaterialRecord[];
  /** for a demonstration base: the designated stations it is built on */
  stationIds?: string[];
}

/**
 * An applicant opens a draft in a programme. This use case checks that they may (the call is open and admits their
 * kind of organisation, jurisdiction, one open application per programme, the basis of a recommendation or a base)
 * and records the version of the programme's rules it runs under; the engine writes version 1 and the
 * CREATE history row, as it writes every change.
 */
@Injectable()
export class CreateApplicationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, cmd: CreateApplicationCommand): Promise<ApplicationEntity> {
    if (principal.role !== Role.Applicant || !principal.organisationId) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'only applicants create applications, for their own organisation',
      );
    }
    assertUniqueMaterialKeys(cmd.materials);
    return this.db.transaction(async (tx) => {
      const programme = await tx
        .getRepository(ProgrammeEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id: cmd.programmeId })
        .getOne();
      if (!programme) {
        throw new DomainError(DomainErrorCode.ValidationFailed, `programmeId ${cmd.programmeId} does not exist`, {
          fields: ['programmeId'],
        });
      }
      if (programme.intake === ProgrammeIntake.Recommendation) {
        throw new DomainError(
          DomainErrorCode.RecommendationOnly,
          `${programme.code} takes candidates recommended by the bureaus of the level below, not applications: ask the market-regulation bureau that designated your unit to recommend it`,
          { programmeId: programme.id, intake: programme.intake },
        );
      }
      const organisation = await tx
        .getRepository(OrganisationEntity)
        .findOneByOrFail({ id: principal.organisationId! });
      if (organisation.verificationStatus !== VerificationStatus.Verified) {
        throw new DomainError(
          DomainErrorCode.OrganisationNotVerified,
          `${organisation.name} is ${organisation.verificationStatus}: a regulator of its jurisdiction must verify it (实名认证) before it can apply`,
          { verificationStatus: organisation.verificationStatus },
        );
      }
      // a barred organisation hears of its bar first: the call's window and kinds come after
      await assertNotBarred(tx, organisation, chinaDate(this.clock.now()));
      assertCallAdmits(programme, organisation, this.clock.now());
      // one statement at a time on the transaction's connection
      const orgJurisdiction = await tx
        .getRepository(JurisdictionEntity)
        .findOneByOrFail({ code: organisation.jurisdictionCode });
      const programmeJurisdiction = await tx
        .getRepository(JurisdictionEntity)
        .findOneByOrFail({ code: programme.jurisdictionCode });
      if (!isWithin(orgJurisdiction.path, programmeJurisdiction.path)) {
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `${organisation.name} is registered in ${orgJurisdiction.name}, outside ${programmeJurisdiction.name} which runs this programme`,
        );
      }
      // a pilot region is applied for by a city or county government, and a government applies for nothing else
      const applicantProblem = pilotApplicantProblem(programme.unitKind, organisation.kind, orgJurisdiction.level);
      if (applicantProblem) {
        throw new DomainError(DomainErrorCode.NotEligible, `${organisation.name}: ${applicantProblem}`, {
          rule: 'pilot_applicant',
          organisationKind: organisation.kind,
        });
      }
      const open = await tx.query(
        `SELECT reference FROM applications
          WHERE programme_id = $1 AND organisation_id = $2 AND state NOT IN ('rejected', 'withdrawn', 'revoked', 'lapsed', 'expired') LIMIT 1`,
        [programme.id, organisation.id],
      );
      if (open.length > 0) {
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `${organisation.name} already has application ${open[0].reference} in this programme`,
          { reference: open[0].reference },
        );
      }
      await this.checkBasis(tx, programme, cmd);

      programme.applicationSeq += 1;
      await tx.update(ProgrammeEntity, { id: programme.id }, { applicationSeq: programme.applicationSeq });
      const { application } = await this.engine.create(
        tx,
        principal,
        {
          reference: `${programme.code}-${String(programme.applicationSeq).padStart(6, '0')}`,
          programmeId: programme.id,
          organisationId: organisation.id,
          jurisdictionCode: orgJurisdiction.code,
          jurisdictionPath: orgJurisdiction.path,
          unitKind: programme.unitKind,
          level: programme.level,
          title: cmd.title,
          materials: cmd.materials,
          recommendedFromId: null,
          stationIds: cmd.stationIds ?? [],
          programmeVersion: programme.rulesVersion,
        },
        {
          rules: {
            rubric: programme.rubric,
            panelSize: programme.panelSize,
            requiredMaterials: programme.requiredMaterials,
            recheckBySecondRegulator: programme.recheckBySecondRegulator,
          },
        },
        { machineVersion: programme.machineVersion },
      );
      return application;
    });
  }

  /** A base needs designated stations, at least the programme's minimum; no other kind names any. */
  private async checkBasis(tx: EntityManager, programme: ProgrammeEntity, cmd: CreateApplicationCommand) {
    if (programme.unitKind === UnitKind.Base) {
      await this.checkStations(tx, programme, cmd.stationIds ?? []);
    } else if (cmd.stationIds && cmd.stationIds.length > 0) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'stationIds is only used for demonstration bases', {
        fields: ['stationIds'],
      });
    }
  }

  /**
   * A base is built on one or more demonstration stations, each designated, valid today and inside the base
   * programme's jurisdiction (eligibility.util's stationProblem). Unknown ids are the client's mistake (400); a
   * station that breaks a rule is 422 NOT_ELIGIBLE naming the rule and listing every station and its problem.
   */
  private async checkStations(tx: EntityManager, programme: ProgrammeEntity, ids: string[]) {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length !== ids.length) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        unique.length === 0
          ? 'a demonstration base is built on designated demonstration stations: stationIds must list one or more of them'
          : 'stationIds lists a station twice',
        { fields: ['stationIds'] },
      );
    }
    const least = programme.minStations ?? 1;
    if (unique.length < least) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        `stationIds lists ${unique.length} station(s); ${programme.code} builds a base on at least ${least}`,
        { fields: ['stationIds'], minStations: least },
      );
    }
    const found = await tx.getRepository(ApplicationEntity).findBy({ id: In(unique) });
    const missing = unique.filter((id) => !found.some((s) => s.id === id));
    if (missing.length > 0) {
      throw new DomainError(DomainErrorCode.ValidationFailed, `stationIds: no station ${missing.join(', ')}`, {
        fields: ['stationIds'],
      });
    }
    const programmePath = (
      await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode })
    ).path;
    const today = chinaDate(this.clock.now());
    // in the order the applicant listed them
    const refused = unique
      .map((id) => found.find((s) => s.id === id)!)
      .map((s) => ({ station: s, rule: stationProblem(s, programmePath, today) }))
      .filter((r): r is { station: ApplicationEntity; rule: StationRule } => r.rule !== null);
    if (refused.length > 0) {
      const why: Record<StationRule, string> = {
        station_designated: 'is not a designated demonstration station',
        station_valid: 'is no longer valid',
        station_in_jurisdiction: `is outside ${programme.jurisdictionCode}, which runs this programme`,
      };
      throw new DomainError(
        DomainErrorCode.NotEligible,
        refused.map((r) => `station ${r.station.reference} ${why[r.rule]}`).join('; '),
        {
          rule: refused[0].rule,
          fields: ['stationIds'],
          stations: refused.map((r) => ({ id: r.station.id, reference: r.station.reference, rule: r.rule })),
        },
      );
    }
  }
}

function assertUniqueMaterialKeys(materials: readonly MaterialRecord[]): void {
  const problems = materialKeyProblems(materials);
  if (problems.length > 0)
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['materials'] });
}

/** A revoked title bars its organisation from new applications until the bar's last day (inclusive). */
async function assertNotBarred(tx: EntityManager, organisation: OrganisationEntity, today: string): Promise<void> {
  const bar = await tx
    .getRepository(OrganisationBarEntity)
    .createQueryBuilder('b')
    .where('b.organisation_id = :id AND b.barred_until >= :today', { id: organisation.id, today })
    .orderBy('b.barred_until', 'DESC')
    .getOne();
  if (bar) {
    throw new DomainError(
      DomainErrorCode.OrganisationBarred,
      `${organisation.name} may not apply until ${bar.barredUntil} (inclusive): its title was revoked${bar.penaltyReference ? ` (administrative penalty ${bar.penaltyReference})` : ''}`,
      { barredUntil: bar.barredUntil, revokedApplicationId: bar.applicationId, penaltyReference: bar.penaltyReference },
    );
  }
}
