import '@app/testing/test-env';
import { AccreditationState as S, DomainError, DomainErrorCode, DrawCandidate, drawExperts } from '@app/domain';
import { Factories, resetDatabase, startContexts, TestClock } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExpertInvitationsUseCase, seededRandom } from './expert-invitations.usecase';

/** The expert pool's use cases against Postgres: deadlines, expiry, avoidance from the record, replayable draws. */
describe('expert invitations (use cases, no HTTP)', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let make: Factories;
  let invitations: ExpertInvitationsUseCase;

  beforeAll(async () => {
    app = await startContexts();
    db = app.get(DataSource);
    make = new Factories(app);
    invitations = app.get(ExpertInvitationsUseCase);
  });
  beforeEach(async () => {
    await resetDatabase(app);
    TestClock.reset();
  });
  afterAll(async () => {
    TestClock.reset();
    await app?.close();
  });

  const codeOf = async (p: Promise<unknown>): Promise<DomainErrorCode> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof DomainError) return e.code;
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const at = (iso: string) => TestClock.shift(new Date(iso).getTime() - Date.now());

  it('gives two working days to answer, writes the deadline job, and expires once, harmlessly repeated', async () => {
    const application = await make.application(S.Acceptance);
    const regulator = await make.principal('qd-regulator');
    at('2026-12-11T02:00:00Z'); // a Friday, 10:00 in China
    const e1 = await make.principal('qd-evaluator-1');
    const invitation = await invitations.pick(regulator, application.id, e1.id!);
    // Monday and Tuesday are the two working days: due at Wednesday 00:00 China time
    expect(invitation.respondBy.toISOString()).toBe('2026-12-15T16:00:00.000Z');
    const [job] = await db.query(`SELECT job_name, job_id, run_at FROM outbox WHERE job_name = 'expire-invitation'`);
    expect(job).toMatchObject({ job_id: `expire-invitation.${invitation.id}`, run_at: invitation.respondBy });

    expect(await invitations.expire(invitation.id)).toEqual({ kind: 'not-yet', respondBy: invitation.respondBy });
    at('2026-12-15T16:00:01Z');
    expect(await codeOf(invitations.accept(e1, invitation.id))).toBe(DomainErrorCode.EventNotAllowed);
    expect(await invitations.expire(invitation.id)).toEqual({ kind: 'expired' });
    expect(await invitations.expire(invitation.id)).toEqual({ kind: 'nothing-to-do', why: 'invitation is expired' });
    expect(await invitations.sweep(0)).toBe(0);
    const events = await db.query(
      `SELECT event, recipient_ids FROM invitation_history WHERE invitation_id = $1 ORDER BY at`,
      [invitation.id],
    );
    expect(events).toEqual([
      { event: 'evaluator.invited', recipient_ids: [e1.id] },
      { event: 'evaluator.invitation_expired', recipient_ids: [regulator.id, e1.id] },
    ]);
    await expect(db.query(`UPDATE invitation_history SET reason = 'x'`)).rejects.toThrow(
      /permission denied|append-only/,
    );
  });

  it('the sweeper expires what is overdue, one answer per invitation', async () => {
    const application = await make.application(S.Acceptance);
    const regulator = await make.principal('qd-regulator');
    const { invitations: drawn } = await invitations.draw(regulator, application.id, [{ field: null, count: 2 }]);
    const e = await make.principal(
      (await db.query(`SELECT username FROM users WHERE id = $1`, [drawn[0].evaluatorId]))[0].username,
    );
    await invitations.accept(e, drawn[0].id);
    expect(await codeOf(invitations.accept(e, drawn[0].id))).toBe(DomainErrorCode.EventNotAllowed);
    TestClock.shift(10 * 86_400_000);
    expect(await invitations.sweep(0)).toBe(1);
    const rows = await db.query(`SELECT id, status FROM evaluator_invitations ORDER BY status`);
    expect(rows).toEqual([
      { id: drawn[0].id, status: 'accepted' },
      { id: drawn[1].id, status: 'expired' },
    ]);
  });

  it('avoids who sat on a panel of the applicant within the window, and who declined it for a conflict', async () => {
    // qd-applicant's designated application elsewhere, scored by evaluators 1-3
    await make.programme('QD-OTHER-2026', 'qd-regulator', { panelSize: 3 });
    await make.application(S.Designated, {
      programme: 'QD-OTHER-2026',
      evaluators: ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'],
    });
    const application = await make.application(S.Acceptance);
    const regulator = await make.principal('qd-regulator');
    const { draw, invitations: drawn } = await invitations.draw(regulator, application.id, [{ field: null, count: 3 }]);
    const ids = await db.query(`SELECT id, username FROM users WHERE role = 'evaluator'`);
    const name = new Map<string, string>(ids.map((r: { id: string; username: string }) => [r.id, r.username]));
    expect(draw.excluded.map((x) => [name.get(x.evaluatorId), x.rules]).sort()).toEqual([
      ['qd-evaluator-1', ['worked_with_applicant']],
      ['qd-evaluator-2', ['worked_with_applicant']],
      ['qd-evaluator-3', ['worked_with_applicant']],
      ['qd-evaluator-5', ['same_organisation']],
    ]);
    expect(drawn.map((i) => name.get(i.evaluatorId)).sort()).toEqual(['qd-evaluator-4', 'qd-evaluator-6']);
    expect(draw.shortfall).toEqual([{ field: null, wanted: 3, drawn: 2 }]);

    const e4 = drawn.find((i) => name.get(i.evaluatorId) === 'qd-evaluator-4')!;
    await invitations.decline(await make.principal('qd-evaluator-4'), e4.id, true, '持有申请单位股份');
    // past the window (three years on) they are eligible again
    TestClock.shift(3 * 366 * 86_400_000);
    const later = await invitations.draw(regulator, application.id, [{ field: null, count: 1 }]);
    expect(later.draw.excluded.find((x) => x.evaluatorId === e4.evaluatorId)?.rules).toEqual([
      'declined_for_conflict',
      'already_invited',
    ]);
    expect(later.draw.eligible.map((id) => name.get(id)).sort()).toEqual([
      'qd-evaluator-1',
      'qd-evaluator-2',
      'qd-evaluator-3',
    ]);
  });

  it('records a draw that replays from its seed', async () => {
    const application = await make.application(S.Acceptance);
    const regulator = await make.principal('qd-regulator');
    const { draw } = await invitations.draw(regulator, application.id, [{ field: null, count: 3 }]);
    const stub = (evaluatorId: string): DrawCandidate => ({
      evaluatorId,
      fields: [],
      employerCreditCode: null,
      conflictCreditCodes: [],
      available: true,
      unavailableUntil: null,
      declinedForConflict: false,
      lastWorkedWithApplicant: null,
      alreadyInvited: false,
    });
    const replay = drawExperts(draw.eligible.map(stub), draw.request, seededRandom(draw.seed));
    expect(replay.drawn).toEqual(draw.drawn);
    const other = await invitations.draw(
      regulator,
      (await make.application(S.Acceptance, { applicant: 'qd-applicant-2' })).id,
      [{ field: null, count: 1 }],
    );
    expect(other.draw.seed).not.toBe(draw.seed);
  });

  it('refuses a draw outside acceptance and from a regulator elsewhere', async () => {
    const application = await make.application(S.Recheck);
    expect(
      await codeOf(invitations.draw(await make.principal('qd-regulator'), application.id, [{ field: null, count: 1 }])),
    ).toBe(DomainErrorCode.EventNotAllowed);
    expect(
      await codeOf(invitations.draw(await make.principal('cs-regulator'), application.id, [{ field: null, count: 1 }])),
    ).toBe(DomainErrorCode.NotFound);
  });
});
