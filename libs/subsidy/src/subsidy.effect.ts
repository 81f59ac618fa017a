import { SYSTEM_PRINCIPAL, TransitionContext, TransitionEffect } from '@app/accreditation';
import {
  AccreditationEventType as E,
  DISBURSEMENT_OPEN_STATES,
  DisbursementEventType,
  DisbursementState,
  DomainError,
  DomainErrorCode,
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
 * second one impossible); REVOKE and a failed re-inspection (FAIL_REINSPECTION), which end the title, cancel
 * whatever is not yet paid. A payment in flight (`paying`) is never cancelled: the title's end is refused with
 * PAYMENT_IN_FLIGHT until the bank answers (then a paid grant stays paid, a failed one is cancelled). An expired
 * title keeps its grant: it was earned while the title was valid. Given to the engine as a transition effect in
 * libs/contexts/src/contexts.module.ts.
 */
@Injectable()
export class SubsidyEffect implements TransitionEffect {
  constructor(private readonly disbursements: DisbursementEngine) {}

  async apply(tx: EntityManager, t: TransitionContext): Promise<void> {
    if (t.event.type === E.Designate) await this.entitle(tx, t);
    if (t.event.type === E.Revoke || t.event.type === E.FailReinspection) await this.cancelOpen(tx, t);
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
    // the application row is locked by the engine, and a payment starts only from an approved disbursement
    const inFlight = await tx.getRepository(DisbursementEntity).find({
      select: { id: true, reference: true },
      where: { applicationId: t.application.id, state: DisbursementState.Paying },
    });
    if (inFlight.length > 0) {
      throw new DomainError(
        DomainErrorCode.PaymentInFlight,
        `${t.command.type} refused: subsidy payment ${inFlight.map((d) => d.reference).join(', ')} is in flight; the title can end once the bank has answered (a failed payment is then cancelled, a paid one stays paid)`,
        { disbursementIds: inFlight.map((d) => d.id) },
      );
    }
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
          reason:
            t.event.type === E.FailReinspection
              ? `re-inspection failed: ${t.command.reason ?? ''}`.trim()
              : `title revoked: ${t.command.reason ?? ''}`.trim(),
        },
        null,
      );
    }
    if (open.length) t.payload.cancelledDisbursements = open.map((d) => d.id);
  }
}
