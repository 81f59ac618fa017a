import { CloseNoticeUseCase } from '@app/accreditation';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { extraApplicant, Flow, GOOD_SCORES, Http, MATERIALS, recordOf, TestClock, useApi } from './support/apps';

/** Optimistic concurrency on one application: the version a client read, sent back as `version` or If-Match. */
describe('concurrency and versions', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  async function submitted(): Promise<Flow> {
    const flow = await Flow.create(http);
    await flow.ok('qd-applicant', { type: 'SUBMIT' });
    return flow;
  }

  async function post(user: string, flow: Flow, body: object, headers: Record<string, string> = {}) {
    return request(api.getHttpServer())
      .post(`/applications/${flow.id}/events`)
      .set(await http.auth(user))
      .set(headers)
      .send(body);
  }

  describe('two requests with the same version', () => {
    it('two PASS_PRELIMINARY: exactly one is applied, the other is a VERSION_CONFLICT', async () => {
      const flow = await submitted();
      const before = await recordOf(api, flow.id);
      await http.token('qd-regulator');

      const results = await Promise.all(
        [1, 2].map(() => post('qd-regulator', flow, { type: 'PASS_PRELIMINARY', version: before.version })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({
        error: 'VERSION_CONFLICT',
        currentVersion: before.version + 1,
        state: 'recheck',
      });
      expect(await recordOf(api, flow.id)).toEqual({
        state: 'recheck',
        version: before.version + 1,
        historyRows: before.historyRows + 1,
      });
      const rows = await flow.history();
      expect(rows.filter((r) => r.event === 'PASS_PRELIMINARY')).toHaveLength(1);
    });

    it('PASS_PRELIMINARY against REQUEST_REVISION: the winner decides the state, the loser changes nothing', async () => {
      for (let round = 0; round < 3; round++) {
        const flow = await submitted();
        const before = await recordOf(api, flow.id);
        await http.token('qd-regulator');
        const [pass, revise] = await Promise.all([
          post('qd-regulator', flow, { type: 'PASS_PRELIMINARY', version: before.version }),
          post('qd-regulator', flow, { type: 'REQUEST_REVISION', reason: '补正', version: before.version }),
        ]);
        expect([pass.status, revise.status].sort()).toEqual([200, 409]);
        const winner = pass.status === 200 ? pass : revise;
        const loser = pass.status === 200 ? revise : pass;
        const expectedState = pass.status === 200 ? 'recheck' : 'revision_requested';
        expect(winner.body.application).toMatchObject({ state: expectedState, version: before.version + 1 });
        expect(loser.body).toMatchObject({
          error: 'VERSION_CONFLICT',
          currentVersion: before.version + 1,
          state: expectedState,
        });
        expect(await recordOf(api, flow.id)).toEqual({
          state: expectedState,
          version: before.version + 1,
          historyRows: before.historyRows + 1,
        });
        const rows = await flow.history();
        expect(rows.at(-1)).toMatchObject({
          event: pass.status === 200 ? 'PASS_PRELIMINARY' : 'REQUEST_REVISION',
          version: before.version + 1,
        });
        // the next application of the round needs a fresh organisation slot
        await flow.state();
        await flow.ok('qd-applicant', { type: 'WITHDRAW' });
      }
    });

    it('ten different requests at once: one is applied, nine conflict, one history row', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
      const before = await recordOf(api, flow.id);
      const ids = await Promise.all(['qd-evaluator-2', 'qd-evaluator-3', 'qd-evaluator-4'].map((u) => http.userId(u)));
      await Promise.all(['qd-regulator', 'qd-evaluator-1', 'qd-applicant'].map((u) => http.token(u)));

      const [revise, ...results] = await Promise.all([
        post('qd-regulator', flow, { type: 'REQUEST_REVISION', reason: 'x', version: before.version }),
        ...ids.map((evaluatorId) =>
          post('qd-regulator', flow, { type: 'ASSIGN_EVALUATOR', evaluatorId, version: before.version }),
        ),
        ...[1, 2, 3, 4].map(() =>
          post('qd-evaluator-1', flow, { type: 'SUBMIT_SCORE', scores: GOOD_SCORES, version: before.version }),
        ),
        post('qd-regulator', flow, { type: 'REJECT', reason: '驳回', version: before.version }),
        post('qd-applicant', flow, { type: 'WITHDRAW', version: before.version }),
      ]);
      // REQUEST_REVISION is not accepted in acceptance at all: refused as such, or as stale if it came after the winner
      expect(revise.status).toBe(409);
      expect(['EVENT_NOT_ALLOWED', 'VERSION_CONFLICT']).toContain(revise.body.error);
      const ok = results.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.error])).toEqual(
        Array(8).fill([409, 'VERSION_CONFLICT']),
      );
      const after = await recordOf(api, flow.id);
      expect(after).toEqual({
        state: ok[0].body.application.state,
        version: before.version + 1,
        historyRows: before.historyRows + 1,
      });
    });

    it('two material updates at once: one is kept, the other conflicts', async () => {
      const flow = await Flow.create(http);
      const applicant = await http.as('qd-applicant');
      const [a, b] = await Promise.all([
        applicant.put(`/applications/${flow.id}/materials`, { materials: MATERIALS.slice(0, 2), version: 1 }),
        applicant.put(`/applications/${flow.id}/materials`, { materials: MATERIALS.slice(0, 3), version: 1 }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a : b;
      expect((a.status === 200 ? b : a).body).toMatchObject({ error: 'VERSION_CONFLICT', currentVersion: 2 });
      const detail = await flow.detail('qd-applicant');
      expect(detail.materials).toEqual(winner.body.materials);
      expect(await recordOf(api, flow.id)).toEqual({ state: 'draft', version: 2, historyRows: 2 });
    });

    it('two applications opened at once by one organisation: one is created, the other refused', async () => {
      const applicant = await http.as('qd-applicant');
      const body = { programmeId: await http.programmeId('QDFTZ-2026'), title: '并发申报', materials: MATERIALS };
      const results = await Promise.all([1, 2, 3].map(() => applicant.post('/applications', body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.error)).toEqual([
        'ALREADY_EXISTS',
        'ALREADY_EXISTS',
      ]);
      const db = api.get(DataSource);
      expect(await db.query(`SELECT reference FROM applications`)).toEqual([{ reference: 'QDFTZ-2026-000001' }]);
      expect(await db.query(`SELECT count(*)::int AS n FROM application_history`)).toEqual([{ n: 1 }]);
    });
  });

  describe('events that need no version', () => {
    it('objections from the public at the same moment are all recorded, in order', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.scoredPanel();
      await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      const before = await recordOf(api, flow.id);
      const pub = await http.as(null);
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((i) =>
          pub.post(`/applications/${flow.id}/objections`, {
            reason: `异议 ${i}`,
            filerName: `公众 ${i}`,
            filerContact: `${i}@example.com`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(5);
      expect(await recordOf(api, flow.id)).toEqual({
        state: 'public_notice',
        version: before.version + 5,
        historyRows: before.historyRows + 5,
      });
      const objections = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(objections.body).toHaveLength(5);
      expect(new Set(objections.body.map((o: { id: string }) => o.id))).toEqual(new Set(results.map((r) => r.body.id)));
      // the history has one row per objection, one version apart
      const rows = (await flow.history()).filter((r) => r.event === 'FILE_OBJECTION');
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5].map((i) => before.version + i));
    });

    it('the deadline job delivered twice at once closes the notice once; a withdrawal racing it is either applied or refused cleanly', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.scoredPanel();
      await flow.openEndedNotice();
      const closeNotice = api.get(CloseNoticeUseCase);
      const outcomes = await Promise.all([closeNotice.execute(flow.id, 1), closeNotice.execute(flow.id, 1)]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['closed', 'nothing-to-do']);
      expect((await flow.history()).filter((r) => r.event === 'CLOSE_NOTICE')).toHaveLength(1);

      const second = await Flow.create(http, 'qd-applicant-2');
      await second.toAcceptance('qd-applicant-2');
      await second.scoredPanel();
      await second.openEndedNotice();
      const before = await recordOf(api, second.id);
      await http.token('qd-applicant-2');
      const [withdraw, close] = await Promise.all([
        post('qd-applicant-2', second, { type: 'WITHDRAW', version: before.version }),
        closeNotice.execute(second.id, 1),
      ]);
      const after = await recordOf(api, second.id);
      expect(after.version).toBe(
        before.version + (withdraw.status === 200 ? 1 : 0) + (close.kind === 'closed' ? 1 : 0),
      );
      expect(after.historyRows - before.historyRows).toBe(after.version - before.version);
      if (close.kind === 'closed') {
        // the close came first: the applicant's version is stale now
        expect(withdraw.status).toBe(409);
        expect(withdraw.body).toMatchObject({ error: 'VERSION_CONFLICT', currentVersion: before.version + 1 });
        expect(after.state).toBe('notice_closed');
      } else {
        expect(withdraw.status).toBe(200);
        expect(close).toMatchObject({ kind: 'nothing-to-do' });
        expect(after.state).toBe('withdrawn');
      }
    });
  });

  describe('the programme quota under concurrent designations', () => {
    it('designates no more than the quota when the decisions race', async () => {
      // HNFTZ-CS-2026: quota 2, panel of 1
      const applicants = ['cs-applicant', await extraApplicant(api, 'cs', 1), await extraApplicant(api, 'cs', 2)];
      const flows: Flow[] = [];
      for (const applicant of applicants) {
        const flow = await Flow.create(http, applicant, 'HNFTZ-CS-2026');
        await flow.toAcceptance(applicant, 'cs-regulator');
        await flow.ok('cs-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('cs-evaluator') });
        await flow.ok('cs-evaluator', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
        TestClock.shift(-30 * 86_400_000);
        await flow.ok('cs-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
        TestClock.reset();
        expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({ kind: 'closed' });
        await flow.state('cs-regulator');
        flows.push(flow);
      }
      await http.token('cs-regulator');
      const results = await Promise.all(
        flows.map((f) => post('cs-regulator', f, { type: 'DESIGNATE', version: f.version })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409]);
      const refused = results.find((r) => r.status === 409)!;
      expect(refused.body).toMatchObject({
        error: 'QUOTA_EXHAUSTED',
        max: 2,
        reasons: ["the programme's quota of designations is used up (2 allowed)"],
      });
      const db = api.get(DataSource);
      expect(
        await db.query(`SELECT state, count(*)::int AS n FROM applications GROUP BY state ORDER BY state`),
      ).toEqual([
        { state: 'designated', n: 2 },
        { state: 'notice_closed', n: 1 },
      ]);
      const designated = results
        .filter((r) => r.status === 200)
        .map((r) => r.body.history.payload.quotaRemaining)
        .sort();
      expect(designated).toEqual([1, 2]);
    });
  });

  describe('versions', () => {
    it('refuses a stale version with 409 and the current version, and a missing one with 428', async () => {
      const flow = await submitted();
      const before = await recordOf(api, flow.id);

      const stale = await post('qd-regulator', flow, { type: 'PASS_PRELIMINARY', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: 'VERSION_CONFLICT', currentVersion: 2, state: 'preliminary_review' });
      expect(stale.body.message).toContain('your version 1, current version 2');
      const ahead = await post('qd-regulator', flow, { type: 'PASS_PRELIMINARY', version: 7 });
      expect(ahead.status).toBe(409);
      expect(ahead.body.currentVersion).toBe(2);

      const missing = await post('qd-regulator', flow, { type: 'PASS_PRELIMINARY' });
      expect(missing.status).toBe(428);
      expect(missing.body.error).toBe('VERSION_REQUIRED');
      expect(missing.body.message).toContain('If-Match');
      const regulator = await http.as('qd-regulator');
      const assign = await regulator.post(`/applications/${flow.id}/evaluators`, {
        evaluatorId: await http.userId('qd-evaluator-1'),
      });
      expect(assign.status).toBe(428);
      const materials = await (
        await http.as('qd-applicant')
      ).put(`/applications/${flow.id}/materials`, { materials: MATERIALS });
      expect(materials.status).toBe(428);
      const staleMaterials = await (
        await http.as('qd-applicant')
      ).put(`/applications/${flow.id}/materials`, { materials: MATERIALS, version: 1 });
      expect(staleMaterials.status).toBe(409);

      expect(await recordOf(api, flow.id)).toEqual(before);
    });

    it('takes the version from If-Match instead of the body, e.g. the ETag of the last read', async () => {
      const flow = await Flow.create(http);
      const read = await (await http.as('qd-applicant')).get(`/applications/${flow.id}`).expect(200);
      expect(read.headers.etag).toBe('"1"');
      const submit = await post('qd-applicant', flow, { type: 'SUBMIT' }, { 'If-Match': read.headers.etag });
      expect(submit.status).toBe(200);
      expect(submit.body.application.version).toBe(2);

      const pass = await post('qd-regulator', flow, { type: 'PASS_PRELIMINARY' }, { 'If-Match': 'W/"2"' });
      expect(pass.status).toBe(200);
      const recheckEtag = (await (await http.as('qd-regulator')).get(`/applications/${flow.id}`)).headers.etag;
      expect(recheckEtag).toBe('"3"');

      const staleHeader = await post('qd-regulator-2', flow, { type: 'PASS_RECHECK' }, { 'If-Match': '"2"' });
      expect(staleHeader.status).toBe(409);
      expect(staleHeader.body).toMatchObject({ error: 'VERSION_CONFLICT', currentVersion: 3 });
      const garbled = await post('qd-regulator-2', flow, { type: 'PASS_RECHECK' }, { 'If-Match': 'version three' });
      expect(garbled.status).toBe(400);
      expect(garbled.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['If-Match'] });
      expect(await recordOf(api, flow.id)).toEqual({ state: 'recheck', version: 3, historyRows: 3 });

      const ok = await post('qd-regulator-2', flow, { type: 'PASS_RECHECK' }, { 'If-Match': '"3"' });
      expect(ok.status).toBe(200);
      expect(ok.body.application).toMatchObject({ state: 'acceptance', version: 4 });

      // the other routes that change an application read If-Match too
      const assign = await request(api.getHttpServer())
        .post(`/applications/${flow.id}/evaluators`)
        .set(await http.auth('qd-regulator'))
        .set('If-Match', '"4"')
        .send({ evaluatorId: await http.userId('qd-evaluator-1') });
      expect(assign.status).toBe(200);
      const score = await request(api.getHttpServer())
        .put(`/applications/${flow.id}/scores`)
        .set(await http.auth('qd-evaluator-1'))
        .set('If-Match', '"5"')
        .send({ scores: GOOD_SCORES });
      expect(score.status).toBe(200);
      expect(score.body.application.version).toBe(6);
    });
  });
});
