import {
  AccreditationState,
  DomainError,
  DomainErrorCode,
  isWithin,
  JurisdictionLevel,
  LEVEL_ORDER,
  materialKeyProblems,
  Principal,
  Role,
  UnitKind,
} from '@app/domain';
import { OrganisationEntity } from '@app/identity';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationEntity, MaterialRecord } from './application.entity';
import { WorkflowEngine } from './workflow-engine.service';

export interface CreateApplicationCommand {
  programmeId: string;
  title: string;
  materials: MaterialRecord[];
  /** the lower-level designation this application builds on when recommended upward */
  recommendedFromId?: string;
  /** for a demonstration base: the designated stations it is built on */
  stationIds?: string[];
}

/**
 * An applicant opens a draft in a programme. This use case checks that they may (jurisdiction, one open
 * application per programme, the basis of a recommendation or a base); the engine writes version 1 and the
 * CREATE history row, as it writes every change.
 */
@Injectable()
export class CreateApplicationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
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
      const organisation = await tx
        .getRepository(OrganisationEntity)
        .findOneByOrFail({ id: principal.organisationId! });
      const [orgJurisdiction, programmeJurisdiction] = await Promise.all([
        tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: organisation.jurisdictionCode }),
        tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: programme.jurisdictionCode }),
      ]);
      if (!isWithin(orgJurisdiction.path, programmeJurisdiction.path)) {
        throw new DomainError(
          DomainErrorCode.GuardFailed,
          `${organisation.name} is registered in ${orgJurisdiction.name}, outside ${programmeJurisdiction.name} which runs this programme`,
        );
      }
      const open = await tx.query(
        `SELECT reference FROM applications
          WHERE programme_id = $1 AND organisation_id = $2 AND state NOT IN ('rejected', 'withdrawn', 'revoked') LIMIT 1`,
        [programme.id, organisation.id],
      );
      if (open.length > 0) {
        throw new DomainError(
          DomainErrorCode.AlreadyExists,
          `${organisation.name} already has application ${open[0].reference} in this programme`,
          { reference: open[0].reference },
        );
      }
      await this.checkBasis(tx, organisation.id, programme, cmd);

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
          recommendedFromId: cmd.recommendedFromId ?? null,
          stationIds: cmd.stationIds ?? [],
        },
        {
          rules: {
            rubric: programme.rubric,
            panelSize: programme.panelSize,
            requiredMaterials: programme.requiredMaterials,
          },
        },
      );
      return application;
    });
  }

  /** Recommendation upward needs a lower-level designation of the same organisation; a base needs designated stations. */
  private async checkBasis(
    tx: EntityManager,
    organisationId: string,
    programme: ProgrammeEntity,
    cmd: CreateApplicationCommand,
  ) {
    if (cmd.recommendedFromId) {
      const from = await tx.getRepository(ApplicationEntity).findOneBy({ id: cmd.recommendedFromId });
      const lower = from && LEVEL_ORDER.indexOf(from.level) < LEVEL_ORDER.indexOf(programme.level as JurisdictionLevel);
      if (!from || from.organisationId !== organisationId || from.state !== AccreditationState.Designated || !lower) {
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          'recommendedFromId must be a designation of your organisation at a lower level than this programme',
          { fields: ['recommendedFromId'] },
        );
      }
    }
    if (programme.unitKind === UnitKind.Base) {
      const ids = cmd.stationIds ?? [];
      const stations = ids.length
        ? await tx
            .getRepository(ApplicationEntity)
            .findBy({ id: In(ids), unitKind: UnitKind.Station, state: AccreditationState.Designated })
        : [];
      if (ids.length === 0 || stations.length !== new Set(ids).size) {
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          'a demonstration base is built on designated demonstration stations: stationIds must list one or more of them',
          { fields: ['stationIds'] },
        );
      }
    } else if (cmd.stationIds && cmd.stationIds.length > 0) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'stationIds is only used for demonstration bases', {
        fields: ['stationIds'],
      });
    }
  }
}

function assertUniqueMaterialKeys(materials: readonly MaterialRecord[]): void {
  const problems = materialKeyProblems(materials);
  if (problems.length > 0)
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.join('; '), { fields: ['materials'] });
}
