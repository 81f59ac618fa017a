import { CLIENT_EVENT_TYPES, isValidUscc, usccProblem } from '@app/domain';
import { DEMO_ORGANISATIONS } from '@app/seed';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Flow, GOOD_SCORES, Http, MATERIALS, recordOf, useApi } from './support/apps';

/** Bad input answers 4xx with a message naming what is wrong: never a 500, and nothing half-written. */
describe('bad input', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  /** Sends a raw body to an application's events as `user`. */
  async function raw(
    user: string,
    id: string,
    body: string | Buffer,
    headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ) {
    return request(api.getHttpServer())
      .post(`/applications/${id}/events`)
      .set(await http.auth(user))
      .set(headers)
      .send(body);
  }

  /** Runs the requests and checks the application did not move: same state, version and history. */
  async function unchangedAfter(flow: Flow, run: () => Promise<void>) {
    const before = await recordOf(api, flow.id);
    await run();
    expect(await recordOf(api, flow.id)).toEqual(before);
  }

  describe('request bodies', () => {
    it('refuses bodies that are not JSON objects, or cannot be read, with a 4xx', async () => {
      const flow = await Flow.create(http);
      await unchangedAfter(flow, async () => {
        const malformed = await raw('qd-applicant', flow.id, '{"type":"SUBMIT","version":1');
        expect(malformed.status).toBe(400);
        expect(malformed.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
        expect(malformed.body.message).toMatch(/JSON/);

        for (const body of ['null', '"SUBMIT"', '42', "{'type':'SUBMIT'}", '{"type":"SUBMIT",}']) {
          const res = await raw('qd-applicant', flow.id, body);
          expect({ body, status: res.status, error: res.body.error }).toEqual({
            body,
            status: 400,
            error: 'VALIDATION_FAILED',
          });
        }
        const array = await raw('qd-applicant', flow.id, '[{"type":"SUBMIT","version":1}]');
        expect(array.status).toBe(400);

        const charset = await raw('qd-applicant', flow.id, '{"type":"SUBMIT","version":1}', {
          'Content-Type': 'application/json; charset=latin9',
        });
        expect(charset.status).toBe(415);
        expect(charset.body.message).toContain('charset');
        const encoding = await raw('qd-applicant', flow.id, '{"type":"SUBMIT","version":1}', {
          'Content-Type': 'application/json',
          'Content-Encoding': 'br2',
        });
        expect(encoding.status).toBe(415);
        expect(encoding.body.message).toContain('encoding');
        const notGzip = await raw('qd-applicant', flow.id, '{"type":"SUBMIT","version":1}', {
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
        });
        expect(notGzip.status).toBe(400);
        expect(notGzip.body.error).toBe('VALIDATION_FAILED');

        const large = await raw(
          'qd-applicant',
          flow.id,
          JSON.stringify({ type: 'SUBMIT', version: 1, comment: 'x'.repeat(200_000) }),
        );
        expect(large.status).toBe(413);
        expect(large.body.error).toBe('PAYLOAD_TOO_LARGE');
      });
      expect(await flow.state('qd-applicant')).toBe('draft');
    });

    it('names an unknown field, lists the event types for an unknown one, and names fields an event does not use', async () => {
      const flow = await Flow.create(http);
      await unchangedAfter(flow, async () => {
        const foo = await flow.send('qd-applicant', { type: 'SUBMIT', foo: 1 });
        expect(foo.status).toBe(400);
        expect(foo.body).toMatchObject({ error: 'VALIDATION_FAILED', message: 'foo: property foo should not exist' });

        for (const type of ['APPROVE', 'submit', '', 5, null]) {
          const res = await flow.send('qd-applicant', { type });
          expect({ type, status: res.status }).toEqual({ type, status: 400 });
          expect(res.body.message).toBe(`type must be one of: ${CLIENT_EVENT_TYPES.join(', ')}`);
        }
        const noType = await flow.send('qd-applicant', {});
        expect(noType.status).toBe(400);
        expect(noType.body.message).toContain('type must be one of: SUBMIT, REQUEST_REVISION');

        const scores = await flow.send('qd-applicant', { type: 'SUBMIT', scores: GOOD_SCORES });
        expect(scores.status).toBe(400);
        expect(scores.body).toMatchObject({
          error: 'VALIDATION_FAILED',
          message: 'scores is not used by SUBMIT',
          fields: ['scores'],
        });
        const two = await flow.send('qd-applicant', {
          type: 'WITHDRAW',
          evaluatorId: randomUUID(),
          decision: 'upheld',
        });
        expect(two.status).toBe(400);
        expect(two.body).toMatchObject({
          message: 'evaluatorId is not used by WITHDRAW; decision is not used by WITHDRAW',
          fields: ['evaluatorId', 'decision'],
        });
      });
    });

    it('checks the type and size of each field', async () => {
      const flow = await Flow.create(http);
      await flow.ok('qd-applicant', { type: 'SUBMIT' });
      await unchangedAfter(flow, async () => {
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ type: 'PASS_PRELIMINARY', version: '2' }, /version must be an integer number/],
          [{ type: 'PASS_PRELIMINARY', version: 0 }, /version must not be less than 1/],
          [{ type: 'PASS_PRELIMINARY', version: 2.5 }, /version must be an integer number/],
          [{ type: 'REJECT', version: 2, reason: 42 }, /reason must be a string/],
          [
            { type: 'REJECT', version: 2, reason: 'x'.repeat(2001) },
            /reason must be shorter than or equal to 2000 characters/,
          ],
          [{ type: 'REJECT', version: 2, reason: '   ' }, /^reason is required for REJECT$/],
          [{ type: 'PASS_PRELIMINARY', version: 2, comment: ['a'] }, /comment must be a string/],
          [{ type: 'ASSIGN_EVALUATOR', version: 2, evaluatorId: 'qd-evaluator-1' }, /evaluatorId must be a UUID/],
          [
            { type: 'RULE_OBJECTION', version: 2, objectionId: randomUUID(), decision: 'partly', reason: 'x' },
            /decision must be one of the following values: upheld, dismissed/,
          ],
          [{ type: 'REJECT', version: 2, reason: 'contains a NUL \u0000 character' }, /cannot be stored/],
        ];
        for (const [body, message] of cases) {
          const res = await flow.send('qd-regulator', body);
          expect({ body, status: res.status, error: res.body.error }).toEqual({
            body,
            status: 400,
            error: 'VALIDATION_FAILED',
          });
          expect({ body, message: res.body.message }).toEqual({ body, message: expect.stringMatching(message) });
        }
      });
    });
  });

  describe('ids in the path', () => {
    it('answers 400 for a non-UUID id and 404 for an unknown one, on every route', async () => {
      const flow = await Flow.create(http);
      const unknown = randomUUID();
      const applicant = await http.as('qd-applicant');
      const regulator = await http.as('qd-regulator');
      for (const id of ['not-a-uuid', '123', `${flow.id}x`, "1' OR '1'='1"]) {
        const path = `/applications/${encodeURIComponent(id)}`;
        for (const res of [
          await applicant.get(path),
          await applicant.get(`${path}/history`),
          await applicant.post(`${path}/events`, { type: 'SUBMIT', version: 1 }),
          await applicant.put(`${path}/materials`, { materials: MATERIALS, version: 1 }),
          await regulator.get(`${path}/evaluators`),
          await (await http.as(null)).post(`${path}/objections`, { reason: 'x', filerName: 'y', filerContact: 'z' }),
        ]) {
          expect({ id, status: res.status, body: res.body }).toEqual({
            id,
            status: 400,
            body: expect.objectContaining({ error: 'VALIDATION_FAILED', message: 'the id in the path must be a UUID' }),
          });
        }
      }
      const ruling = await regulator.post(`/applications/${flow.id}/objections/nope/ruling`, {
        decision: 'dismissed',
        reason: 'x',
        version: 1,
      });
      expect(ruling.status).toBe(400);

      const path = `/applications/${unknown}`;
      for (const res of [
        await applicant.get(path),
        await applicant.get(`${path}/history`),
        await applicant.post(`${path}/events`, { type: 'SUBMIT', version: 1 }),
        await applicant.put(`${path}/materials`, { materials: MATERIALS, version: 1 }),
        await regulator.get(`${path}/evaluators`),
        await regulator.get(`${path}/objections`),
        await (await http.as(null)).post(`${path}/objections`, { reason: 'x', filerName: 'y', filerContact: 'z' }),
      ]) {
        expect({ status: res.status, body: res.body }).toEqual({
          status: 404,
          body: expect.objectContaining({ error: 'NOT_FOUND', message: `application ${unknown} not found` }),
        });
      }
      expect(await recordOf(api, flow.id)).toEqual({ state: 'draft', version: 1, historyRows: 1 });
    });
  });

  describe('event rules', () => {
    async function inAcceptance(): Promise<Flow> {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
      return flow;
    }

    it('names the dimension of a bad score sheet: scores.<dimension>', async () => {
      const flow = await inAcceptance();
      const evaluator = await http.as('qd-evaluator-1');
      await unchangedAfter(flow, async () => {
        const cases: [unknown, string][] = [
          [{ system_completeness: 88, staff_awareness: 80 }, 'scores.results is missing'],
          [
            { system_completeness: 88, staff_awareness: 101, results: 78 },
            'scores.staff_awareness must be a whole number from 0 to 100',
          ],
          [
            { system_completeness: -1, staff_awareness: 80, results: 78 },
            'scores.system_completeness must be a whole number from 0 to 100',
          ],
          [
            { system_completeness: 88.5, staff_awareness: 80, results: 78 },
            'scores.system_completeness must be a whole number from 0 to 100',
          ],
          [
            { system_completeness: '88', staff_awareness: 80, results: 78 },
            'scores.system_completeness must be a whole number from 0 to 100',
          ],
          [
            { system_completeness: null, staff_awareness: 80, results: 78 },
            'scores.system_completeness must be a whole number from 0 to 100',
          ],
          [
            { ...GOOD_SCORES, innovation: 90 },
            'scores.innovation is not a rubric dimension (expected: system_completeness, staff_awareness, results)',
          ],
          [{}, 'scores.system_completeness is missing; scores.staff_awareness is missing; scores.results is missing'],
        ];
        for (const [scores, message] of cases) {
          const res = await flow.send('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores });
          expect({ scores, status: res.status, body: res.body }).toEqual({
            scores,
            status: 400,
            body: expect.objectContaining({ error: 'VALIDATION_FAILED', message, fields: ['scores'] }),
          });
          const put = await evaluator.put(`/applications/${flow.id}/scores`, { scores, version: flow.version });
          expect({ scores, status: put.status, message: put.body.message }).toEqual({ scores, status: 400, message });
        }
        for (const scores of [[88, 80, 78], 'high', 82]) {
          const res = await flow.send('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores });
          expect({ scores, status: res.status, message: res.body.message }).toEqual({
            scores,
            status: 400,
            message: 'scores must be an object',
          });
        }
        const missing = await flow.send('qd-evaluator-1', { type: 'SUBMIT_SCORE' });
        expect(missing.body).toMatchObject({ message: 'scores is required for SUBMIT_SCORE', fields: ['scores'] });
      });
      const panel = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/evaluators`).expect(200);
      expect(panel.body[0]).toMatchObject({ scores: null, weightedScore: null });
    });

    it('names evaluatorId when the user assigned is not an active evaluator', async () => {
      const flow = await inAcceptance();
      await unchangedAfter(flow, async () => {
        for (const user of ['qd-regulator', 'qd-applicant', 'qd-finance', 'admin']) {
          const id = await http.userId(user);
          const res = await flow.send('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: id });
          expect({ user, status: res.status, body: res.body }).toEqual({
            user,
            status: 400,
            body: expect.objectContaining({
              error: 'VALIDATION_FAILED',
              message: `evaluatorId ${id} is not an active evaluator`,
              fields: ['evaluatorId'],
            }),
          });
        }
        const nobody = randomUUID();
        const res = await (
          await http.as('qd-regulator')
        ).post(`/applications/${flow.id}/evaluators`, { evaluatorId: nobody, version: flow.version });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          message: `evaluatorId ${nobody} is not an active evaluator`,
          fields: ['evaluatorId'],
        });
      });
      // a deactivated evaluator cannot be assigned either
      const e2 = await http.userId('qd-evaluator-2');
      await api.get(DataSource).query(`UPDATE users SET active = false WHERE id = $1`, [e2]);
      await unchangedAfter(flow, async () => {
        const res = await flow.send('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: e2 });
        expect(res.status).toBe(400);
        expect(res.body.fields).toEqual(['evaluatorId']);
      });
    });

    it('refuses CLOSE_NOTICE from anyone but the system timer', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.scoredPanel();
      await flow.openEndedNotice();
      await unchangedAfter(flow, async () => {
        for (const user of ['qd-regulator', 'qd-applicant', 'admin', 'hn-regulator']) {
          const res = await flow.send(user, { type: 'CLOSE_NOTICE' });
          expect({ user, status: res.status, body: res.body }).toEqual({
            user,
            status: 403,
            body: expect.objectContaining({
              error: 'FORBIDDEN',
              message: 'CLOSE_NOTICE is sent by the system timer when the notice window ends',
            }),
          });
        }
      });
      expect(await flow.state()).toBe('public_notice');
    });
  });

  describe('creating and editing applications', () => {
    it('names the field of a bad application or material list, and writes nothing', async () => {
      const db = api.get(DataSource);
      const programmeId = await http.programmeId('QDFTZ-2026');
      const applicant = await http.as('qd-applicant');
      const good = { programmeId, title: '申报', materials: MATERIALS };
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [{ ...good, programmeId: 'QDFTZ-2026' }, 400, /^programmeId must be a UUID$/],
        [{ ...good, programmeId: randomUUID() }, 400, /^programmeId [0-9a-f-]{36} does not exist$/],
        [{ ...good, title: '' }, 400, /^title should not be empty$/],
        [{ ...good, title: 'x'.repeat(201) }, 400, /^title must be shorter than or equal to 200 characters$/],
        [{ ...good, title: 'NUL \u0000 in the title' }, 400, /cannot be stored/],
        [{ programmeId, title: '申报' }, 400, /\bmaterials must be an array$/],
        [
          { ...good, materials: [{ key: 'Protection System', title: 't', reference: 'r' }] },
          400,
          /^materials\.0\.key must be snake_case, e\.g\. protection_system$/,
        ],
        [{ ...good, materials: [{ key: 'protection_system', reference: 'r' }] }, 400, /^materials\.0\.title /],
        [
          { ...good, materials: [{ key: 'a', title: 't', reference: 'r', size: 3 }] },
          400,
          /^materials\.0\.size: property size should not exist$/,
        ],
        [
          { ...good, materials: [...MATERIALS, MATERIALS[0]] },
          400,
          /^materials: key 'application_form' appears twice$/,
        ],
        [{ ...good, stationIds: [randomUUID()] }, 400, /^stationIds is only used for demonstration bases$/],
        [
          { ...good, recommendedFromId: randomUUID() },
          400,
          // a recommendation is the regulator's (POST /programmes/:id/candidates), not the applicant's
          /^recommendedFromId: property recommendedFromId should not exist$/,
        ],
        [{ ...good, state: 'designated' }, 400, /^state: property state should not exist$/],
      ];
      for (const [body, status, message] of cases) {
        const res = await applicant.post('/applications', body);
        expect({ body, status: res.status, error: res.body.error }).toEqual({
          body,
          status,
          error: 'VALIDATION_FAILED',
        });
        expect({ body, message: res.body.message }).toEqual({ body, message: expect.stringMatching(message) });
      }
      expect(await db.query(`SELECT count(*)::int AS n FROM applications`)).toEqual([{ n: 0 }]);
      expect(await db.query(`SELECT application_seq FROM programmes WHERE id = $1`, [programmeId])).toEqual([
        { application_seq: 0 },
      ]);

      const flow = await Flow.create(http);
      expect(flow.version).toBe(1);
      await unchangedAfter(flow, async () => {
        const dup = await applicant.put(`/applications/${flow.id}/materials`, {
          materials: [MATERIALS[0], MATERIALS[0]],
          version: 1,
        });
        expect(dup.status).toBe(400);
        expect(dup.body.message).toBe("materials: key 'application_form' appears twice");
        const nul = await applicant.put(`/applications/${flow.id}/materials`, {
          materials: [{ key: 'a', title: 'x\u0000', reference: 'r' }],
          version: 1,
        });
        expect(nul.status).toBe(400);
        const extra = await applicant.put(`/applications/${flow.id}/materials`, {
          materials: MATERIALS,
          version: 1,
          title: 'renamed',
        });
        expect(extra.status).toBe(400);
        expect(extra.body.message).toBe('title: property title should not exist');
      });
    });
  });

  describe('reference data', () => {
    it('holds valid unified social credit codes for the demo organisations', async () => {
      expect(DEMO_ORGANISATIONS.length).toBeGreaterThan(0);
      for (const org of DEMO_ORGANISATIONS) {
        expect({
          key: org.key,
          code: org.creditCode,
          valid: isValidUscc(org.creditCode),
          problem: usccProblem(org.creditCode),
        }).toEqual({
          key: org.key,
          code: org.creditCode,
          valid: true,
          problem: null,
        });
        expect(org.creditCode).toMatch(/^[0-9A-HJ-NP-RTUW-Y]{18}$/);
        // the check character catches a one-character slip
        const slip = org.creditCode.slice(0, 17) + (org.creditCode[17] === '0' ? '1' : '0');
        expect(isValidUscc(slip)).toBe(false);
      }
      const stored: { credit_code: string }[] = await api
        .get(DataSource)
        .query(`SELECT credit_code FROM organisations ORDER BY credit_code`);
      expect(stored.map((o) => o.credit_code)).toEqual(
        expect.arrayContaining(DEMO_ORGANISATIONS.map((o) => o.creditCode)),
      );
      expect(stored.every((o) => isValidUscc(o.credit_code))).toBe(true);
    });
  });
});
