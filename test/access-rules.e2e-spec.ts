import { CloseNoticeUseCase } from '@app/accreditation';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Flow, GOOD_SCORES, Http, MATERIALS, recordOf, useApi } from './support/apps';

/**
 * Who may see and do what, across two jurisdictions: Qingdao FTZ (Shandong) and Changsha FTZ (Hunan). An
 * application the caller may not know of answers 404 (its existence does not leak); a known one with the wrong
 * role answers 403.
 */
describe('access rules', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  const ids = (res: request.Response) => (res.body.items as { id: string }[]).map((a) => a.id).sort();
  const sorted = (...xs: string[]) => [...xs].sort();

  async function list(user: string, query = '') {
    return (await http.as(user)).get(`/applications${query}`);
  }

  /** Designated through HTTP, the notice closed by the deadline use case. */
  async function designated(applicant = 'qd-applicant'): Promise<Flow> {
    const flow = await Flow.create(http, applicant);
    await flow.toAcceptance(applicant);
    await flow.scoredPanel();
    await flow.openEndedNotice();
    expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({ kind: 'closed' });
    await flow.state();
    await flow.ok('qd-regulator', { type: 'DESIGNATE' });
    return flow;
  }

  describe('jurisdictions', () => {
    it('hides a Qingdao application from the Changsha regulator: 404 on read and on events, absent from the list', async () => {
      const qd = await Flow.create(http);
      await qd.ok('qd-applicant', { type: 'SUBMIT' });
      const cs = await Flow.create(http, 'cs-applicant', 'HNFTZ-CS-2026');
      await cs.ok('cs-applicant', { type: 'SUBMIT' });
      const before = await recordOf(api, qd.id);

      const csRegulator = await http.as('cs-regulator');
      for (const url of [
        `/applications/${qd.id}`,
        `/applications/${qd.id}/history`,
        `/applications/${qd.id}/evaluators`,
        `/applications/${qd.id}/objections`,
      ]) {
        const res = await csRegulator.get(url);
        expect({ url, status: res.status, error: res.body.error }).toEqual({ url, status: 404, error: 'NOT_FOUND' });
      }
      const event = await qd.send('cs-regulator', { type: 'PASS_PRELIMINARY' });
      expect(event.status).toBe(404);
      expect(event.body).toMatchObject({ error: 'NOT_FOUND', message: `application ${qd.id} not found` });
      const reject = await qd.send('cs-regulator', { type: 'REJECT', reason: '越权' });
      expect(reject.status).toBe(404);
      await expect(recordOf(api, qd.id)).resolves.toEqual(before);

      const csList = await list('cs-regulator');
      expect(csList.status).toBe(200);
      expect(ids(csList)).toEqual([cs.id]);
      expect(csList.body.total).toBe(1);
      expect(ids(await list('qd-regulator'))).toEqual([qd.id]);
      // the other way round too
      expect((await (await http.as('qd-regulator')).get(`/applications/${cs.id}`)).status).toBe(404);
    });

    it('lets the Hunan provincial regulator see and decide on Changsha applications, but not on Qingdao ones', async () => {
      const qd = await Flow.create(http);
      await qd.ok('qd-applicant', { type: 'SUBMIT' });
      const cs = await Flow.create(http, 'cs-applicant', 'HNFTZ-CS-2026');
      await cs.ok('cs-applicant', { type: 'SUBMIT' });

      const hn = await http.as('hn-regulator');
      const view = await hn.get(`/applications/${cs.id}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        jurisdictionCode: '430100-FTZ',
        unitKind: 'enterprise',
        level: 'province',
        state: 'preliminary_review',
      });
      expect(view.body.allowedEvents).toEqual(
        expect.arrayContaining(['PASS_PRELIMINARY', 'REQUEST_REVISION', 'REJECT']),
      );
      expect((await hn.get(`/applications/${cs.id}/history`)).status).toBe(200);
      expect(ids(await list('hn-regulator'))).toEqual([cs.id]);
      expect((await list('hn-regulator', '?jurisdictionCode=370211-FTZ')).body).toMatchObject({ items: [], total: 0 });
      expect((await hn.get(`/applications/${qd.id}`)).status).toBe(404);

      const passed = await cs.ok('hn-regulator', { type: 'PASS_PRELIMINARY' });
      expect(passed.history).toMatchObject({
        actorId: await http.userId('hn-regulator'),
        actorRole: 'regulator',
        toState: 'recheck',
      });
    });

    it('lets a city-zone regulator follow a provincial programme in its zone without deciding on it (403)', async () => {
      const station = await Flow.create(http, 'cs-applicant', 'HN-STATION-2026');
      await station.ok('cs-applicant', { type: 'SUBMIT' });
      const before = await recordOf(api, station.id);

      const cs = await (await http.as('cs-regulator')).get(`/applications/${station.id}`);
      expect(cs.status).toBe(200);
      expect(cs.body.allowedEvents).toEqual([]);
      const refused = await station.send('cs-regulator', { type: 'PASS_PRELIMINARY' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        error: 'FORBIDDEN',
        message: 'the programme of this application is run by a bureau outside your jurisdiction',
      });
      await expect(recordOf(api, station.id)).resolves.toEqual(before);

      expect((await (await http.as('hn-regulator')).get(`/applications/${station.id}`)).body.allowedEvents).toEqual(
        expect.arrayContaining(['PASS_PRELIMINARY']),
      );
      await station.ok('hn-regulator', { type: 'PASS_PRELIMINARY' });
    });
  });

  describe('applicants', () => {
    it('gives another organisation of the same zone 404 on everything about the application', async () => {
      const qd = await Flow.create(http);
      const before = await recordOf(api, qd.id);
      const other = await http.as('qd-applicant-2');
      expect((await other.get(`/applications/${qd.id}`)).status).toBe(404);
      expect((await other.get(`/applications/${qd.id}/history`)).status).toBe(404);
      expect((await other.get(`/applications/${qd.id}/objections`)).status).toBe(404);
      expect(
        (await other.put(`/applications/${qd.id}/materials`, { materials: MATERIALS, version: qd.version })).status,
      ).toBe(404);
      for (const type of ['SUBMIT', 'WITHDRAW']) {
        const res = await qd.send('qd-applicant-2', { type });
        expect({ type, status: res.status }).toEqual({ type, status: 404 });
      }
      expect((await list('qd-applicant-2')).body).toMatchObject({ items: [], total: 0 });
      expect(ids(await list('qd-applicant'))).toEqual([qd.id]);
      await expect(recordOf(api, qd.id)).resolves.toEqual(before);
    });

    it('refuses a regulator event from the applicant with 403 and tells them what they may send', async () => {
      const qd = await Flow.create(http);
      await qd.ok('qd-applicant', { type: 'SUBMIT' });
      const before = await recordOf(api, qd.id);
      const res = await qd.send('qd-applicant', { type: 'PASS_PRELIMINARY' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        error: 'FORBIDDEN',
        message: 'PASS_PRELIMINARY can only be sent by regulator, not by applicant',
        allowedEvents: ['WITHDRAW'],
      });
      const assign = await (
        await http.as('qd-applicant')
      ).post(`/applications/${qd.id}/evaluators`, {
        evaluatorId: await http.userId('qd-evaluator-1'),
        version: qd.version,
      });
      expect(assign.status).toBe(403);
      expect(assign.body.message).toBe('this needs the role regulator; you are applicant');
      await expect(recordOf(api, qd.id)).resolves.toEqual(before);
    });

    it('only lets applicants open applications, in their own jurisdiction, one open application per programme', async () => {
      const db = api.get(DataSource);
      const qdftz = await http.programmeId('QDFTZ-2026');
      const body = { programmeId: qdftz, title: '申报', materials: MATERIALS };
      for (const user of ['qd-regulator', 'qd-evaluator-1', 'qd-finance', 'admin']) {
        const res = await (await http.as(user)).post('/applications', body);
        expect({ user, status: res.status, error: res.body.error }).toEqual({ user, status: 403, error: 'FORBIDDEN' });
      }
      expect((await (await http.as(null)).post('/applications', body)).status).toBe(401);

      const outside = await (await http.as('cs-applicant')).post('/applications', body);
      expect(outside.status).toBe(422);
      expect(outside.body.error).toBe('GUARD_FAILED');
      expect(outside.body.message).toBe(
        '长沙湘江新材料科技有限公司 is registered in 中国（湖南）自由贸易试验区长沙片区, outside 中国（山东）自由贸易试验区青岛片区 which runs this programme',
      );
      expect(await db.query(`SELECT count(*)::int AS n FROM applications`)).toEqual([{ n: 0 }]);

      const first = await Flow.create(http);
      const second = await (await http.as('qd-applicant')).post('/applications', body);
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ error: 'ALREADY_EXISTS', reference: 'QDFTZ-2026-000001' });
      expect(second.body.message).toContain('already has application QDFTZ-2026-000001 in this programme');
      // another organisation of the zone is not blocked, and the same organisation may apply to another programme
      expect((await (await http.as('qd-applicant-2')).post('/applications', body)).status).toBe(201);
      expect(
        (
          await (
            await http.as('cs-applicant')
          ).post('/applications', { ...body, programmeId: await http.programmeId('HNFTZ-CS-2026') })
        ).status,
      ).toBe(201);

      // once the first one is withdrawn, the organisation may apply again
      await first.ok('qd-applicant', { type: 'WITHDRAW' });
      const again = await (await http.as('qd-applicant')).post('/applications', body);
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ reference: 'QDFTZ-2026-000003', state: 'draft', version: 1 });
    });
  });

  describe('evaluators', () => {
    it('see only the applications they are assigned to; others answer 404', async () => {
      const a = await Flow.create(http);
      await a.toAcceptance();
      const b = await Flow.create(http, 'qd-applicant-2');
      await b.toAcceptance('qd-applicant-2');
      await a.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
      await a.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-2') });
      await b.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-2') });

      expect(ids(await list('qd-evaluator-1'))).toEqual([a.id]);
      expect(ids(await list('qd-evaluator-2'))).toEqual(sorted(a.id, b.id));
      expect((await list('qd-evaluator-4')).body).toMatchObject({ items: [], total: 0 });
      expect((await list('cs-evaluator')).body).toMatchObject({ items: [], total: 0 });

      const e1 = await http.as('qd-evaluator-1');
      expect((await e1.get(`/applications/${b.id}`)).status).toBe(404);
      expect((await e1.get(`/applications/${a.id}`)).status).toBe(200);
      const before = await recordOf(api, b.id);
      const score = await b.send('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      expect(score.status).toBe(404);
      const putScore = await e1.put(`/applications/${b.id}/scores`, { scores: GOOD_SCORES, version: b.version });
      expect(putScore.status).toBe(404);
      const e4 = await b.send('qd-evaluator-4', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      expect(e4.status).toBe(404);
      await expect(recordOf(api, b.id)).resolves.toEqual(before);

      // an assigned evaluator still may not take regulator decisions
      const open = await a.send('qd-evaluator-1', { type: 'OPEN_PUBLIC_NOTICE' });
      expect(open.status).toBe(403);
      expect(open.body.allowedEvents.sort()).toEqual(['DECLARE_CONFLICT', 'SUBMIT_SCORE']);
    });
  });

  describe('finance', () => {
    it('sees only designated (or revoked) applications of its jurisdiction', async () => {
      const a = await designated();
      const b = await Flow.create(http, 'qd-applicant-2');
      await b.ok('qd-applicant-2', { type: 'SUBMIT' });

      const qdFinance = await http.as('qd-finance');
      const all = await list('qd-finance');
      expect(all.status).toBe(200);
      expect(ids(all)).toEqual([a.id]);
      expect(all.body.items[0].state).toBe('designated');
      expect((await list('qd-finance', '?state=preliminary_review')).body).toMatchObject({ items: [], total: 0 });
      expect((await qdFinance.get(`/applications/${a.id}`)).status).toBe(200);
      expect((await qdFinance.get(`/applications/${a.id}/history`)).status).toBe(200);
      // one it may not see answers as if it did not exist
      const hidden = await qdFinance.get(`/applications/${b.id}/history`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error).toBe('NOT_FOUND');
      expect((await qdFinance.get(`/applications/${b.id}`)).status).toBe(404);
      expect((await qdFinance.get(`/applications/${a.id}/evaluators`)).status).toBe(403);
      expect((await list('cs-finance')).body).toMatchObject({ items: [], total: 0 });
      expect((await (await http.as('cs-finance')).get(`/applications/${a.id}`)).status).toBe(404);

      const before = await recordOf(api, a.id);
      const revoke = await a.send('qd-finance', { type: 'REVOKE', reason: 'x' });
      expect(revoke.status).toBe(403);
      await expect(recordOf(api, a.id)).resolves.toEqual(before);

      await a.ok('qd-regulator', { type: 'REVOKE', reason: '行政处罚' });
      expect(ids(await list('qd-finance', '?state=revoked'))).toEqual([a.id]);
    });
  });

  describe('authentication', () => {
    it('answers 401 without a token, with a garbage, forged or expired one', async () => {
      const qd = await Flow.create(http);
      const server = api.getHttpServer();
      const claims = {
        sub: await http.userId('admin'),
        username: 'admin',
        role: 'admin',
        jurisdictionCode: 'CN',
        jurisdictionPath: '/CN/',
        organisationId: null,
      };
      const forged = await new JwtService({ secret: 'not-the-secret-not-the-secret-000000' }).signAsync(claims);
      const expired = await api.get(JwtService).signAsync({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
      const cases: [string, Record<string, string>][] = [
        ['none', {}],
        ['garbage', { Authorization: 'Bearer garbage' }],
        ['empty bearer', { Authorization: 'Bearer ' }],
        ['basic', { Authorization: 'Basic YWRtaW46ZGVtby1wYXNzd29yZA==' }],
        ['forged', { Authorization: `Bearer ${forged}` }],
        ['expired', { Authorization: `Bearer ${expired}` }],
      ];
      for (const [label, headers] of cases) {
        for (const res of [
          await request(server).get('/applications').set(headers),
          await request(server).get(`/applications/${qd.id}`).set(headers),
          await request(server).post(`/applications/${qd.id}/events`).set(headers).send({ type: 'SUBMIT', version: 1 }),
        ]) {
          expect({ label, status: res.status, error: res.body.error }).toEqual({
            label,
            status: 401,
            error: 'UNAUTHENTICATED',
          });
        }
      }
      // a public route still refuses a bad token instead of quietly treating the caller as the public
      const objection = await request(server)
        .post(`/applications/${qd.id}/objections`)
        .set({ Authorization: 'Bearer garbage' })
        .send({ reason: 'x', filerName: 'y', filerContact: 'z' });
      expect(objection.status).toBe(401);
      const wrongPassword = await request(server)
        .post('/auth/login')
        .send({ username: 'qd-regulator', password: 'wrong' });
      expect(wrongPassword.status).toBe(401);
      expect(await recordOf(api, qd.id)).toEqual({ state: 'draft', version: 1, historyRows: 1 });
      // the genuine token works
      expect(
        (
          await request(server)
            .get(`/applications/${qd.id}`)
            .set(await http.auth('qd-applicant'))
        ).status,
      ).toBe(200);
    });
  });

  describe('listing', () => {
    it('filters by state, programme, jurisdiction, unit kind and level, pages with a total, and bounds the page size', async () => {
      const a = await Flow.create(http); // QDFTZ, point, district
      await a.ok('qd-applicant', { type: 'SUBMIT' });
      const b = await Flow.create(http, 'qd-applicant-2'); // QDFTZ, draft
      const c = await Flow.create(http, 'cs-applicant', 'HNFTZ-CS-2026'); // enterprise, province
      await c.ok('cs-applicant', { type: 'SUBMIT' });
      await c.ok('cs-regulator', { type: 'PASS_PRELIMINARY' });
      const d = await Flow.create(http, 'cs-applicant', 'HN-STATION-2026'); // station, province, draft
      const qdftz = await http.programmeId('QDFTZ-2026');

      const cases: [string, string[]][] = [
        ['', [a.id, b.id, c.id, d.id]],
        ['?state=draft', [b.id, d.id]],
        ['?state=preliminary_review', [a.id]],
        ['?state=recheck', [c.id]],
        ['?state=designated', []],
        [`?programmeId=${qdftz}`, [a.id, b.id]],
        [`?programmeId=${qdftz}&state=draft`, [b.id]],
        ['?jurisdictionCode=CN', [a.id, b.id, c.id, d.id]],
        ['?jurisdictionCode=370000', [a.id, b.id]],
        ['?jurisdictionCode=430000', [c.id, d.id]],
        ['?jurisdictionCode=430100-FTZ', [c.id, d.id]],
        ['?jurisdictionCode=430600-FTZ', []],
        ['?unitKind=point', [a.id, b.id]],
        ['?unitKind=enterprise', [c.id]],
        ['?unitKind=station', [d.id]],
        ['?level=district', [a.id, b.id]],
        ['?level=province', [c.id, d.id]],
        ['?level=province&unitKind=station&jurisdictionCode=430000&state=draft', [d.id]],
      ];
      for (const [query, expected] of cases) {
        const res = await list('admin', query);
        expect({ query, status: res.status, ids: ids(res), total: res.body.total }).toEqual({
          query,
          status: 200,
          ids: sorted(...expected),
          total: expected.length,
        });
      }
      // a filter never widens the caller's own scope
      expect((await list('qd-regulator', '?jurisdictionCode=430000')).body).toMatchObject({ items: [], total: 0 });
      expect(ids(await list('qd-regulator', '?jurisdictionCode=CN'))).toEqual(sorted(a.id, b.id));

      // pages: submitted ones first (newest submission first), then drafts, newest first
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const res = await list('admin', `?pageSize=1&page=${page}`);
        expect(res.body).toMatchObject({ page, pageSize: 1, total: 4 });
        expect(res.body.items).toHaveLength(1);
        seen.push(res.body.items[0].id);
      }
      expect(seen).toEqual([c.id, a.id, d.id, b.id]);
      expect((await list('admin', '?pageSize=3&page=2')).body).toMatchObject({
        page: 2,
        pageSize: 3,
        total: 4,
        items: [expect.objectContaining({ id: b.id })],
      });
      expect((await list('admin', '?pageSize=3&page=3')).body).toMatchObject({
        page: 3,
        pageSize: 3,
        total: 4,
        items: [],
      });
      expect((await list('admin')).body).toMatchObject({ page: 1, pageSize: 20, total: 4 });
      expect((await list('admin', '?pageSize=100')).status).toBe(200);

      expect((await list('admin', '?pageSize=3&page=1')).body).toMatchObject({ total: 4, totalIsExact: true });

      // past 1,000 matches the total stops counting and says so; the pages themselves go on
      await api.get(DataSource).query(
        `INSERT INTO applications (reference, programme_id, organisation_id, jurisdiction_code, jurisdiction_path, unit_kind, level, title, state, snapshot, materials, created_by)
         SELECT 'BULK-' || i, programme_id, organisation_id, jurisdiction_code, jurisdiction_path, unit_kind, level, title, state, snapshot, materials, created_by
           FROM applications, generate_series(1, 1000) AS i WHERE id = $1`,
        [b.id],
      );
      expect((await list('qd-regulator', '?state=draft&pageSize=100')).body).toMatchObject({
        total: 1000,
        totalIsExact: false,
      });
      expect((await list('qd-regulator', '?state=draft&pageSize=100&page=11')).body).toMatchObject({
        total: 1001,
        totalIsExact: true,
      });
      expect((await list('qd-regulator', '?state=preliminary_review')).body).toMatchObject({
        total: 1,
        totalIsExact: true,
      });

      const bad: [string, RegExp][] = [
        ['?pageSize=1000', /^pageSize must not be greater than 100$/],
        ['?pageSize=0', /^pageSize must not be less than 1$/],
        ['?page=0', /^page must not be less than 1$/],
        ['?page=abc', /\bpage must be an integer number/],
        ['?page=1.5', /^page must be an integer number$/],
        ['?page=99999999999999999999', /^page must not be greater than 1000000$/],
        ['?state=bogus', /^state must be one of the following values: draft, /],
        ['?programmeId=not-a-uuid', /^programmeId must be a UUID$/],
        ['?unitKind=castle', /^unitKind must be one of the following values: enterprise, /],
        ['?level=galactic', /^level must be one of the following values: national, /],
        ['?jurisdictionCode=999999', /^jurisdictionCode 999999 is unknown$/],
        ['?sort=title', /^sort: property sort should not exist$/],
      ];
      for (const [query, message] of bad) {
        const res = await list('admin', query);
        expect({ query, status: res.status, error: res.body.error }).toEqual({
          query,
          status: 400,
          error: 'VALIDATION_FAILED',
        });
        expect({ query, message: res.body.message }).toEqual({ query, message: expect.stringMatching(message) });
      }
    });
  });
});
