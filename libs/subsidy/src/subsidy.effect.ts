import { SYSTEM_PRINCIPAL, TransitionContext, TransitionEffect } from '@app/accreditation';
import {
  AccreditationEventType as E,
  DISBURSEMENT_OPEN_STATES,
  DisbursementEventType,
  PolicyStatus,
  startDisbursement,
} from '@app/domain';
import { JurisdictionEntity } from '@app/programmes';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DisbursementEngine } from './disbursement-engine.service';
import { DisbursementEntity } from './disbursement.entity';
import { SubsidyPolicyEntity } from './subsidy-policy.entity';

/**
 * Money follows the title, inside the accreditation transition's own transaction: DESIGNATE creates the
 * entitlement under each active (approved) policy of the programme (the unique key on application + policy makes a
 * second one impossible); REVOKE cancels whatever is not yet paid or being paid. Given to the engine as a transition effect in libs/contexts/src/contexts.module.ts.
 */
@Injectable()
export class SubsidyEffect implements TransitionEffect {
  constructor(private readonly disbursements: DisbursementEngine) {}

  async apply(tx: EntityManager, t: TransitionContext): Promise<void> {
    if (t.event.type === E.Designate) await this.entitle(tx, t);
    if (t.event.type === E.Revoke) await this.cancelOpen(tx, t);
  }

  private async entitle(tx: EntityManager, t: TransitionContext): Promise<void> {
    // only a policy a second finance officer has approved applies, with its approved terms
    const policies = await tx
      .getRepository(SubsidyPolicyEntity)
      .findBy({ programmeId: t.programme.id, status: PolicyStatus.Active });
    const created: string[] = [];
    for (const policy of policies) {
      const payer = await tx.getRepository(JurisdictionEntity).findOneByOrFail({ code: policy.payingJurisdictionCode });
      const snapshot = startDisbursement(t.principal.id);
      // an entitlement exists once, whatever happens: a second one for the application and policy writes nothing
      const id = await this.disbursements.entitle(
        tx,
        {
          reference: `SUB-${t.application.reference}`,
          applicationId: t.application.id,
          policyId: policy.id,
          programmeId: t.programme.id,
          organisationId: t.application.organisationId,
          jurisdictionPath: payer.path,
          amountFen: policy.amountFen,
          state: snapshot.state,
          context: snapshot.context,
          createdAt: t.now,
          updatedAt: t.now,
        },
        {
          toState: snapshot.state,
          actorId: t.principal.id,
          actorRole: t.principal.role,
          reason: null,
          payload: { applicationId: t.application.id, policyId: policy.id, amountFen: policy.amountFen },
          at: t.now,
        },
      );
      if (id) created.push(id);
    }
    if (created.length) t.payload.disbursements = created;
  }

  private async cancelOpen(tx: EntityManager, t: TransitionContext): Promise<void> {
    const open = await tx.getRepository(DisbursementEntity).find({
      select: { id: true },
      where: { applicationId: t.application.id, state: In([...DISBURSEMENT_OPEN_STATES]) },
    });
    for (const d of open) {
      await this.disbursements.fireInTx(
        tx,
        d.id,
        SYSTEM_PRINCIPAL,
        {
          type: DisbursementEventType.Cancel,
          actor: SYSTEM_PRINCIPAL,
          reason: `title revoked: ${t.command.reason ?? ''}`.trim(),
        },
        null,
      );
    }
    if (open.length) t.payload.cancelledDisbursements = open.map((d) => d.id);
  }
}
