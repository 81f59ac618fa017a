import {
  AccreditationEventType as E,
  AccreditationState,
  actingProblem,
  addCalendarDays,
  avoidanceRules,
  canSeeApplication,
  chinaDate,
  DomainError,
  DomainErrorCode,
  DrawCandidate,
  drawExperts,
  DrawSeat,
  isExpertiseField,
  Principal,
  Role,
  startOfChinaDay,
  timeLimitsOf,
} from '@app/domain';
import { principalOf, UserEntity } from '@app/identity';
import { Clock, exclusively } from '@app/platform';
import { ProgrammeEntity, WorkingCalendarService } from '@app/programmes';
import { expireInvitationJob, notifyEventJob, writeOutbox } from '@app/queue';
import { WorkItemsWriter } from '@app/worklist';
import { EnvironmentVariables } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, randomBytes } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { SYSTEM_PRINCIPAL } from './close-notice.usecase';
import { EvaluatorInvitationEntity, InvitationStatus } from './evaluator-invitation.entity';
import { ExpertDrawEntity } from './expert-draw.entity';
import { assertInExpertPool } from './expert-pool.usecase';
import { InvitationEvent, InvitationHistoryEntity } from './invitation-history.entity';
import { WorkflowEngine } from './workflow-engine.service';

/** An invitation as its reader sees it (the evaluator: what they need to answer, never the dossier). */
export interface InvitationRecord {
  id: string;
  applicationId: string;
  applicationReference: string;
  applicationTitle: string;
  /** the applicant, so the evaluator can tell whether they have a conflict */
  applicantName: string;
  programmeName: string;
  evaluatorId: string;
  evaluatorName: string;
  drawId: string | null;
  field: string | null;
  replacesId: string | null;
  status: InvitationStatus;
  invitedBy: string;
  invitedAt: Date;
  respondBy: Date;
  respondedAt: Date | null;
  conflict: boolean;
  reason: string | null;
}

/** The work items' subject kind (and step) of an evaluator's invitation. */
export const INVITATION_SUBJECT = 'invitation';

/**
 * An invitation has at most two events, the invitation and its end (an answer or the expiry): the notify job's
 * version tells them apart (libs/notifications reads the row back by it).
 */
export function invitationEventVersion(event: InvitationEvent): number {
  return event === InvitationEvent.Invited ? 1 : 2;
}

/** An application being staffed: its row, its programme and the programme's jurisdiction path. */
type Candidacy = ApplicationEntity & { programme: ProgrammeEntity; programmePath: string };

export interface DrawResult {
  draw: ExpertDrawEntity;
  invitations: InvitationRecord[];
}

export type ExpireOutcome =
  { kind: 'expired' } | { kind: 'not-yet'; respondBy: Date } | { kind: 'nothing-to-do'; why: string };

const RECORD_SQL = `SELECT i.id, i.application_id AS "applicationId", a.reference AS "applicationReference",
        a.title AS "applicationTitle", o.name AS "applicantName", pr.name AS "programmeName",
        i.evaluator_id AS "evaluatorId", u.display_name AS "evaluatorName", i.draw_id AS "drawId", i.field,
        i.replaces_id AS "replacesId", i.status, i.invited_by AS "invitedBy", i.invited_at AS "invitedAt",
        i.respond_by AS "respondBy", i.responded_at AS "respondedAt", i.conflict, i.reason
   FROM evaluator_invitations i
   JOIN applications a ON a.id = i.application_id
   JOIN organisations o ON o.id = a.organisation_id
   JOIN programmes pr ON pr.id = a.programme_id
   JOIN users u ON u.id = i.evaluator_id`;

/**
 * The random numbers of a draw: HMAC-SHA256 of a counter under the draw's seed (32 bytes from crypto), reduced to
 * [0, n) without bias by rejection. Recording the seed makes the draw replayable; the seed itself is unpredictable.
 */
