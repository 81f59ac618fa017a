import { formatYuan } from '@app/domain';
import { JobPayloads, JobName } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { applicationRules, disbursementRules, invitationRules } from './notification-rules.util';
import { EventToNotify, NotificationWriter } from './notification.writer';

interface HistoryRow {
  event: string;
  to_state: string;
  actor_id: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

/** Events whose reason the applicant reads (a ruling's reason may speak of the objector: it stays out). */
const REASONED = new Set(['REQUEST_REVISION', 'REJECT', 'REVOKE', 'WITHDRAW', 'PAYMENT_FAILED', 'CANCEL']);

/**
 * The notify-event job: one history row of an application or a disbursement becomes its notifications (and their
 * e-mail jobs, through the outbox) in one transaction. Redelivered, it finds its event key recorded and does nothing.
 */
@Injectable()
export class ProduceNotificationsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly writer: NotificationWriter,
  ) {}

  /** Answers how many notifications were written. */
  async execute(job: JobPayloads[JobName.NotifyEvent]): Promise<number> {
    return this.db.transaction(async (tx) => {
      const event =
        job.chain === 'application'
          ? await this.applicationEvent(tx, job.aggregateId, job.version)
          : job.chain === 'invitation'
            ? await this.invitationEvent(tx, job.aggregateId, job.version)
            : await this.disbursementEvent(tx, job.aggregateId, job.version);
      return event ? this.writer.write(tx, event) : 0;
    });
  }

  private async applicationEvent(tx: EntityManager, id: string, version: number): Promise<EventToNotify | null> {
    // the history row and the application in one round trip
    const [h]: (HistoryRow & {
      reference: string;
      title: string;
      organisation_id: string;
      jurisdiction_code: string;
    })[] = await tx.query(
      `SELECT h.event, h.to_state, h.actor_id, h.reason, h.payload, h.at,
                a.reference, a.title, a.organisation_id, a.jurisdiction_code
           FROM application_history h JOIN applications a ON a.id = h.application_id
          WHERE h.application_id = $1 AND h.version = $2`,
      [id, version],
    );
    if (!h) return null;
    const a = h;
    let objectorContact: string | null = null;
    if (h.event === 'FILE_OBJECTION' && typeof h.payload.objectionId === 'string') {
      const [o]: { filer_contact: string }[] = await tx.query(`SELECT filer_contact FROM objections WHERE id = $1`, [
        h.payload.objectionId,
      ]);
      objectorContact = o?.filer_contact ?? null;
    }
    let viaInvitation = false;
    if (h.event === 'ASSIGN_EVALUATOR' && typeof h.payload.evaluatorId === 'string') {
      const [i] = await tx.query(
        `SELECT 1 FROM evaluator_invitations WHERE application_id = $1 AND evaluator_id = $2 AND status = 'accepted'`,
        [id, h.payload.evaluatorId],
      );
      viaInvitation = i !== undefined;
    }
    const rules = applicationRules({
      event: h.event,
      toState: h.to_state,
      organisationId: a.organisation_id,
      jurisdictionCode: a.jurisdiction_code,
      payload: h.payload,
      objectorContact,
      viaInvitation,
    });
    return {
      eventKey: `application.${id}.${version}`,
      subjectType: 'application',
      subjectId: id,
      link: `/applications/${id}`,
      actorId: h.actor_id,
      rules,
      data: {
        reference: a.reference,
        title: a.title,
        event: h.event,
        reason: REASONED.has(h.event) ? h.reason : null,
        decision: h.event === 'RULE_OBJECTION' ? (h.payload.decision as 'upheld' | 'dismissed') : undefined,
        filedAt: h.event === 'FILE_OBJECTION' ? new Date(h.at) : undefined,
      },
    };
  }

  /** An invitation's event: version 1 its invitation, 2 its answer or expiry (ExpertInvitationsUseCase). */
  private async invitationEvent(tx: EntityManager, id: string, version: number): Promise<EventToNotify | null> {
    const [h]: {
      event: string;
      actor_id: string | null;
      reason: string | null;
      application_id: string;
      evaluator_id: string;
      invited_by: string;
      respond_by: Date;
      reference: string;
      title: string;
    }[] = await tx.query(
      `SELECT h.event, h.actor_id, h.reason, h.application_id, i.evaluator_id, i.invited_by, i.respond_by, a.reference, a.title
         FROM invitation_history h JOIN evaluator_invitations i ON i.id = h.invitation_id
         JOIN applications a ON a.id = h.application_id
        WHERE h.invitation_id = $1 AND (h.event = 'evaluator.invited') = ($2::int = 1)
        ORDER BY h.at LIMIT 1`,
      [id, version],
    );
    if (!h) return null;
    const invited = h.event === 'evaluator.invited';
    return {
      eventKey: `invitation.${id}.${version}`,
      subjectType: 'application',
      subjectId: h.application_id,
      // the evaluator answers on their invitation (the dossier stays hidden until they accept)
      link: invited ? `/evaluator-invitations/${id}` : `/applications/${h.application_id}`,
      actorId: h.actor_id,
      rules: invitationRules({ event: h.event, evaluatorId: h.evaluator_id, invitedBy: h.invited_by }),
      data: {
        reference: h.reference,
        title: h.title,
        event: h.event,
        // a decline's reason may name a conflict with the applicant: the regulator who replaces may read it
        reason: invited ? null : h.reason,
        dueAt: invited ? new Date(h.respond_by) : undefined,
      },
    };
  }

  private async disbursementEvent(tx: EntityManager, id: string, version: number): Promise<EventToNotify | null> {
    // the history row and the disbursement in one round trip
    const [h]: (HistoryRow & {
      application_id: string;
      organisation_id: string;
      amount_fen: string;
      paying: string;
      reference: string;
      title: string;
    })[] = await tx.query(
      `SELECT h.event, h.to_state, h.actor_id, h.reason, h.payload, h.at,
              d.application_id, d.organisation_id, d.amount_fen, p.paying_jurisdiction_code AS paying, a.reference, a.title
         FROM disbursement_history h JOIN disbursements d ON d.id = h.disbursement_id
         JOIN subsidy_policies p ON p.id = d.policy_id JOIN applications a ON a.id = d.application_id
        WHERE h.disbursement_id = $1 AND h.version = $2`,
      [id, version],
    );
    if (!h) return null;
    const d = h;
    const rules = disbursementRules({
      event: h.event,
      toState: h.to_state,
      organisationId: d.organisation_id,
      payingJurisdictionCode: d.paying,
    });
    // finance works on the disbursement; the applicant sees its subsidy on the application
    const forFinance = rules.some((r) => r.audience.type === 'finance');
    return {
      eventKey: `disbursement.${id}.${version}`,
      subjectType: 'disbursement',
      subjectId: id,
      link: forFinance ? `/finance/disbursements/${id}` : `/applications/${d.application_id}`,
      actorId: h.actor_id,
      rules,
      data: {
        reference: d.reference,
        title: d.title,
        event: h.event,
        reason: REASONED.has(h.event) ? h.reason : null,
        amountYuan: formatYuan(Number(d.amount_fen)),
      },
    };
  }
}
