import { AccreditationEventType as E, Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { ApplicationEntity, MaterialRecord } from './application.entity';
import { WorkflowEngine } from './workflow-engine.service';

/**
 * The applicant replaces the material list while the application is in their hands (draft or returned): the
 * UPDATE_MATERIALS event, which keeps the state and, like every change, bumps the version and is on the record.
 */
@Injectable()
export class UpdateMaterialsUseCase {
  constructor(private readonly engine: WorkflowEngine) {}

  async execute(
    id: string,
    principal: Principal,
    materials: MaterialRecord[],
    expectedVersion: number | null,
  ): Promise<ApplicationEntity> {
    const { application } = await this.engine.fire(
      id,
      principal,
      { type: E.UpdateMaterials, materials },
      { expectedVersion },
    );
    return application;
  }
}