export function seededRandom(seedHex: string): (n: number) => number {
  let counter = 0;
  return (n: number) => {
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const word = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(String(counter++)).digest().readUInt32BE(0);
      if (word < limit) return word % n;
    }
  };
}

/**
 * Invitations to an application's evaluator panel (issue 11): a regulator draws experts at random from the
 * programme's pool under the avoidance rules, or picks one; each invited evaluator accepts (declaring no conflict)
 * or declines (for a conflict, or another reason) by a deadline in working days, after which the invitation expires
 * (a delayed job, and a sweeper as the safety net). Accepting assigns the evaluator through the workflow engine
 * (ASSIGN_EVALUATOR, in the inviting regulator's name) in the same transaction; until then the evaluator is not on
 * the panel and the dossier stays hidden from them. Every change writes an invitation history row (a notification
 * hook: event name and recipients) in its transaction.
 */
@Injectable()
export class ExpertInvitationsUseCase {
  private readonly logger = new Logger(ExpertInvitationsUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly calendar: WorkingCalendarService,
    private readonly clock: Clock,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly workItems: WorkItemsWriter,
  ) {}

  /** Draws `seats` at random for an application in acceptance; records the draw and invites those drawn. */
  async draw(
    principal: Principal,
    applicationId: string,
    seats: DrawSeat[],
    replacesId: string | null = null,
  ): Promise<DrawResult> {
    for (const seat of seats)
      if (seat.field !== null && !isExpertiseField(seat.field))
        throw new DomainError(DomainErrorCode.ValidationFailed, `unknown field of expertise ${seat.field}`, {
          fields: ['seats'],
        });
    const { drawId, ids } = await this.db.transaction(async (tx) => {
      const application = await this.applicationFor(tx, principal, applicationId);
      if (replacesId) await this.assertReplaceable(tx, applicationId, replacesId);
      await this.assertSeatsOpen(
        tx,
        application,
        seats.reduce((n, s) => n + s.count, 0),
      );
      const now = this.clock.now();
      const facts = await this.drawFacts(tx, application, now);
      const candidates = await this.candidates(tx, application);
      const seed = randomBytes(32).toString('hex');
      const request = { seats, ...facts };
      const outcome = drawExperts(candidates, request, seededRandom(seed));
      const draw = await tx.getRepository(ExpertDrawEntity).save({
        applicationId,
        drawnBy: principal.id!,
        drawnAt: now,
        seed,
        request,
        ...outcome,
      });
      const respondBy = await this.deadline(now);
      const invited: string[] = [];
      for (const d of outcome.drawn)
        invited.push(
          await this.invite(tx, principal, application, d.evaluatorId, {
            drawId: draw.id,
            field: d.field,
            replacesId,
            now,
            respondBy,
          }),
        );
      return { drawId: draw.id, ids: invited };
    });
    const draw = await this.db.getRepository(ExpertDrawEntity).findOneByOrFail({ id: drawId });
    return { draw, invitations: await this.records(`i.id = ANY($1)`, [ids]) };
  }

  /** Invites one evaluator picked by hand: from the pool, and only if no avoidance rule applies to them. */
  async pick(
    principal: Principal,
    applicationId: string,
    evaluatorId: string,
    replacesId: string | null = null,
  ): Promise<InvitationRecord> {
    const id = await this.db.transaction(async (tx) => {
      const application = await this.applicationFor(tx, principal, applicationId);
      if (replacesId) await this.assertReplaceable(tx, applicationId, replacesId);
      await this.assertSeatsOpen(tx, application, 1);
      const evaluator = await tx.getRepository(UserEntity).findOneBy({ id: evaluatorId, active: true });
      if (!evaluator || evaluator.role !== Role.Evaluator)
        throw new DomainError(
          DomainErrorCode.ValidationFailed,
          `evaluatorId ${evaluatorId} is not an active evaluator`,
          {
            fields: ['evaluatorId'],
          },
        );
      await assertInExpertPool(tx, application.programme, evaluator);
      const now = this.clock.now();
      const facts = await this.drawFacts(tx, application, now);
      const [candidate] = await this.candidates(tx, application, evaluatorId);
      const rules = candidate ? avoidanceRules(candidate, facts) : [];
      if (rules.length)
        throw new DomainError(
          DomainErrorCode.NotEligible,
          `${evaluator.username} must be avoided for this application: ${rules.join(', ')}`,
          { rule: 'avoidance', rules, fields: ['evaluatorId'] },
        );
      return this.invite(tx, principal, application, evaluatorId, {
        drawId: null,
        field: null,
        replacesId,
        now,
        respondBy: await this.deadline(now),
      });
    });
    return (await this.records(`i.id = $1`, [id]))[0];
  }

