import { CloseNoticeUseCase, SYSTEM_PRINCIPAL, WorkflowEngine } from '@app/accreditation';
import { CLIENT_EVENT_TYPES, AccreditationEventType as E } from '@app/domain';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Flow, GOOD_SCORES, Http, MATERIALS, recordOf, startWorker, TestClock, useApi } from './support/apps';

/** The branches of the accreditation flow: revision, rejection, withdrawal, conflicts, objections, pass mark, revocation. */
describe('accreditation branches through HTTP', () => {
  let api: INestApplication;
  let worker: INestApplication | null = null;
  let http: Http;

  useApi((s) => ({ api, http } = s));
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });

  const PANEL = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'];

  async function putMaterials(flow: Flow, materials: typeof MATERIALS) {
    const res = await (
      await http.as('qd-applicant')
    ).put(`/applications/${flow.id}/materials`, { materials, version: flow.version });
    if (res.status === 200) flow.version = res.body.version;
    return res;
  }

  /** A refused request leaves the application exactly as it was. */
  async function expectUnchanged(flow: Flow, before: { state: string; version: number; historyRows: number }) {
    expect(await recordOf(api, flow.id)).toEqual(before);
  }

  /** Acceptance with a complete, passing panel. */
  async function scoredInAcceptance(): Promise<Flow> {
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel(PANEL);
    return flow;
  }

  /** Opens the notice with the clock 30 days back and files an objection as the public (no token) while the window is open. */
  async function noticeWithObjection(flow: Flow): Promise<string> {
    TestClock.shift(-30 * 86_400_000);
    try {
      await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      const res = await (
        await http.as(null)
      )
        .post(`/applications/${flow.id}/objections`, {
          reason: '该企业曾被行政处罚',
          filerName: '张三',
          filerContact: 'zhangsan@example.com',
        })
        .expect(201);
      await flow.state(); // the receipt carries no version
      return res.body.id as string;
    } finally {
      TestClock.reset();
    }
  }

  describe('return for revision', () => {
    it('is requested at preliminary_review and at recheck; materials are updated and resubmitted, all on the record', async () => {
      const flow = await Flow.create(http);
      await flow.ok('qd-applicant', { type: 'SUBMIT' });

      // a revision needs a reason
      const before = await recordOf(api, flow.id);
      const noReason = await flow.send('qd-regulator', { type: 'REQUEST_REVISION' });
      expect(noReason.status).toBe(400);
      expect(noReason.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['reason'] });
      expect(noReason.body.message).toContain('reason is required for REQUEST_REVISION');
      await expectUnchanged(flow, before);

      // first return, from preliminary review
      const r1 = await flow.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '缺少培训记录签字页' });
      expect(r1.application).toMatchObject({ state: 'revision_requested', version: 3 });
      const returned = await flow.detail('qd-applicant');
      expect(returned).toMatchObject({ state: 'revision_requested', lastReason: '缺少培训记录签字页' });
      expect([...returned.allowedEvents].sort()).toEqual(['RESUBMIT', 'WITHDRAW']);

      // the applicant drops a required material by mistake: the resubmission is refused and names it
      const partial = await putMaterials(
        flow,
        MATERIALS.filter((m) => m.key !== 'self_assessment'),
      );
      expect(partial.status).toBe(200);
      expect(partial.body).toMatchObject({ state: 'revision_requested', version: 4 });
      const incomplete = await flow.send('qd-applicant', { type: 'RESUBMIT' });
      expect(incomplete.status).toBe(422);
      expect(incomplete.body).toMatchObject({
        error: 'GUARD_FAILED',
        reasons: ['required materials are missing: self_assessment'],
      });
      expect(await recordOf(api, flow.id)).toEqual({ state: 'revision_requested', version: 4, historyRows: 4 });

      const fixed = await putMaterials(flow, [
        ...MATERIALS.slice(0, 3),
        { key: 'self_assessment', title: '自评报告（修订）', reference: 'test://self_assessment-v2.pdf' },
      ]);
      expect(fixed.status).toBe(200);
      expect(fixed.body.materials).toHaveLength(4);
      expect((await flow.ok('qd-applicant', { type: 'RESUBMIT', comment: '已补正' })).application).toMatchObject({
        state: 'preliminary_review',
        version: 6,
      });

      // materials are frozen while the regulator has the application
      await flow.ok('qd-regulator', { type: 'PASS_PRELIMINARY' });
      const frozen = await putMaterials(flow, MATERIALS);
      expect(frozen.status).toBe(409);
      expect(frozen.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', state: 'recheck' });

      // second return, from recheck
      const r2 = await flow.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '自评报告与制度汇编不一致' });
      expect(r2.application.state).toBe('revision_requested');
      expect(r2.history).toMatchObject({
        event: 'REQUEST_REVISION',
        fromState: 'recheck',
        toState: 'revision_requested',
        reason: '自评报告与制度汇编不一致',
      });
      expect((await putMaterials(flow, MATERIALS)).status).toBe(200);
      await flow.ok('qd-applicant', { type: 'RESUBMIT' });
      expect(await flow.state()).toBe('preliminary_review');

      const rows = await flow.history('qd-applicant');
      expect(rows.map((r) => [r.event, r.fromState, r.toState])).toEqual([
        ['CREATE', null, 'draft'],
        ['SUBMIT', 'draft', 'preliminary_review'],
        ['REQUEST_REVISION', 'preliminary_review', 'revision_requested'],
        ['UPDATE_MATERIALS', 'revision_requested', 'revision_requested'],
        ['UPDATE_MATERIALS', 'revision_requested', 'revision_requested'],
        ['RESUBMIT', 'revision_requested', 'preliminary_review'],
        ['PASS_PRELIMINARY', 'preliminary_review', 'recheck'],
        ['REQUEST_REVISION', 'recheck', 'revision_requested'],
        ['UPDATE_MATERIALS', 'revision_requested', 'revision_requested'],
        ['RESUBMIT', 'revision_requested', 'preliminary_review'],
      ]);
      expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1));
      const regulatorId = await http.userId('qd-regulator');
      const applicantId = await http.userId('qd-applicant');
      expect(rows.filter((r) => r.event === 'REQUEST_REVISION')).toEqual([
        expect.objectContaining({ actorId: regulatorId, actorRole: 'regulator', reason: '缺少培训记录签字页' }),
        expect.objectContaining({ actorId: regulatorId, actorRole: 'regulator', reason: '自评报告与制度汇编不一致' }),
      ]);
      expect(rows.filter((r) => r.event === 'RESUBMIT')).toEqual([
        expect.objectContaining({
          actorId: applicantId,
          actorRole: 'applicant',
          payload: { comment: '已补正', materials: MATERIALS.map((m) => m.key) },
        }),
        expect.objectContaining({ actorId: applicantId, actorRole: 'applicant' }),
      ]);
      expect(rows[3].payload).toEqual({ materials: ['application_form', 'protection_system', 'training_records'] });
    });

    it('refuses a revision request from the applicant (403) and a resubmission that was not asked for (409)', async () => {
      const flow = await Flow.create(http);
      await flow.ok('qd-applicant', { type: 'SUBMIT' });
      const before = await recordOf(api, flow.id);

      const byApplicant = await flow.send('qd-applicant', { type: 'REQUEST_REVISION', reason: 'x' });
      expect(byApplicant.status).toBe(403);
      expect(byApplicant.body.error).toBe('FORBIDDEN');

      const resubmit = await flow.send('qd-applicant', { type: 'RESUBMIT' });
      expect(resubmit.status).toBe(409);
      expect(resubmit.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', state: 'preliminary_review' });
      expect([...resubmit.body.allowedEvents].sort()).toEqual([
        'PASS_PRELIMINARY',
        'REJECT',
        'REQUEST_REVISION',
        'WITHDRAW',
      ]);
      expect(resubmit.body.message).toContain('RESUBMIT is not allowed in state preliminary_review');
      await expectUnchanged(flow, before);
    });
  });

  describe('rejection', () => {
    it('needs a reason (400 naming reason), then the application is final', async () => {
      const flow = await Flow.create(http);
      await flow.ok('qd-applicant', { type: 'SUBMIT' });
      await flow.ok('qd-regulator', { type: 'PASS_PRELIMINARY' });
      const before = await recordOf(api, flow.id);

      for (const body of [{ type: 'REJECT' }, { type: 'REJECT', reason: '' }]) {
        const res = await flow.send('qd-regulator', body);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
        expect(res.body.message).toMatch(/\breason\b/);
      }
      await expectUnchanged(flow, before);

      const done = await flow.ok('qd-regulator', { type: 'REJECT', reason: '不符合申报条件：成立未满一年' });
      expect(done.application).toMatchObject({ state: 'rejected', version: before.version + 1 });
      expect(done.history).toMatchObject({
        event: 'REJECT',
        fromState: 'recheck',
        toState: 'rejected',
        actorRole: 'regulator',
        reason: '不符合申报条件：成立未满一年',
      });

      for (const user of ['qd-applicant', 'qd-regulator']) {
        expect(await flow.detail(user)).toMatchObject({
          state: 'rejected',
          allowedEvents: [],
          lastReason: '不符合申报条件：成立未满一年',
        });
      }
      const withdraw = await flow.send('qd-applicant', { type: 'WITHDRAW' });
      expect(withdraw.status).toBe(409);
      expect(withdraw.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', state: 'rejected', allowedEvents: [] });
      expect(withdraw.body.message).toContain('none (final state)');

      // a rejected application no longer blocks a new one of the same organisation
      const again = await Flow.create(http);
      expect(again.id).not.toBe(flow.id);
    });
  });

  describe('withdrawal', () => {
    /** Sends every event of the vocabulary, as a role that may send it, and expects 409 with no allowed events. */
    async function expectEverythingRefused(flow: Flow, panelMember: string | null) {
      const before = await recordOf(api, flow.id);
      expect(before.state).toBe('withdrawn');
      const e4 = await http.userId('qd-evaluator-4');
      const attempts: [E, string | null, Record<string, unknown>][] = [
        [E.Submit, 'qd-applicant', {}],
        [E.RequestRevision, 'qd-regulator', { reason: '补正' }],
        [E.Resubmit, 'qd-applicant', {}],
        [E.PassPreliminary, 'qd-regulator', {}],
        [E.PassRecheck, 'qd-regulator', {}],
        [E.AssignEvaluator, 'qd-regulator', { evaluatorId: e4 }],
        [E.DeclareConflict, panelMember, { reason: '曾任顾问' }],
        [E.SubmitScore, panelMember, { scores: GOOD_SCORES }],
        [E.OpenPublicNotice, 'qd-regulator', {}],
        [E.RuleObjection, 'qd-regulator', { objectionId: randomUUID(), decision: 'dismissed', reason: '不成立' }],
        [E.Designate, 'qd-regulator', {}],
        [E.Reject, 'qd-regulator', { reason: '驳回' }],
        [E.Withdraw, 'qd-applicant', { reason: '再次撤回' }],
        [E.Revoke, 'qd-regulator', { reason: '撤销' }],
      ];
      const byTheSystem = [E.CloseNotice, E.Lapse, E.Expire] as const;
      const tried = new Set<E>(byTheSystem);
      for (const [type, user, fields] of attempts) {
        tried.add(type);
        if (user === null) {
          // no evaluator was ever on the panel: they may not even know of the application
          const res = await flow.send('qd-evaluator-1', { type, ...fields });
          expect({ type, status: res.status, error: res.body.error }).toEqual({
            type,
            status: 404,
            error: 'NOT_FOUND',
          });
          continue;
        }
        const res = await flow.send(user, { type, ...fields });
        expect({
          type,
          status: res.status,
          error: res.body.error,
          allowedEvents: res.body.allowedEvents,
          state: res.body.state,
        }).toEqual({
          type,
          status: 409,
          error: 'EVENT_NOT_ALLOWED',
          allowedEvents: [],
          state: 'withdrawn',
        });
      }
      // CLOSE_NOTICE, LAPSE and EXPIRE come only from the system's timers
      for (const type of byTheSystem) {
        await expect(api.get(WorkflowEngine).fire(flow.id, SYSTEM_PRINCIPAL, { type })).rejects.toMatchObject({
          code: 'EVENT_NOT_ALLOWED',
          details: { allowedEvents: [], state: 'withdrawn' },
        });
      }
      expect([...tried].sort()).toEqual([...CLIENT_EVENT_TYPES].sort());
      await expectUnchanged(flow, before);
      for (const user of ['qd-applicant', 'qd-regulator']) expect((await flow.detail(user)).allowedEvents).toEqual([]);
    }

    it('from draft, by the applicant, with a reason on the record', async () => {
      const flow = await Flow.create(http);
      const byRegulator = await flow.send('qd-regulator', { type: 'WITHDRAW' });
      expect(byRegulator.status).toBe(403);
      const res = await flow.ok('qd-applicant', { type: 'WITHDRAW', reason: '材料准备不足，明年再报' });
      expect(res.application).toMatchObject({ state: 'withdrawn', version: 2 });
      expect(res.history).toMatchObject({
        event: 'WITHDRAW',
        fromState: 'draft',
        toState: 'withdrawn',
        actorRole: 'applicant',
        reason: '材料准备不足，明年再报',
      });
      await expectEverythingRefused(flow, null);
      const edit = await (
        await http.as('qd-applicant')
      ).put(`/applications/${flow.id}/materials`, { materials: MATERIALS, version: flow.version });
      expect(edit.status).toBe(409);
    });

    it('from acceptance, with an evaluator on the panel', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
      await flow.ok('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      const res = await flow.ok('qd-applicant', { type: 'WITHDRAW' });
      expect(res.history).toMatchObject({
        event: 'WITHDRAW',
        fromState: 'acceptance',
        toState: 'withdrawn',
        reason: null,
      });
      await expectEverythingRefused(flow, 'qd-evaluator-1');
    });

    it('from public_notice: leaves the public register and the deadline job finds nothing to do', async () => {
      const flow = await scoredInAcceptance();
      await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      const listed = await (await http.as(null)).get('/public/register?state=public_notice').expect(200);
      expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([flow.id]);

      const res = await flow.ok('qd-applicant', { type: 'WITHDRAW', reason: '主动撤回' });
      expect(res.history).toMatchObject({ fromState: 'public_notice', toState: 'withdrawn' });
      const gone = await (await http.as(null)).get('/public/register?state=public_notice').expect(200);
      expect(gone.body).toMatchObject({ items: [], total: 0 });
      // nobody outside may object any more: the application is not public
      const objection = await (
        await http.as(null)
      ).post(`/applications/${flow.id}/objections`, { reason: 'x', filerName: 'y', filerContact: 'z' });
      expect(objection.status).toBe(404);

      await expectEverythingRefused(flow, 'qd-evaluator-1');
      TestClock.shift(30 * 86_400_000);
      expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({
        kind: 'nothing-to-do',
        why: 'application is withdrawn',
      });
      expect((await recordOf(api, flow.id)).state).toBe('withdrawn');
    });
  });

  describe('conflict of interest', () => {
    it('excuses the evaluator, hides the application from them, and blocks the notice until a replacement has scored', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      const ids = Object.fromEntries(
        await Promise.all(
          ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3', 'qd-evaluator-4'].map(
            async (u) => [u, await http.userId(u)] as const,
          ),
        ),
      );
      for (const e of PANEL) {
        const res = await (
          await http.as('qd-regulator')
        ).post(`/applications/${flow.id}/evaluators`, { evaluatorId: ids[e], version: flow.version });
        expect(res.status).toBe(200);
        flow.version = res.body.application.version;
      }
      await flow.ok('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      await flow.ok('qd-evaluator-2', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      const e3 = await http.as('qd-evaluator-3');
      expect((await e3.get('/applications').expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([
        flow.id,
      ]);

      // a declaration needs a reason
      const before = await recordOf(api, flow.id);
      const noReason = await e3.post(`/applications/${flow.id}/conflicts`, { version: flow.version });
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toMatch(/^reason/);
      await expectUnchanged(flow, before);

      const declared = await e3.post(`/applications/${flow.id}/conflicts`, {
        reason: '曾任申报单位技术顾问',
        version: flow.version,
      });
      expect(declared.status).toBe(200);
      flow.version = declared.body.application.version;
      expect(declared.body.application.state).toBe('acceptance');
      expect(declared.body.history).toMatchObject({
        event: 'DECLARE_CONFLICT',
        fromState: 'acceptance',
        toState: 'acceptance',
        actorId: ids['qd-evaluator-3'],
        actorRole: 'evaluator',
        reason: '曾任申报单位技术顾问',
      });

      // the excused evaluator can no longer see or act on it
      expect((await e3.get(`/applications/${flow.id}`)).status).toBe(404);
      expect((await e3.get(`/applications/${flow.id}/history`)).status).toBe(404);
      expect((await e3.get('/applications').expect(200)).body).toMatchObject({ items: [], total: 0 });
      const lateScore = await flow.send('qd-evaluator-3', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      expect(lateScore.status).toBe(404);

      const panel = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/evaluators`).expect(200);
      expect(panel.body.find((r: { evaluatorId: string }) => r.evaluatorId === ids['qd-evaluator-3'])).toMatchObject({
        status: 'excused',
        conflictReason: '曾任申报单位技术顾问',
      });

      const early = await flow.send('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      expect(early.status).toBe(422);
      expect(early.body).toMatchObject({
        error: 'GUARD_FAILED',
        reasons: ['the evaluator panel is incomplete: 2 of 3 evaluators assigned'],
      });

      const again = await flow.send('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: ids['qd-evaluator-3'] });
      expect(again.status).toBe(422);
      expect(again.body.reasons).toEqual(['this evaluator declared a conflict of interest and cannot be reassigned']);

      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: ids['qd-evaluator-4'] });
      const unscored = await flow.send('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      expect(unscored.status).toBe(422);
      expect(unscored.body.reasons).toEqual(['1 of 3 evaluators have not submitted their scores']);
      const fifth = await flow.send('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: ids['qd-evaluator-1'] });
      expect(fifth.status).toBe(422);
      expect(fifth.body.reasons).toEqual(['this evaluator is already on the panel']);

      const scored = await (
        await http.as('qd-evaluator-4')
      ).put(`/applications/${flow.id}/scores`, { scores: GOOD_SCORES, version: flow.version });
      expect(scored.status).toBe(200);
      flow.version = scored.body.application.version;

      const opened = await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      expect(opened.application.state).toBe('public_notice');
      const rows = await flow.history();
      expect(rows.map((r) => r.event).slice(4)).toEqual([
        'ASSIGN_EVALUATOR',
        'ASSIGN_EVALUATOR',
        'ASSIGN_EVALUATOR',
        'SUBMIT_SCORE',
        'SUBMIT_SCORE',
        'DECLARE_CONFLICT',
        'ASSIGN_EVALUATOR',
        'SUBMIT_SCORE',
        'OPEN_PUBLIC_NOTICE',
      ]);
    });
  });

  describe('objections during the public notice', () => {
    it('filed by the public without a token and upheld: the application is rejected', async () => {
      const flow = await scoredInAcceptance();
      await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });

      const pub = await http.as(null);
      const incomplete = await pub.post(`/applications/${flow.id}/objections`, {
        reason: '冒用他人技术',
        filerName: '王五',
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.message).toContain('filerContact');
      const before = await recordOf(api, flow.id);
      expect(before.historyRows).toBe(11);

      const filed = await pub.post(`/applications/${flow.id}/objections`, {
        reason: '冒用他人技术',
        filerName: '王五',
        filerContact: 'wangwu@example.com',
      });
      expect(filed.status).toBe(201);
      const { noticeEndsAt } = await flow.detail();
      expect(filed.body).toEqual({ id: expect.any(String), receivedAt: expect.any(String), noticeEndsAt });
      const objectionId = filed.body.id as string;
      expect(objectionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await recordOf(api, flow.id)).toMatchObject({ version: before.version + 1 });
      expect((await flow.history()).at(-1)).toMatchObject({
        event: 'FILE_OBJECTION',
        actorId: null,
        actorRole: 'public',
        reason: '冒用他人技术',
        payload: { objectionId, duplicateOf: null },
      });

      const listed = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(listed.body).toEqual([
        expect.objectContaining({
          id: objectionId,
          status: 'open',
          filerName: '王五',
          filerContact: 'wangwu@example.com',
          reason: '冒用他人技术',
          noticeRound: 1,
        }),
      ]);
      // the register shows the notice, never who objected
      const register = await pub.get('/public/register?state=public_notice').expect(200);
      expect(JSON.stringify(register.body)).not.toContain('wangwu');

      const noReason = await (
        await http.as('qd-regulator')
      ).post(`/applications/${flow.id}/objections/${objectionId}/ruling`, {
        decision: 'upheld',
        version: flow.version,
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toContain('reason');
      const ruled = await (
        await http.as('qd-regulator')
      ).post(`/applications/${flow.id}/objections/${objectionId}/ruling`, {
        decision: 'upheld',
        reason: '经核实，异议成立',
        version: flow.version,
      });
      expect(ruled.status).toBe(200);
      expect(ruled.body.application.state).toBe('rejected');
      expect(ruled.body.history).toMatchObject({
        event: 'RULE_OBJECTION',
        fromState: 'public_notice',
        toState: 'rejected',
        reason: '经核实，异议成立',
        payload: { objectionId, decision: 'upheld' },
      });
      flow.version = ruled.body.application.version;
      expect(await flow.detail('qd-applicant')).toMatchObject({
        state: 'rejected',
        lastReason: '经核实，异议成立',
        allowedEvents: [],
      });
      const after = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(after.body[0]).toMatchObject({ status: 'upheld', rulingReason: '经核实，异议成立' });

      // the deadline job that fires later leaves the rejection alone
      TestClock.shift(30 * 86_400_000);
      expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({
        kind: 'nothing-to-do',
        why: 'application is rejected',
      });
      expect(await recordOf(api, flow.id)).toEqual({ state: 'rejected', version: before.version + 2, historyRows: 13 });
    });

    it('dismissed: the worker closes the notice and designation proceeds', async () => {
      const flow = await scoredInAcceptance();
      const objectionId = await noticeWithObjection(flow);
      const rule = (decision: string, reason = '异议不成立') =>
        http.as('qd-regulator').then((r) =>
          r.post(`/applications/${flow.id}/objections/${objectionId}/ruling`, {
            decision,
            reason,
            version: flow.version,
          }),
        );

      const badDecision = await rule('maybe');
      expect(badDecision.status).toBe(400);
      expect(badDecision.body.message).toContain('decision');

      const ruled = await rule('dismissed');
      expect(ruled.status).toBe(200);
      expect(ruled.body.application.state).toBe('public_notice');
      flow.version = ruled.body.application.version;

      const twice = await rule('upheld', '改判');
      expect(twice.status).toBe(422);
      expect(twice.body.reasons).toEqual([`objection ${objectionId} was already ruled dismissed`]);
      const unknown = await (
        await http.as('qd-regulator')
      ).post(`/applications/${flow.id}/objections/${randomUUID()}/ruling`, {
        decision: 'dismissed',
        reason: 'x',
        version: flow.version,
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.reasons[0]).toMatch(/does not belong to this application$/);

      const early = await flow.send('qd-regulator', { type: 'DESIGNATE' });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', state: 'public_notice' });
      expect([...early.body.allowedEvents].sort()).toEqual(['CLOSE_NOTICE', 'REJECT', 'RULE_OBJECTION', 'WITHDRAW']);

      worker = await startWorker();
      await flow.waitForState('notice_closed');
      const designated = await flow.ok('qd-regulator', { type: 'DESIGNATE', comment: '同意认定' });
      expect(designated.application.state).toBe('designated');

      const rows = await flow.history();
      expect(rows.map((r) => r.event).slice(-5)).toEqual([
        'OPEN_PUBLIC_NOTICE',
        'FILE_OBJECTION',
        'RULE_OBJECTION',
        'CLOSE_NOTICE',
        'DESIGNATE',
      ]);
      expect(rows.find((r) => r.event === 'RULE_OBJECTION')).toMatchObject({
        fromState: 'public_notice',
        toState: 'public_notice',
        actorRole: 'regulator',
        reason: '异议不成立',
        payload: { objectionId, decision: 'dismissed' },
      });
      expect(rows.find((r) => r.event === 'CLOSE_NOTICE')).toMatchObject({ actorRole: 'system', actorId: null });
    });

    it('refuses an objection filed after the window ended, before the timer closed the notice (422)', async () => {
      const flow = await scoredInAcceptance();
      await flow.openEndedNotice();
      const { noticeEndsAt } = await flow.detail();
      const before = await recordOf(api, flow.id);
      expect(before.state).toBe('public_notice');

      const late = await (
        await http.as(null)
      ).post(`/applications/${flow.id}/objections`, {
        reason: '迟到的异议',
        filerName: '赵六',
        filerContact: '13900000000',
      });
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({
        error: 'GUARD_FAILED',
        reasons: [`the public notice window ended at ${noticeEndsAt}; objections are no longer accepted`],
      });
      await expectUnchanged(flow, before);
      expect(
        (await (await http.as('qd-regulator')).get(`/applications/${flow.id}/objections`).expect(200)).body,
      ).toEqual([]);
    });

    it('refuses DESIGNATE (422) while an objection awaits a ruling', async () => {
      const flow = await scoredInAcceptance();
      const objectionId = await noticeWithObjection(flow);
      expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({ kind: 'closed' });
      expect(await flow.state()).toBe('notice_closed');

      const before = await recordOf(api, flow.id);
      const refused = await flow.send('qd-regulator', { type: 'DESIGNATE' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: 'GUARD_FAILED',
        reasons: [`objections still await a ruling: ${objectionId}`],
      });
      expect(refused.body.message).toContain('DESIGNATE refused');
      await expectUnchanged(flow, before);

      await flow.ok('qd-regulator', { type: 'RULE_OBJECTION', objectionId, decision: 'dismissed', reason: '不成立' });
      expect(await flow.state()).toBe('notice_closed');
      expect((await flow.ok('qd-regulator', { type: 'DESIGNATE' })).application.state).toBe('designated');
    });
  });

  describe('pass mark', () => {
    it('refuses the notice below the pass mark with the aggregate in the message, and accepts it exactly at the mark', async () => {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      for (const e of PANEL)
        await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId(e) });
      // weighted 40/30/30: 61.00, 71.00, 65.00 → mean 65.67
      await flow.ok('qd-evaluator-1', {
        type: 'SUBMIT_SCORE',
        scores: { system_completeness: 70, staff_awareness: 60, results: 50 },
      });
      await flow.ok('qd-evaluator-2', {
        type: 'SUBMIT_SCORE',
        scores: { system_completeness: 80, staff_awareness: 70, results: 60 },
      });
      await flow.ok('qd-evaluator-3', {
        type: 'SUBMIT_SCORE',
        scores: { system_completeness: 65, staff_awareness: 65, results: 65 },
      });
      expect((await flow.detail('qd-regulator')).aggregateScore).toBe('65.67');
      expect((await flow.detail('qd-applicant')).aggregateScore).toBeNull();

      const before = await recordOf(api, flow.id);
      const refused = await flow.send('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: 'GUARD_FAILED',
        reasons: ['the aggregate score 65.67 is below the pass mark 70'],
      });
      expect(refused.body.message).toContain('65.67');
      await expectUnchanged(flow, before);

      // the first evaluator corrects their sheet: 74.00 → mean exactly 70.00
      await flow.ok('qd-evaluator-1', {
        type: 'SUBMIT_SCORE',
        scores: { system_completeness: 74, staff_awareness: 74, results: 74 },
      });
      expect((await flow.detail('qd-regulator')).aggregateScore).toBe('70.00');
      expect((await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' })).application.state).toBe('public_notice');
    });
  });

  describe('revocation', () => {
    it('takes back a designated title, with a reason', async () => {
      const flow = await scoredInAcceptance();
      await flow.openEndedNotice();
      expect(await api.get(CloseNoticeUseCase).execute(flow.id, 1)).toEqual({ kind: 'closed' });
      expect(await flow.state()).toBe('notice_closed');
      await flow.ok('qd-regulator', { type: 'DESIGNATE' });
      const designated = await flow.detail('qd-regulator');
      expect(designated).toMatchObject({ state: 'designated', allowedEvents: ['REVOKE'] });

      const withdraw = await flow.send('qd-applicant', { type: 'WITHDRAW' });
      expect(withdraw.status).toBe(409);
      // the events the state takes, by anyone: the system's EXPIRE too (as CLOSE_NOTICE in public_notice)
      expect(withdraw.body).toMatchObject({
        error: 'EVENT_NOT_ALLOWED',
        state: 'designated',
        allowedEvents: ['REVOKE', 'EXPIRE'],
      });

      const before = await recordOf(api, flow.id);
      const noReason = await flow.send('qd-regulator', { type: 'REVOKE' });
      expect(noReason.status).toBe(400);
      expect(noReason.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['reason'] });
      const byApplicant = await flow.send('qd-applicant', { type: 'REVOKE', reason: 'x' });
      expect(byApplicant.status).toBe(403);
      await expectUnchanged(flow, before);

      const revoked = await flow.ok('qd-regulator', { type: 'REVOKE', reason: '因侵犯商业秘密受到行政处罚' });
      expect(revoked.application).toMatchObject({
        state: 'revoked',
        version: before.version + 1,
        validUntil: designated.validUntil,
      });
      expect(revoked.history).toMatchObject({
        event: 'REVOKE',
        fromState: 'designated',
        toState: 'revoked',
        actorRole: 'regulator',
        reason: '因侵犯商业秘密受到行政处罚',
      });
      expect(await flow.detail('qd-applicant')).toMatchObject({
        state: 'revoked',
        allowedEvents: [],
        lastReason: '因侵犯商业秘密受到行政处罚',
      });

      const register = await (await http.as(null)).get('/public/register?state=revoked').expect(200);
      expect(register.body.items).toEqual([expect.objectContaining({ id: flow.id, state: 'revoked' })]);
      const again = await flow.send('qd-regulator', { type: 'REVOKE', reason: '再次撤销' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', allowedEvents: [] });
    });
  });
});
