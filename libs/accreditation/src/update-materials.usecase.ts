import { AccreditationState, canSeeApplication, DomainError, DomainErrorCode, Principal, Role } from '@app/domain';
import { Clock } from '@app/platform';
import { ProgrammeEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationEntity, MaterialRecord } from './application.entity';
import { assertUniqueMaterialKeys } from './create-application.usecase';
import { WorkflowEngine } from './workflow-engine.service';

const EDITABLE: readonly AccreditationState[] = [AccreditationState.Draft, AccreditationState.RevisionRequested];

/** The applicant replaces the material list while the application is in their hands (draft or returned). */
@Injectable()
export class UpdateMaterialsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, principal: Principal, materials: MaterialRecord[], expectedVersion: number | null): Promise<ApplicationEntity> {
    if (expectedVersion === null) {
      throw new DomainError(DomainErrorCode.VersionRequired, 'version is required: send the version you last read, as a "version" field or an If-Match header');
    }
    assertUniqueMaterialKeys(materials);
    return this.db.transaction(async (tx) => {
      const app = await tx.getRepository(ApplicationEntity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      if (!app) throw new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
      const programme = await tx.getRepository(ProgrammeEntity).findOneByOrFail({ id: app.programmeId });
      if (!canSeeApplication(principal, await this.engine.scopeOf(tx, app, programme))) {
        throw new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
      }
      if (principal.role !== Role.Applicant) throw new DomainError(DomainErrorCode.Forbidden, 'only the applicant edits materials');
      if (!EDITABLE.includes(app.state)) {
        throw new DomainError(DomainErrorCode.EventNotAllowed, `materials can only be changed in draft or revision_requested, not in ${app.state}`, {
          state: app.state,
        });
      }
      if (expectedVersion !== app.version) {
        throw new DomainError(DomainErrorCode.VersionConflict, `the application changed since you read it (your version ${expectedVersion}, current version ${app.version})`, {
          currentVersion: app.version,
        });
      }
      const now = this.clock.now();
      const version = app.version + 1;
      const res = await tx.update(ApplicationEntity, { id, version: app.version }, { materials, version, updatedAt: now });
      if (res.affected !== 1) throw new DomainError(DomainErrorCode.VersionConflict, 'the application changed; reload and try again');
      await tx.getRepository(ApplicationHistoryEntity).save({
        applicationId: id,
        version,
        event: 'UPDATE_MATERIALS',
        fromState: app.state,
        toState: app.state,
        actorId: principal.id,
        actorRole: principal.role,
        reason: null,
        payload: { materials: materials.map((m) => m.key) },
        at: now,
      });
      return Object.assign(app, { materials, version, updatedAt: now });
    });
  }
}
