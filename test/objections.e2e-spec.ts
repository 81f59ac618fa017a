import { INestApplication } from '@nestjs/common';
import { CloseNoticeUseCase } from '@app/accreditation';
import { Flow, Http, recordOf, TestClock, useApi } from './support/apps';

interface ObjectionRow {
  id: string;
  reason: string;
  status: string;
  duplicateOf: string | null;
  rulingReason: string | null;
}

/** Objections without abuse: a contact and a filer required, duplicates recorded as such, bulk rulings. */
describe('objections', () => {
  let api: INestApplication;
  let http: Http;
  useApi((s) => ({ api, http } = s));

  async function openNotice(): Promise<Flow> {
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel();
    await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    return flow;
  }
  const file = async (flow: Flow, body: Record<string, unknown>) =>
    (await http.as(null)).post(`/applications/${flow.id}/objections`, body);
  const listed = async (flow: Flow) =>
    (await (await http.as('qd-regulator')).get(`/applications/${flow.id}/objections`).expect(200))
      .body as ObjectionRow[];

  describe('filing', () => {
    it('needs a phone number or e-mail address and a name or an organisation (400 naming the field, nothing written)', async () => {
      const flow = await openNotice();
      const before = await recordOf(api, flow.id);
      const cases: [Record<string, unknown>, string[], RegExp][] = [
        [{ reason: '异议', filerName: '王五' }, ['filerContact'], /filerContact/],
        [{ reason: '异议', filerName: '王五', filerContact: '' }, ['filerContact'], /filerContact/],
        [{ reason: '异议', filerName: '王五', filerContact: '王五的电话' }, ['filerContact'], /phone number/],
        [{ reason: '异议', filerName: '王五', filerContact: '12345' }, ['filerContact'], /phone number/],
        [{ reason: '异议', filerName: '王五', filerContact: 'wangwu@' }, ['filerContact'], /e-mail/],
        [{ reason: '异议', filerContact: '13800000000' }, ['filerName'], /filerName or filerOrganisation/],
        [{ reason: '异议', filerName: '  ', filerContact: '13800000000' }, ['filerName'], /filerName or/],
        [{ filerName: '王五', filerContact: '13800000000' }, ['reason'], /reason/],
      ];
      for (const [body, fields, message] of cases) {
        const res = await file(flow, body);
        expect({ body, status: res.status, error: res.body.error }).toEqual({
          body,
          status: 400,
          error: 'VALIDATION_FAILED',
        });
        expect(res.body.message).toMatch(message);
        if (res.body.fields) expect(res.body.fields).toEqual(expect.arrayContaining(fields));
      }
      expect(await recordOf(api, flow.id)).toEqual(before);

      // an organisation alone will do, and a landline
      const org = await file(flow, { reason: '异议', filerOrganisation: '青岛某协会', filerContact: '0532-88888888' });
      expect(org.status).toBe(201);
      expect((await listed(flow))[0]).toMatchObject({ filerName: null, filerOrganisation: '青岛某协会' });
    });

    it('is no longer an event of POST /events: objections have one door, with its limits', async () => {
      const flow = await openNotice();
      const res = await flow.send('qd-applicant', {
        type: 'FILE_OBJECTION',
        reason: '异议',
        filerName: '李四',
        filerContact: '13800000000',
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/type must be one of: (?!.*FILE_OBJECTION)/);
      expect((await flow.detail('qd-regulator')).allowedEvents).not.toContain('FILE_OBJECTION');
    });
  });

  describe('duplicates', () => {
    it('records a repeat (same contact, or the same text once spaces, case and punctuation are set aside) as a duplicate of the first, with the same receipt', async () => {
      const flow = await openNotice();
      const first = await file(flow, {
        reason: '该企业曾被行政处罚，冒用他人技术！',
        filerName: '张三',
        filerContact: '13800000001',
      });
      const sameContact = await file(flow, {
        reason: '另外：培训记录是伪造的',
        filerName: '张三',
        filerContact: '+86 138-0000-0001',
      });
      const sameText = await file(flow, {
        reason: '该企业 曾被行政处罚, 冒用他人技术!',
        filerOrganisation: '某商会',
        filerContact: 'HuiYuan@Example.com',
      });
      const different = await file(flow, { reason: '材料不实', filerName: '赵六', filerContact: '13900000009' });
      for (const r of [first, sameContact, sameText, different]) {
        expect(r.status).toBe(201);
        expect(Object.keys(r.body).sort()).toEqual(['id', 'noticeEndsAt', 'receivedAt']);
      }
      const rows = await listed(flow);
      expect(rows.map((o) => [o.id, o.duplicateOf])).toEqual([
        [first.body.id, null],
        [sameContact.body.id, first.body.id],
        [sameText.body.id, first.body.id],
        [different.body.id, null],
      ]);
      // the applicant may see that objections repeat one another, not who filed them
      const applicant = await (await http.as('qd-applicant')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(applicant.body[2]).toMatchObject({ duplicateOf: first.body.id, filerContact: null });
    });
  });

  describe('bulk ruling', () => {
    async function withCopies(n: number): Promise<{ flow: Flow; ids: string[] }> {
      const flow = await openNotice();
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = await file(flow, {
          reason: '该企业冒用他人技术',
          filerName: `公众${i}`,
          filerContact: `1380000${String(i).padStart(4, '0')}`,
        });
        expect(r.status).toBe(201);
        ids.push(r.body.id);
      }
      await flow.state();
      return { flow, ids };
    }
    const rule = async (flow: Flow, body: Record<string, unknown>, as = 'qd-regulator') =>
      (await http.as(as)).post(`/applications/${flow.id}/objections/rulings`, body);

    it('dismisses identical objections at once, each with its ruling and history row; designation goes on', async () => {
      const { flow, ids } = await withCopies(4);
      const before = await recordOf(api, flow.id);
      const res = await rule(flow, {
        objectionIds: ids,
        decision: 'dismissed',
        reason: '经核实，异议不成立',
        version: flow.version,
      });
      expect(res.status).toBe(200);
      expect(res.body.application).toMatchObject({ state: 'public_notice', version: before.version + 4 });
      expect(res.body.history.map((h: { payload: { objectionId: string } }) => h.payload.objectionId)).toEqual(ids);
      expect(await recordOf(api, flow.id)).toEqual({
        state: 'public_notice',
        version: before.version + 4,
        historyRows: before.historyRows + 4,
      });
      const rows = (await flow.history()).filter((r) => r.event === 'RULE_OBJECTION');
      expect(rows.map((r) => [r.version, r.payload.objectionId, r.payload.decision, r.reason])).toEqual(
        ids.map((id, i) => [before.version + 1 + i, id, 'dismissed', '经核实，异议不成立']),
      );
      expect((await listed(flow)).map((o) => [o.status, o.rulingReason])).toEqual(
        ids.map(() => ['dismissed', '经核实，异议不成立']),
      );

      TestClock.shift(30 * 86_400_000); // the window has ended
      expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({ kind: 'closed' });
      await flow.state();
      expect((await flow.ok('qd-regulator', { type: 'DESIGNATE' })).application.state).toBe('designated');
    });

    it('writes nothing when one ruling is refused, or the version is stale', async () => {
      const { flow, ids } = await withCopies(3);
      await flow.ok('qd-regulator', {
        type: 'RULE_OBJECTION',
        objectionId: ids[1],
        decision: 'dismissed',
        reason: 'x',
      });
      const before = await recordOf(api, flow.id);

      const oneRuled = await rule(flow, {
        objectionIds: ids,
        decision: 'dismissed',
        reason: '不成立',
        version: flow.version,
      });
      expect(oneRuled.status).toBe(422);
      expect(oneRuled.body.reasons).toEqual([`objection ${ids[1]} was already ruled dismissed`]);

      const stale = await rule(flow, {
        objectionIds: [ids[0], ids[2]],
        decision: 'dismissed',
        reason: '不成立',
        version: flow.version - 1,
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: 'VERSION_CONFLICT', currentVersion: flow.version });
      expect((await rule(flow, { objectionIds: [ids[0]], decision: 'dismissed', reason: 'x' })).status).toBe(428);

      expect(await recordOf(api, flow.id)).toEqual(before);
      expect((await listed(flow)).map((o) => o.status)).toEqual(['open', 'dismissed', 'open']);
    });

    it('refuses what a bulk ruling cannot mean: several upheld, an id twice, none; and anyone but the regulator', async () => {
      const { flow, ids } = await withCopies(2);
      const before = await recordOf(api, flow.id);
      const refusals: [Record<string, unknown>, number, RegExp][] = [
        [{ objectionIds: ids, decision: 'upheld', reason: '成立' }, 400, /uphold one objection/],
        [{ objectionIds: [ids[0], ids[0]], decision: 'dismissed', reason: '不成立' }, 400, /twice/],
        [{ objectionIds: [], decision: 'dismissed', reason: '不成立' }, 400, /objectionIds/],
        [{ objectionIds: ['nope'], decision: 'dismissed', reason: '不成立' }, 400, /objectionIds/],
        [{ objectionIds: ids, decision: 'dismissed' }, 400, /reason/],
      ];
      for (const [body, status, message] of refusals) {
        const res = await rule(flow, { ...body, version: flow.version });
        expect({ body, status: res.status }).toEqual({ body, status });
        expect(res.body.message).toMatch(message);
      }
      const applicant = await rule(
        flow,
        { objectionIds: ids, decision: 'dismissed', reason: '不成立', version: flow.version },
        'qd-applicant',
      );
      expect(applicant.status).toBe(403);
      expect(await recordOf(api, flow.id)).toEqual(before);

      // one upheld objection rejects the application
      const upheld = await rule(flow, {
        objectionIds: [ids[0]],
        decision: 'upheld',
        reason: '成立',
        version: flow.version,
      });
      expect(upheld.status).toBe(200);
      expect(upheld.body.application.state).toBe('rejected');
    });
  });
});
