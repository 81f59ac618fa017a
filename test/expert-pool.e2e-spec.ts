import { Clock, DemoClock } from '@app/platform';
import { flushPrefix, resetDatabase, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { TestingModuleBuilder } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { configured, Flow, GOOD_SCORES, Http, startApi, startWorker, waitFor } from './support/apps';

const DEMO = { DEMO_MODE: 'true', DEMO_CLOCK_REFRESH_MS: '200' };
/** the API and the worker on the shared demo clock, so an admin can move time past an invitation's deadline */
const demo = (b: TestingModuleBuilder) => configured(DEMO)(b).overrideProvider(Clock).useClass(DemoClock);

interface Invitation {
  id: string;
  evaluatorId: string;
  evaluatorName: string;
  status: string;
  respondBy: string;
  applicantName: string;
  replacesId: string | null;
  drawId: string | null;
}

/**
 * Issue 11: a regulator draws evaluators from the expert pool for an application in acceptance; one declines for a
 * conflict, one lets the deadline pass and expires (the demo clock moved past it, the worker sweeps); the regulator
 * replaces both; everyone accepts and scores, and the notice can open. The expert employed by the applicant is never
 * drawn, and cannot be picked by hand.
 */
describe('the expert pool through HTTP', () => {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let api: INestApplication;
  let worker: INestApplication | undefined;
  let http: Http;
  let usernames: Map<string, string>;

  beforeAll(async () => {
    api = await startApi((b) => demo(b));
    http = new Http(api);
  }, 60_000);
  beforeEach(async () => {
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
    await api.get(Clock).refresh();
    http.forget();
    const rows: { id: string; username: string }[] = await api
      .get(DataSource)
      .query(`SELECT id, username FROM users WHERE role = 'evaluator'`);
    usernames = new Map(rows.map((r) => [r.id, r.username]));
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(async () => {
    redis.disconnect();
    await api.close();
  });

  const nameOf = (id: string) => usernames.get(id)!;

  it('draws three, replaces a conflict and an expiry, and the panel accepts, scores and opens the notice', async () => {
    worker = await startWorker(configured(DEMO));
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    const regulator = await http.as('qd-regulator');

    // the vocabulary and the pool's profiles
    const fields = (await (await http.as(null)).get('/experts/fields').expect(200)).body;
    expect(fields).toEqual(
      expect.arrayContaining([
        { key: 'medicine', label: '医药' },
        { key: 'law', label: '法律' },
      ]),
    );
    const machinists = (await regulator.get('/experts?field=machinery&jurisdictionCode=370200').expect(200)).body;
    expect(machinists.items.map((e: { username: string }) => e.username)).toEqual([
      'qd-evaluator-1',
      'qd-evaluator-3',
      'qd-evaluator-5',
    ]);

    // the draw: three of the five eligible; qd-evaluator-5 works for the applicant and is excluded
    const drawn = (
      await regulator.post(`/applications/${flow.id}/expert-draws`, { seats: [{ field: null, count: 3 }] }).expect(201)
    ).body;
    expect(drawn.draw.excluded).toEqual([{ evaluatorId: expect.any(String), rules: ['same_organisation'] }]);
    expect(nameOf(drawn.draw.excluded[0].evaluatorId)).toBe('qd-evaluator-5');
    expect(drawn.draw.eligible).toHaveLength(5);
    expect(drawn.draw.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawn.invitations).toHaveLength(3);
    const [a, b, c] = drawn.invitations as Invitation[];
    for (const i of [a, b, c]) {
      expect(i).toMatchObject({ status: 'invited', applicantName: '青岛海湾精密机械有限公司', drawId: drawn.draw.id });
      expect(new Date(i.respondBy).getTime()).toBeGreaterThan(Date.now() + 86_400_000); // two working days
    }

    // invited, not accepted: the invitation is listed, the dossier stays hidden
    const invitee = await http.as(nameOf(a.evaluatorId));
    const mine = (await invitee.get('/evaluator-invitations?status=invited').expect(200)).body;
    expect(mine.map((i: Invitation) => i.id)).toEqual([a.id]);
    expect((await invitee.get(`/applications/${flow.id}`)).status).toBe(404);
    // accepting needs the declaration of no conflict
    expect((await invitee.post(`/evaluator-invitations/${a.id}/accept`, {})).status).toBe(400);

    // a declines for a conflict; c accepts; b does not answer
    await invitee
      .post(`/evaluator-invitations/${a.id}/decline`, { conflict: true, reason: '曾为申请单位提供顾问服务' })
      .expect(200);
    await (
      await http.as(nameOf(c.evaluatorId))
    )
      .post(`/evaluator-invitations/${c.id}/accept`, { declaration: 'no_conflict' })
      .expect(200);
    expect((await (await http.as(nameOf(c.evaluatorId))).get(`/applications/${flow.id}`)).status).toBe(200);
    // only the invited evaluator answers
    expect(
      (
        await (
          await http.as(nameOf(c.evaluatorId))
        ).post(`/evaluator-invitations/${b.id}/accept`, { declaration: 'no_conflict' })
      ).status,
    ).toBe(404);

    // the deadline passes: the admin moves the demo clock, the worker's sweep expires b
    await (
      await http.as('admin')
    )
      .post('/admin/clock/advance', { workingDays: 3, reason: '演示：邀请过期' })
      .expect(200);
    await waitFor(
      'the invitation to expire',
      async () => {
        const list = (await regulator.get(`/applications/${flow.id}/invitations`).expect(200)).body;
        return list.invitations.find((i: Invitation) => i.id === b.id)?.status === 'expired';
      },
      15_000,
    );
    expect(
      (
        await (
          await http.as(nameOf(b.evaluatorId))
        ).post(`/evaluator-invitations/${b.id}/accept`, { declaration: 'no_conflict' })
      ).status,
    ).toBe(409);

    // the same-organisation expert cannot be picked by hand either
    const picked = await regulator.post(`/applications/${flow.id}/invitations`, {
      evaluatorId: drawn.draw.excluded[0].evaluatorId,
    });
    expect(picked.status).toBe(422);
    expect(picked.body).toMatchObject({ error: 'NOT_ELIGIBLE' });

    // the regulator replaces both: a draw of one each; c's accepted invitation is not replaceable
    expect((await regulator.post(`/evaluator-invitations/${c.id}/replacement`, {})).status).toBe(409);
    const ra = (await regulator.post(`/evaluator-invitations/${a.id}/replacement`, {}).expect(201)).body as Invitation;
    const rb = (await regulator.post(`/evaluator-invitations/${b.id}/replacement`, {}).expect(201)).body as Invitation;
    expect((await regulator.post(`/evaluator-invitations/${a.id}/replacement`, {})).status).toBe(409);
    expect([ra.replacesId, rb.replacesId]).toEqual([a.id, b.id]);
    const panel = [c, ra, rb].map((i) => nameOf(i.evaluatorId));
    expect(new Set([...panel, nameOf(a.evaluatorId), nameOf(b.evaluatorId)]).size).toBe(5);
    expect(panel).not.toContain('qd-evaluator-5');

    const record = (await regulator.get(`/applications/${flow.id}/invitations`).expect(200)).body;
    expect(record.draws).toHaveLength(3);
    const lastDraw = record.draws[2];
    expect(lastDraw.excluded).toEqual(
      expect.arrayContaining([
        { evaluatorId: a.evaluatorId, rules: ['declined_for_conflict', 'already_invited'] },
        { evaluatorId: drawn.draw.excluded[0].evaluatorId, rules: ['same_organisation'] },
      ]),
    );
    expect(record.invitations.map((i: Invitation) => i.status).sort()).toEqual([
      'accepted',
      'declined',
      'expired',
      'invited',
      'invited',
    ]);

    for (const i of [ra, rb])
      await (
        await http.as(nameOf(i.evaluatorId))
      )
        .post(`/evaluator-invitations/${i.id}/accept`, { declaration: 'no_conflict' })
        .expect(200);
    await flow.detail(); // the acceptances moved the version
    for (const e of panel) await flow.ok(e, { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
    await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    expect(await flow.state()).toBe('public_notice');

    // the application's history shows the three assignments, in the inviting regulator's name
    const assigned = (await flow.history()).filter((h) => h.event === 'ASSIGN_EVALUATOR');
    expect(assigned.map((h) => [h.actorRole, nameOf(h.payload.evaluatorId as string)])).toEqual(
      [c, ra, rb].map((i) => ['regulator', nameOf(i.evaluatorId)]),
    );
    // and the invitations' history every step, with whom to notify
    const history: { event: string; recipient_ids: string[] }[] = await api
      .get(DataSource)
      .query(`SELECT event, recipient_ids FROM invitation_history WHERE application_id = $1 ORDER BY at, event`, [
        flow.id,
      ]);
    expect(history.map((h) => h.event).sort()).toEqual(
      [
        ...Array(5).fill('evaluator.invited'),
        ...Array(3).fill('evaluator.invitation_accepted'),
        'evaluator.invitation_declined',
        'evaluator.invitation_expired',
      ].sort(),
    );
  }, 60_000);

  it('keeps profiles: the expert their own, the regulator of their jurisdiction, not another expert', async () => {
    const e1 = await http.userId('qd-evaluator-1');
    const own = await http.as('qd-evaluator-1');
    const updated = (
      await own
        .put(`/experts/${e1}`, { available: false, unavailableUntil: '2099-01-31', fields: ['law', 'medicine'] })
        .expect(200)
    ).body;
    expect(updated).toMatchObject({ fields: ['law', 'medicine'], available: false, availableToday: false });
    expect((await own.put(`/experts/${e1}`, { fields: ['astrology'] })).status).toBe(400);
    expect((await (await http.as('qd-evaluator-2')).put(`/experts/${e1}`, { available: true })).status).toBe(403);
    // qd-regulator sits below the city the expert is bound to; the admin keeps every profile
    expect((await (await http.as('qd-regulator')).put(`/experts/${e1}`, { available: true })).status).toBe(403);
    await (await http.as('admin')).put(`/experts/${e1}`, { available: true }).expect(200);

    // an unavailable expert is not drawn
    await own.put(`/experts/${e1}`, { available: false }).expect(200);
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    const regulator = await http.as('qd-regulator');
    const tooMany = await regulator.post(`/applications/${flow.id}/expert-draws`, {
      seats: [{ field: null, count: 4 }],
    });
    expect(tooMany.status).toBe(422); // the panel has three seats
    const draw = (
      await regulator.post(`/applications/${flow.id}/expert-draws`, { seats: [{ field: null, count: 3 }] }).expect(201)
    ).body;
    expect(draw.draw.excluded).toEqual(expect.arrayContaining([{ evaluatorId: e1, rules: ['unavailable'] }]));
    expect(draw.draw.drawn.map((d: { evaluatorId: string }) => d.evaluatorId)).not.toContain(e1);
    expect(draw.draw.eligible).toHaveLength(4);
    const search = (await regulator.get('/experts?available=false').expect(200)).body;
    expect(search.items.map((e: { username: string }) => e.username)).toEqual(['qd-evaluator-1']);
  });
});