  /** A replacement for a declined or expired invitation: a draw of one (of its field) or a pick. */
  async replace(principal: Principal, invitationId: string, evaluatorId?: string): Promise<InvitationRecord> {
    const old = await this.db.getRepository(EvaluatorInvitationEntity).findOneBy({ id: invitationId });
    if (!old) throw new DomainError(DomainErrorCode.NotFound, `invitation ${invitationId} not found`);
    if (evaluatorId) return this.pick(principal, old.applicationId, evaluatorId, old.id);
    const result = await this.draw(principal, old.applicationId, [{ field: old.field, count: 1 }], old.id);
    if (result.invitations.length === 0)
      throw new DomainError(
        DomainErrorCode.NotEligible,
        'no expert of the pool is left to draw for this seat (every candidate is excluded or already invited); pick one by hand',
        { rule: 'pool_exhausted', drawId: result.draw.id },
      );
    return result.invitations[0];
  }

  /** The invitations and draws of an application, for its regulators. */
  async forApplication(
    principal: Principal,
    applicationId: string,
  ): Promise<{ invitations: InvitationRecord[]; draws: ExpertDrawEntity[] }> {
    await this.applicationFor(this.db.manager, principal, applicationId, false);
    return {
      invitations: await this.records(`i.application_id = $1`, [applicationId]),
      draws: await this.db
        .getRepository(ExpertDrawEntity)
        .find({ where: { applicationId }, order: { drawnAt: 'ASC' } }),
    };
  }

  /** The signed-in evaluator's invitations (all, or of one status), soonest due first. */
  async mine(principal: Principal, status?: InvitationStatus): Promise<InvitationRecord[]> {
    if (principal.role !== Role.Evaluator)
      throw new DomainError(DomainErrorCode.Forbidden, 'only evaluators have invitations to panels');
    return status
      ? this.records(`i.evaluator_id = $1 AND i.status = $2`, [principal.id, status])
      : this.records(`i.evaluator_id = $1`, [principal.id]);
  }

  /** Accepts (after declaring no conflict of interest): the evaluator joins the panel (ASSIGN_EVALUATOR). */
  async accept(principal: Principal, invitationId: string): Promise<InvitationRecord> {
    await this.db.transaction(async (tx) => {
      const invitation = await this.openInvitationOf(tx, principal, invitationId);
      const now = this.clock.now();
      await tx.update(EvaluatorInvitationEntity, { id: invitation.id }, { status: 'accepted', respondedAt: now });
      await this.history(tx, invitation, InvitationEvent.Accepted, principal, null, [invitation.invitedBy], now, {
        declaration: 'no_conflict',
      });
      const inviter = await tx.getRepository(UserEntity).findOneByOrFail({ id: invitation.invitedBy });
      await this.engine.fireIn(
        tx,
        invitation.applicationId,
        await principalOf(tx, inviter),
        { type: E.AssignEvaluator, evaluatorId: invitation.evaluatorId },
        null,
      );
    });
    return (await this.records(`i.id = $1`, [invitationId]))[0];
  }

