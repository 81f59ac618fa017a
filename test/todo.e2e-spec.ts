import { AccreditationEventType as E, AccreditationState } from '@app/domain';
import { Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { Http, TestClock, useApi } from './support/apps';
import { disbursementIdsOf } from './support/subsidy';

interface Item {
  subjectId: string;
  step: string;
  nextSteps: string[];
  dueAt: string | null;
  overdue: boolean;
  workingDaysLeft: number | null;
}

/**
 * 待办 and 已办 through HTTP: each role sees exactly the steps that wait for it (the regulator its reviews, the
 * evaluator its own assignment, the applicant its drafts and revision requests, the finance officers their bureau's
 * payments with four eyes), overdue first once the clock has moved, and what they did in the done list.
 */
describe('the to-do list (待办) and the done list (已办)', () => {
  let api: INestApplication;
  let http: Http;
  let factories: Factories;

  useApi((s) => {
    ({ api, http } = s);
    factories = new Factories(api);
  });

  const todo = async (username: string, query = ''): Promise<Item[]> => {
    const res = await (await http.as(username)).get(`/me/todo${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const steps = async (username: string) => (await todo(username)).map((i) => `${i.subjectId}:${i.step}`).sort();

  it('everyone sees exactly their own steps', async () => {
    const draft = await factories.application(AccreditationState.Draft);
    const other = (await factories.applicant('qd', 1)).username;
    const revision = await factories.application(AccreditationState.RevisionRequested, { applicant: other });
    const review = await factories.application(AccreditationState.PreliminaryReview, {
      applicant: (await factories.applicant('qd', 2)).username,
    });
    const acceptance = await factories.application(AccreditationState.Acceptance, {
      applicant: (await factories.applicant('qd', 3)).username,
    });
    const evaluatorId = await http.userId('qd-evaluator-1');
    await factories.send(acceptance.id, 'qd-regulator', { type: E.AssignEvaluator, evaluatorId });
    const foreign = await factories.application(AccreditationState.PreliminaryReview, {
      applicant: 'cs-applicant',
      programme: 'HNFTZ-CS-2026',
    });

    expect(await steps('qd-applicant')).toEqual([`${draft.id}:draft`]);
    expect(await steps(other)).toEqual([`${revision.id}:revision_requested`]);
    expect(await steps('qd-regulator')).toEqual(
      [`${review.id}:preliminary_review`, `${acceptance.id}:acceptance`].sort(),
    );
    expect(await steps('qd-evaluator-1')).toEqual([`${acceptance.id}:acceptance.score`]);
    expect(await steps('qd-evaluator-2')).toEqual([]);
    expect(await steps('cs-regulator')).toEqual([`${foreign.id}:preliminary_review`]);
    expect(await steps('hn-regulator')).toEqual([`${foreign.id}:preliminary_review`]); // the province above
    expect(await steps('cs-applicant')).toEqual([]);

    const [score] = await todo('qd-evaluator-1');
    expect(score.nextSteps).toEqual(expect.arrayContaining(['SUBMIT_SCORE', 'DECLARE_CONFLICT']));
    expect(score.dueAt).not.toBeNull();
    expect(score.workingDaysLeft).toBeGreaterThanOrEqual(13); // acceptance: 15 working days from today

    // the evaluator scores: the item leaves their list and shows in what they did
    await factories.send(acceptance.id, 'qd-evaluator-1', {
      type: E.SubmitScore,
      scores: { system_completeness: 90, staff_awareness: 90, results: 90 },
    });
    expect(await steps('qd-evaluator-1')).toEqual([]);
    const done = await (await http.as('qd-evaluator-1')).get('/me/done');
    expect(done.status).toBe(200);
    expect(done.body.items[0]).toMatchObject({
      subjectKind: 'application',
      subjectId: acceptance.id,
      event: 'SUBMIT_SCORE',
      reference: acceptance.reference,
    });

    const summary = await (await http.as('qd-regulator')).get('/me/todo/summary');
    expect(summary.body).toEqual({ total: 2, overdue: 0, dueSoon: 0 });
    expect((await (await http.as(null)).get('/me/todo')).status).toBe(401);
  }, 120_000);

  it('overdue first once the clock has moved past a time limit', async () => {
    const early = await factories.application(AccreditationState.PreliminaryReview);
    TestClock.shift(12 * 86_400_000); // 12 calendar days later another enters the recheck (5 working days)
    const late = await factories.application(AccreditationState.Recheck, {
      applicant: (await factories.applicant('qd', 4)).username,
    });
    TestClock.shift(17 * 86_400_000); // 17 days after `early` entered: more than 10 working days; 5 after `late`
    // the second regulator: the re-check (复核) does not wait on qd-regulator, who passed the preliminary review
    const items = await todo('qd-regulator-2');
    expect(items.map((i) => i.subjectId)).toEqual([early.id, late.id]);
    expect(items[0]).toMatchObject({ overdue: true });
    expect(items[0].workingDaysLeft).toBeLessThan(0);
    expect(items[1]).toMatchObject({ overdue: false });
    const summary = await (await http.as('qd-regulator-2')).get('/me/todo/summary');
    expect(summary.body).toMatchObject({ total: 2, overdue: 1 });
    // the regulator acts: the overdue item is done; both re-checks wait on the second regulator
    await factories.send(early.id, 'qd-regulator', { type: E.PassPreliminary });
    const after = await todo('qd-regulator-2');
    expect(after.map((i) => `${i.subjectId}:${i.step}`)).toEqual([`${late.id}:recheck`, `${early.id}:recheck`]);
  }, 120_000);

  it('two finance officers: both may verify, the verifier is not offered the approval', async () => {
    const app = await factories.application(AccreditationState.Designated);
    const [id] = await disbursementIdsOf(api, app.id);
    for (const officer of ['qd-finance', 'qd-finance-2']) {
      const items = await todo(officer);
      expect(items.map((i) => [i.subjectId, i.step])).toEqual([[id, 'disbursement.verify']]);
    }
    expect(await todo('cs-finance')).toEqual([]);
    expect(await steps('qd-regulator')).toEqual([]);

    const verified = await (await http.as('qd-finance')).post(`/finance/disbursements/${id}/verify`, { version: 1 });
    expect(verified.status).toBe(200);
    expect(await todo('qd-finance')).toEqual([]);
    const second = await todo('qd-finance-2');
    expect(second.map((i) => [i.subjectId, i.step])).toEqual([[id, 'disbursement.approve']]);
    expect(second[0].nextSteps).toContain('APPROVE');

    const done = await (await http.as('qd-finance')).get('/me/done');
    expect(done.body).toMatchObject({ total: 1 });
    expect(done.body.items[0]).toMatchObject({ subjectKind: 'disbursement', subjectId: id, event: 'VERIFY' });
    expect(done.body.items[0].title).toBe(app.title);

    await (await http.as('qd-finance-2')).post(`/finance/disbursements/${id}/approve`, { version: 2 });
    expect(await todo('qd-finance-2')).toEqual([]);
  }, 120_000);

  it('a programme sets its time limits: on creation, changed by its regulators, used by the items opened after', async () => {
    const qd = await http.programmeId('QDFTZ-2026');
    const regulator = await http.as('qd-regulator');
    const shown = await (await http.as(null)).get(`/programmes/${qd}`);
    expect(shown.body.timeLimits).toMatchObject({ preliminaryReview: 10, recheck: 5, acceptance: 15 });

    expect((await regulator.put(`/programmes/${qd}/time-limits`, { recheck: 0 })).body.fields).toEqual(['recheck']);
    expect((await (await http.as('cs-regulator')).put(`/programmes/${qd}/time-limits`, { recheck: 3 })).status).toBe(
      403,
    );
    const changed = await regulator.put(`/programmes/${qd}/time-limits`, { recheck: 3 });
    expect(changed.status).toBe(200);
    expect(changed.body.timeLimits).toMatchObject({ recheck: 3, preliminaryReview: 10 });

    const a = await factories.application(AccreditationState.Recheck);
    const [item] = (await todo('qd-regulator-2')).filter((i) => i.subjectId === a.id); // 复核 by a second regulator
    expect(item.step).toBe('recheck');
    expect(item.workingDaysLeft).toBeLessThanOrEqual(3);

    const created = await regulator.post('/programmes', {
      code: 'QDFTZ-2027',
      name: '2027',
      jurisdictionCode: '370211-FTZ',
      unitKind: 'enterprise',
      level: 'district',
      year: 2027,
      rubric: { passMark: 70, dimensions: [{ key: 'all', name: '全部', weight: 100, maxScore: 100 }] },
      panelSize: 1,
      requiredMaterials: ['application_form'],
      noticeWorkingDays: 5,
      timeLimits: { preliminaryReview: 7 },
    });
    expect(created.status).toBe(201);
    expect(created.body.timeLimits).toMatchObject({ preliminaryReview: 7, recheck: 5 });
  }, 120_000);

  it('refuses a page out of range naming the field', async () => {
    const res = await (await http.as('qd-regulator')).get('/me/todo?pageSize=1000');
    expect(res.status).toBe(400);
    expect(res.body.fields).toContain('pageSize');
  });
});
