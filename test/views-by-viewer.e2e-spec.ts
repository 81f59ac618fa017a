import { CloseNoticeUseCase } from '@app/accreditation';
import { INestApplication } from '@nestjs/common';
import { Flow, GOOD_SCORES, Http, type HistoryRow, useApi } from './support/apps';

/**
 * Every response that carries history, scores, objections or people is shaped for its reader (the domain's
 * field-visibility policy): these reproduce the findings on the real endpoints, role by role.
 */
describe('views by viewer', () => {
  let api: INestApplication;
  let http: Http;
  useApi((s) => ({ api, http } = s));

  const PRIVATE_COMMENT = '私下意见：培训记录明显不足';
  const E1_SCORES = { system_completeness: 90, staff_awareness: 70, results: 60 };

  const panel = async (username: string, flow: Flow) =>
    (await (await http.as(username)).get(`/applications/${flow.id}/evaluators`).expect(200)).body as {
      evaluatorId: string;
      scores: Record<string, number> | null;
      weightedScore: number | null;
      comment: string | null;
      conflictReason: string | null;
    }[];
  const scoreRows = (rows: HistoryRow[]) => rows.filter((r) => r.event === 'SUBMIT_SCORE');

  /** Acceptance with three evaluators assigned and the first one's sheet in. */
  async function oneSheetIn(): Promise<{ flow: Flow; e1: string; e2: string }> {
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    for (const e of ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'])
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId(e) });
    await flow.ok('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: E1_SCORES, comment: PRIVATE_COMMENT });
    return { flow, e1: await http.userId('qd-evaluator-1'), e2: await http.userId('qd-evaluator-2') };
  }

  describe('blind scoring', () => {
    it('the applicant reads the steps of acceptance but no score sheet, comment, weighted score or evaluator', async () => {
      const { flow, e1, e2 } = await oneSheetIn();
      const rows = await flow.history('qd-applicant');
      expect(scoreRows(rows)).toEqual([
        expect.objectContaining({
          event: 'SUBMIT_SCORE',
          actorRole: 'evaluator',
          actorId: null,
          payload: {},
          withheld: ['actorId', 'payload.scores', 'payload.weightedScore', 'payload.comment'],
        }),
      ]);
      const text = JSON.stringify(rows);
      for (const secret of [PRIVATE_COMMENT, e1, e2, '"scores"', '7500', 'system_completeness']) {
        expect(text).not.toContain(secret);
      }
      expect(rows.filter((r) => r.event === 'ASSIGN_EVALUATOR')).toHaveLength(3);
      // the evaluators' list is not the applicant's to read at all
      expect((await (await http.as('qd-applicant')).get(`/applications/${flow.id}/evaluators`)).status).toBe(403);
      expect(await flow.detail('qd-applicant')).toMatchObject({ aggregateScore: null, passed: null });
    });

    it('an evaluator who has not scored, and one who has, see only their own sheet; the author sees theirs', async () => {
      const { flow, e1 } = await oneSheetIn();
      const hidden = (rows: HistoryRow[]) => scoreRows(rows).filter((r) => r.actorId === e1)[0];

      // not yet scored: the other's sheet is withheld in the history and in the panel
      const before = await flow.history('qd-evaluator-2');
      expect(hidden(before)).toMatchObject({ payload: {}, withheld: expect.arrayContaining(['payload.scores']) });
      expect(JSON.stringify(before)).not.toContain(PRIVATE_COMMENT);
      expect((await panel('qd-evaluator-2', flow)).find((m) => m.evaluatorId === e1)).toMatchObject({
        scores: null,
        weightedScore: null,
        comment: null,
      });
      expect(await flow.detail('qd-evaluator-2')).toMatchObject({ aggregateScore: null });

      // having scored does not open the others' sheets either (blind to the other experts)
      await flow.ok('qd-evaluator-2', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      const after = await flow.history('qd-evaluator-2');
      expect(hidden(after)).toMatchObject({ payload: {} });
      const own = scoreRows(after).find((r) => r.actorId !== e1)!;
      expect(own.payload).toMatchObject({ scores: GOOD_SCORES, weightedScore: expect.any(Number) });
      expect(own.withheld).toBeUndefined();
      expect((await panel('qd-evaluator-2', flow)).find((m) => m.evaluatorId === e1)?.scores).toBeNull();
      expect(await flow.detail('qd-evaluator-2')).toMatchObject({ aggregateScore: null });

      // the author reads their own sheet and comment
      const mine = scoreRows(await flow.history('qd-evaluator-1')).find((r) => r.actorId === e1)!;
      expect(mine.payload).toEqual({ scores: E1_SCORES, weightedScore: expect.any(Number), comment: PRIVATE_COMMENT });
      expect((await panel('qd-evaluator-1', flow)).find((m) => m.evaluatorId === e1)).toMatchObject({
        scores: E1_SCORES,
        comment: PRIVATE_COMMENT,
      });
    });

    it("the programme's regulator reads every sheet and the aggregate; the applicant sees the aggregate once the notice opens", async () => {
      const { flow, e1 } = await oneSheetIn();
      const sheet = scoreRows(await flow.history('qd-regulator')).find((r) => r.actorId === e1)!;
      expect(sheet.payload).toEqual({ scores: E1_SCORES, weightedScore: 7500, comment: PRIVATE_COMMENT });
      expect((await panel('qd-regulator', flow)).find((m) => m.evaluatorId === e1)).toMatchObject({
        scores: E1_SCORES,
        weightedScore: 7500,
        comment: PRIVATE_COMMENT,
      });
      expect(await flow.detail('qd-regulator')).toMatchObject({ aggregateScore: '75.00', passed: true });

      for (const e of ['qd-evaluator-2', 'qd-evaluator-3'])
        await flow.ok(e, { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      expect(await flow.detail('qd-applicant')).toMatchObject({ aggregateScore: null, passed: null });
      await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      const regulatorView = await flow.detail('qd-regulator');
      expect(regulatorView.aggregateScore).toMatch(/^\d+\.\d\d$/);
      expect(await flow.detail('qd-applicant')).toMatchObject({
        aggregateScore: regulatorView.aggregateScore,
        passed: true,
      });
      // the sheets stay closed to the applicant after the notice opens
      expect(JSON.stringify(await flow.history('qd-applicant'))).not.toContain(PRIVATE_COMMENT);
    });

    it('a regulator who follows an application in a provincial programme reads no score sheet; the deciding one does', async () => {
      const flow = await Flow.create(http, 'cs-applicant', 'HN-STATION-2026');
      await flow.toAcceptance('cs-applicant', 'hn-regulator');
      const evaluator = await http.userId('cs-evaluator');
      await flow.ok('hn-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: evaluator });
      await flow.ok('cs-evaluator', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES, comment: PRIVATE_COMMENT });

      const follower = scoreRows(await flow.history('cs-regulator'))[0];
      expect(follower).toMatchObject({ actorId: evaluator, payload: {} });
      expect((await panel('cs-regulator', flow))[0]).toMatchObject({ evaluatorId: evaluator, scores: null });
      expect(await flow.detail('cs-regulator')).toMatchObject({ aggregateScore: null });

      expect(scoreRows(await flow.history('hn-regulator'))[0].payload).toMatchObject({ comment: PRIVATE_COMMENT });
      expect((await panel('hn-regulator', flow))[0].scores).toEqual(GOOD_SCORES);
      expect((await flow.detail('hn-regulator')).aggregateScore).not.toBeNull();
    });
  });

  it('conflict reasons are read by regulators (and the evaluator who declared one), never by the applicant', async () => {
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    for (const e of ['qd-evaluator-1', 'qd-evaluator-4'])
      await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId(e) });
    const reason = '曾任申报单位技术顾问';
    await flow.ok('qd-evaluator-4', { type: 'DECLARE_CONFLICT', reason });
    const e4 = await http.userId('qd-evaluator-4');

    const applicantRow = (await flow.history('qd-applicant')).find((r) => r.event === 'DECLARE_CONFLICT');
    expect(applicantRow).toMatchObject({ actorRole: 'evaluator', actorId: null, reason: null });
    expect(applicantRow?.withheld).toEqual(['actorId', 'reason']);
    expect(JSON.stringify(await flow.history('qd-applicant'))).not.toContain(reason);

    const colleague = await flow.history('qd-evaluator-1');
    expect(colleague.find((r) => r.event === 'DECLARE_CONFLICT')).toMatchObject({ actorId: e4, reason: null });
    expect((await panel('qd-evaluator-1', flow)).find((m) => m.evaluatorId === e4)?.conflictReason).toBeNull();

    expect((await flow.history('qd-regulator')).find((r) => r.event === 'DECLARE_CONFLICT')).toMatchObject({
      actorId: e4,
      reason,
    });
    expect((await panel('qd-regulator', flow)).find((m) => m.evaluatorId === e4)?.conflictReason).toBe(reason);
  });

  describe('objections', () => {
    async function openNotice(): Promise<Flow> {
      const flow = await Flow.create(http);
      await flow.toAcceptance();
      await flow.scoredPanel();
      await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
      return flow;
    }

    it('an anonymous objection is answered with a receipt: its id, the time, the notice end, nothing else', async () => {
      const flow = await openNotice();
      const { noticeEndsAt, organisationId } = await flow.detail();
      const res = await (
        await http.as(null)
      ).post(`/applications/${flow.id}/objections`, {
        reason: '该企业曾被行政处罚',
        filerName: '张三',
        filerContact: '13812345678',
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['id', 'noticeEndsAt', 'receivedAt']);
      expect(res.body).toEqual({ id: expect.any(String), receivedAt: expect.any(String), noticeEndsAt });
      const text = JSON.stringify(res.body);
      for (const leak of ['test://', String(organisationId), 'materials', 'version', flow.id]) {
        expect(text).not.toContain(leak);
      }
    });

    it("the applicant under objection reads the objection and its ruling, not the objector's name, organisation or contact", async () => {
      const flow = await openNotice();
      const filing = {
        reason: '冒用他人技术',
        filerName: '王五',
        filerOrganisation: '青岛某竞争企业',
        filerContact: '13900001111',
      };
      const receipt = await (await http.as(null)).post(`/applications/${flow.id}/objections`, filing).expect(201);

      const seen = await (await http.as('qd-applicant')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(seen.body).toEqual([
        expect.objectContaining({
          id: receipt.body.id,
          reason: filing.reason,
          status: 'open',
          filedBy: null,
          filerName: null,
          filerOrganisation: null,
          filerContact: null,
        }),
      ]);
      const everything = JSON.stringify(seen.body) + JSON.stringify(await flow.history('qd-applicant'));
      for (const secret of [filing.filerName, filing.filerOrganisation, filing.filerContact]) {
        expect(everything).not.toContain(secret);
      }

      const regulator = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(regulator.body[0]).toMatchObject({ ...filing, duplicateOf: null });
      // admins keep the queue and the calendar; they do not read who objected
      const admin = await (await http.as('admin')).get(`/applications/${flow.id}/objections`).expect(200);
      expect(admin.body[0]).toMatchObject({ reason: filing.reason, filerName: null, filerContact: null });
    });
  });

  it('finance reads a designated application’s history without score sheets, evaluators or conflict reasons', async () => {
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel();
    await flow.openEndedNotice();
    await api.get(CloseNoticeUseCase).execute(flow.id, 1);
    await flow.state();
    await flow.ok('qd-regulator', { type: 'DESIGNATE' });

    const rows = await flow.history('qd-finance');
    expect(rows.at(-1)).toMatchObject({ event: 'DESIGNATE', toState: 'designated' });
    for (const r of scoreRows(rows)) expect(r).toMatchObject({ actorId: null, payload: {} });
    for (const r of rows.filter((x) => x.event === 'ASSIGN_EVALUATOR')) expect(r.payload).toEqual({});
    expect(await flow.detail('qd-finance')).toMatchObject({ aggregateScore: expect.any(String), passed: true });
  });
});