  /** Declines, for a conflict of interest (avoided for this applicant from now on) or another reason. */
  async decline(
    principal: Principal,
    invitationId: string,
    conflict: boolean,
    reason: string,
  ): Promise<InvitationRecord> {
    await this.db.transaction(async (tx) => {
      const invitation = await this.openInvitationOf(tx, principal, invitationId);
      const now = this.clock.now();
      await tx.update(
        EvaluatorInvitationEntity,
        { id: invitation.id },
        { status: 'declined', respondedAt: now, conflict, reason },
      );
      await this.history(tx, invitation, InvitationEvent.Declined, principal, reason, [invitation.invitedBy], now, {
        conflict,
      });
    });
    return (await this.records(`i.id = $1`, [invitationId]))[0];
  }

  /** The deadline job: expires the invitation if it is still unanswered at its deadline; harmless otherwise. */
  async expire(invitationId: string): Promise<ExpireOutcome> {
    await this.clock.refresh(); // the demo clock may have moved in another process
    return this.db.transaction(async (tx) => {
      const [invitation] = await tx
        .getRepository(EvaluatorInvitationEntity)
        .find({ where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) return { kind: 'nothing-to-do', why: 'invitation not found' };
      if (invitation.status !== 'invited') return { kind: 'nothing-to-do', why: `invitation is ${invitation.status}` };
      const now = this.clock.now();
      if (invitation.respondBy.getTime() > now.getTime()) return { kind: 'not-yet', respondBy: invitation.respondBy };
      await tx.update(EvaluatorInvitationEntity, { id: invitation.id }, { status: 'expired', respondedAt: now });
      await this.history(
        tx,
        invitation,
        InvitationEvent.Expired,
        SYSTEM_PRINCIPAL,
        null,
        [invitation.invitedBy, invitation.evaluatorId],
        now,
        {},
      );
      return { kind: 'expired' };
    });
  }

  /** Expires every invitation overdue by more than `graceMs` (deadline jobs lost with Redis); one sweeper at a time. */
  async sweep(graceMs: number): Promise<number> {
    await this.clock.refresh();
    const swept = await exclusively(this.db, 'sweep:expire-invitations', async () => {
      const due: { id: string }[] = await this.db.query(
        `SELECT id FROM evaluator_invitations WHERE status = 'invited' AND respond_by <= $1 ORDER BY respond_by LIMIT 500`,
        [new Date(this.clock.now().getTime() - graceMs)],
      );
      let expired = 0;
      for (const { id } of due) if ((await this.expire(id)).kind === 'expired') expired += 1;
      return expired;
    });
    if (swept.ran && swept.value > 0)
      this.logger.warn({ expired: swept.value }, 'sweeper expired overdue invitations whose deadline job had not run');
    return swept.ran ? swept.value : 0;
  }

  // --- inside

  private async invite(
    tx: EntityManager,
    principal: Principal,
    application: Candidacy,
    evaluatorId: string,
    o: { drawId: string | null; field: string | null; replacesId: string | null; now: Date; respondBy: Date },
  ): Promise<string> {
    const invitation = await tx.getRepository(EvaluatorInvitationEntity).save({
      applicationId: application.id,
      evaluatorId,
      drawId: o.drawId,
      field: o.field,
      replacesId: o.replacesId,
      status: 'invited' as const,
      invitedBy: principal.id!,
      invitedAt: o.now,
      respondBy: o.respondBy,
    });
    await this.history(tx, invitation, InvitationEvent.Invited, principal, null, [evaluatorId], o.now, {
      drawId: o.drawId,
      field: o.field,
      replacesId: o.replacesId,
      respondBy: o.respondBy.toISOString(),
    });
    await writeOutbox(tx, [expireInvitationJob(invitation.id, o.respondBy)]);
    return invitation.id;
  }

  /**
   * Records an invitation's event, and in the same transaction what follows from it: the evaluator's work item
   * (open while the invitation is, due at its deadline; closed by any answer or the expiry) and the notify job of
   * the event (the evaluator hears of an invitation, the inviting regulator of a decline or an expiry).
   */
  private async history(
    tx: EntityManager,
    invitation: EvaluatorInvitationEntity,
    event: InvitationEvent,
    actor: Principal,
    reason: string | null,
    recipientIds: string[],
    at: Date,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await tx.insert(InvitationHistoryEntity, {
      invitationId: invitation.id,
      applicationId: invitation.applicationId,
      event,
      actorId: actor.id,
      actorRole: actor.role,
      reason,
      recipientIds,
      payload: payload as never,
      at,
    });
    await this.followWorkItem(tx, invitation, event, actor, at);
    await writeOutbox(tx, [notifyEventJob('invitation', invitation.id, invitationEventVersion(event))]);
  }

  /** The invitation's work item (subject kind `invitation`): one for the evaluator while it is open, none after. */
  private async followWorkItem(
    tx: EntityManager,
    invitation: EvaluatorInvitationEntity,
    event: InvitationEvent,
    actor: Principal,
    at: Date,
  ): Promise<void> {
    const [application]: { reference: string; title: string }[] = await tx.query(
      `SELECT reference, title FROM applications WHERE id = $1`,
      [invitation.applicationId],
    );
    const open = event === InvitationEvent.Invited;
    await this.workItems.sync(
      tx,
      INVITATION_SUBJECT,
      [
        {
          id: invitation.id,
          reference: application.reference,
          title: application.title,
          state: open ? 'invited' : event.replace('evaluator.invitation_', ''),
          limits: timeLimitsOf(null),
          due: {
            at: invitation.respondBy,
            workingDays: this.config.get('EXPERT_INVITATION_WORKING_DAYS', { infer: true }),
          },
          items: open
            ? [
                {
                  step: INVITATION_SUBJECT,
                  audience: { kind: 'user', userId: invitation.evaluatorId },
                  limit: null,
                  nextSteps: ['ACCEPT', 'DECLINE'],
                },
              ]
            : [],
        },
      ],
      { at, actorId: actor.id, event },
    );
  }

  /** The end of the n-th working day after today (China time), n from EXPERT_INVITATION_WORKING_DAYS. */
  private async deadline(now: Date): Promise<Date> {
    const n = this.config.get('EXPERT_INVITATION_WORKING_DAYS', { infer: true });
    const last = (await this.calendar.calendar()).addWorkingDays(chinaDate(now), n).date;
    return startOfChinaDay(addCalendarDays(last, 1));
  }

  private async drawFacts(tx: EntityManager, application: ApplicationEntity, now: Date) {
    const [{ creditCode }] = await tx.query(`SELECT credit_code AS "creditCode" FROM organisations WHERE id = $1`, [
      application.organisationId,
    ]);
    const today = chinaDate(now);
    const years = this.config.get('EXPERT_AVOIDANCE_YEARS', { infer: true });
    const since = new Date(`${today}T00:00:00Z`);
    since.setUTCFullYear(since.getUTCFullYear() - years);
    return { applicantCreditCode: creditCode as string, today, workedSince: since.toISOString().slice(0, 10) };
  }

  /** The programme's pool (its line of jurisdictions, or invited) with the facts the avoidance rules need. */
  private async candidates(tx: EntityManager, application: Candidacy, only?: string): Promise<DrawCandidate[]> {
    const rows: (Omit<DrawCandidate, 'lastWorkedWithApplicant'> & { lastWorked: Date | null })[] = await tx.query(
      `SELECT u.id AS "evaluatorId", coalesce(p.fields, '{}') AS fields, p.employer_credit_code AS "employerCreditCode",
              coalesce(p.conflict_credit_codes, '{}') AS "conflictCreditCodes", coalesce(p.available, true) AS available,
              to_char(p.unavailable_until, 'YYYY-MM-DD') AS "unavailableUntil",
              EXISTS (SELECT 1 FROM evaluator_invitations i JOIN applications a2 ON a2.id = i.application_id
                       WHERE i.evaluator_id = u.id AND i.conflict AND a2.organisation_id = $2) AS "declinedForConflict",
              (SELECT max(ea.assigned_at) FROM evaluator_assignments ea JOIN applications a2 ON a2.id = ea.application_id
                WHERE ea.evaluator_id = u.id AND a2.organisation_id = $2 AND a2.id <> $3) AS "lastWorked",
              (EXISTS (SELECT 1 FROM evaluator_invitations i WHERE i.evaluator_id = u.id AND i.application_id = $3)
               OR EXISTS (SELECT 1 FROM evaluator_assignments ea WHERE ea.evaluator_id = u.id AND ea.application_id = $3))
                AS "alreadyInvited"
         FROM users u
         LEFT JOIN expert_profiles p ON p.user_id = u.id
         LEFT JOIN jurisdictions j ON j.code = u.jurisdiction_code
         LEFT JOIN programme_experts pe ON pe.evaluator_id = u.id AND pe.programme_id = $1
        WHERE u.role = $4 AND u.active
          AND (pe.evaluator_id IS NOT NULL OR starts_with(j.path, $5) OR starts_with($5, j.path))
          AND ($6::uuid IS NULL OR u.id = $6)`,
      [
        application.programme.id,
        application.organisationId,
        application.id,
        Role.Evaluator,
        application.programmePath,
        only ?? null,
      ],
    );
    return rows.map(({ lastWorked, ...r }) => ({
      ...r,
      lastWorkedWithApplicant: lastWorked ? chinaDate(new Date(lastWorked)) : null,
    }));
  }

  /** The application, locked, if the principal is a regulator who acts on it; in acceptance when `mustDraw`. */
  private async applicationFor(
    tx: EntityManager,
    principal: Principal,
    applicationId: string,
    mustDraw = true,
  ): Promise<Candidacy> {
    if (principal.role !== Role.Regulator)
      throw new DomainError(DomainErrorCode.Forbidden, 'only regulators invite evaluators to a panel');
    const [row] = await tx.query(
      `SELECT a.id, a.organisation_id AS "organisationId", a.jurisdiction_path AS "jurisdictionPath", a.state,
              a.snapshot, p.id AS "programmeId", j.path AS "programmePath"
         FROM applications a JOIN programmes p ON p.id = a.programme_id JOIN jurisdictions j ON j.code = p.jurisdiction_code
        WHERE a.id = $1 ${mustDraw ? 'FOR UPDATE OF a' : ''}`,
      [applicationId],
    );
    if (!row) throw new DomainError(DomainErrorCode.NotFound, `application ${applicationId} not found`);
    const scope = {
      organisationId: row.organisationId,
      jurisdictionPath: row.jurisdictionPath,
      programmeJurisdictionPath: row.programmePath,
      state: row.state,
      activeEvaluatorIds: [],
    };
    if (!canSeeApplication(principal, scope))
      throw new DomainError(DomainErrorCode.NotFound, `application ${applicationId} not found`);
    const problem = actingProblem(principal, scope);
    if (problem) throw new DomainError(DomainErrorCode.Forbidden, problem);
    const programme = await tx.getRepository(ProgrammeEntity).findOneByOrFail({ id: row.programmeId as string });
    // a national pilot application's experts are drawn once its province has ranked it (PILOT_NOT_RANKED)
    if (mustDraw) {
      const application = Object.assign(new ApplicationEntity(), {
        id: row.id,
        organisationId: row.organisationId,
        jurisdictionPath: row.jurisdictionPath,
        state: row.state,
        snapshot: row.snapshot,
      });
      const full = await this.engine.scopeOf(tx, application, programme);
      await this.engine.assertPilotStep(tx, principal, full, E.AssignEvaluator);
    }
    if (mustDraw && row.state !== AccreditationState.Acceptance)
      throw new DomainError(
        DomainErrorCode.EventNotAllowed,
        `evaluators are invited while the application is in acceptance; it is ${row.state}`,
        { state: row.state },
      );
    return Object.assign(new ApplicationEntity(), {
      id: row.id,
      organisationId: row.organisationId,
      jurisdictionPath: row.jurisdictionPath,
      state: row.state,
      snapshot: row.snapshot,
      programmePath: row.programmePath,
      programme,
    });
  }

  /**
   * The panel has room for `wanted` more: its size, less the active members and the invitations still open (an
   * accepted invitation is an active member). Beyond it an acceptance would be refused, so the invitation is too.
   */
  private async assertSeatsOpen(tx: EntityManager, application: Candidacy, wanted: number): Promise<void> {
    const active = application.snapshot.context.panel.filter((m) => m.status === 'active').length;
    const [{ open }] = await tx.query(
      `SELECT count(*)::int AS open FROM evaluator_invitations WHERE application_id = $1 AND status = 'invited'`,
      [application.id],
    );
    const room = application.programme.panelSize - active - (open as number);
    if (wanted > room)
      throw new DomainError(
        DomainErrorCode.GuardFailed,
        `the panel has ${application.programme.panelSize} seats: ${active} taken and ${open} invitations open, so room for ${Math.max(0, room)}, not ${wanted}`,
        { rule: 'panel_size', panelSize: application.programme.panelSize, active, open, fields: ['seats'] },
      );
  }

  /** A replacement needs a declined or expired invitation of the same application not replaced yet. */
  private async assertReplaceable(tx: EntityManager, applicationId: string, replacesId: string): Promise<void> {
    const old = await tx.getRepository(EvaluatorInvitationEntity).findOneBy({ id: replacesId, applicationId });
    if (!old) throw new DomainError(DomainErrorCode.NotFound, `invitation ${replacesId} not found`);
    if (old.status !== 'declined' && old.status !== 'expired')
      throw new DomainError(
        DomainErrorCode.EventNotAllowed,
        `only a declined or expired invitation is replaced; this one is ${old.status}`,
        { status: old.status },
      );
    if (await tx.getRepository(EvaluatorInvitationEntity).existsBy({ replacesId }))
      throw new DomainError(DomainErrorCode.AlreadyExists, `invitation ${replacesId} has already been replaced`);
  }

  /** The caller's own invitation, locked, still open and not past its deadline. */
  private async openInvitationOf(
    tx: EntityManager,
    principal: Principal,
    invitationId: string,
  ): Promise<EvaluatorInvitationEntity> {
    if (principal.role !== Role.Evaluator)
      throw new DomainError(DomainErrorCode.Forbidden, 'only the invited evaluator answers an invitation');
    const [invitation] = await tx
      .getRepository(EvaluatorInvitationEntity)
      .find({ where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
    if (!invitation || invitation.evaluatorId !== principal.id)
      throw new DomainError(DomainErrorCode.NotFound, `invitation ${invitationId} not found`);
    if (invitation.status !== 'invited')
      throw new DomainError(DomainErrorCode.EventNotAllowed, `the invitation is ${invitation.status} already`, {
        status: invitation.status,
      });
    if (invitation.respondBy.getTime() <= this.clock.now().getTime())
      throw new DomainError(
        DomainErrorCode.EventNotAllowed,
        `the invitation was due by ${invitation.respondBy.toISOString()} and can no longer be answered`,
        { status: 'expired', respondBy: invitation.respondBy.toISOString() },
      );
    return invitation;
  }

  private async records(where: string, params: unknown[]): Promise<InvitationRecord[]> {
    return this.db.query(`${RECORD_SQL} WHERE ${where} ORDER BY i.respond_by, i.invited_at, i.id`, params);
  }
}
