import { AccreditationEventType as E, Principal } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { WorkflowEngine } from './workflow-engine.service';

export interface ObjectionFiling {
  reason: string;
  filerContact: string;
  filerName?: string;
  filerOrganisation?: string;
}

/** What the filer is answered: the objection's id, when it was received, and until when the notice runs. */
export interface ObjectionReceipt {
  id: string;
  receivedAt: Date;
  noticeEndsAt: Date | null;
}

/**
 * Anyone files an objection while the notice is open (FILE_OBJECTION through the engine: a contact and a name or an
 * organisation are required, a repeat of an earlier objection is recorded as its duplicate) and is answered with a
 * receipt only: nothing of the application, nor whether the objection repeats another (that would tell a stranger
 * who else objected).
 */
@Injectable()
export class FileObjectionUseCase {
  constructor(private readonly engine: WorkflowEngine) {}

  async execute(principal: Principal, applicationId: string, filing: ObjectionFiling): Promise<ObjectionReceipt> {
    const { application, history } = await this.engine.fire(applicationId, principal, {
      type: E.FileObjection,
      ...filing,
    });
    return {
      id: history.payload.objectionId as string,
      receivedAt: history.at,
      noticeEndsAt: application.noticeEndsAt,
    };
  }
}
