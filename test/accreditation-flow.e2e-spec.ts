import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Flow, Http, startWorker, useApi } from './support/apps';

/** One application from draft to designation through HTTP, as the four roles, with the worker closing the notice. */
describe('accreditation flow through HTTP', () => {
  let api: INestApplication;
  let worker: INestApplication | null = null;
  let http: Http;

  useApi((s) => ({ api, http } = s));
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });

  it('goes draft → designated, the notice closed by the worker, every step on the record', async () => {
    const flow = await Flow.create(http);
    const detail = await (await http.as('qd-applicant')).get(`/applications/${flow.id}`).expect(200);
    expect(detail.body).toMatchObject({
      state: 'draft',
      version: 1,
      allowedEvents: expect.arrayContaining(['SUBMIT', 'WITHDRAW']),
    });
    expect(detail.headers.etag).toBe('"1"');

    await flow.toAcceptance();
    await flow.scoredPanel();
    const regulatorView = await (await http.as('qd-regulator')).get(`/applications/${flow.id}`).expect(200);
    expect(regulatorView.body.aggregateScore).toBe('82.60'); // 88×0.4 + 80×0.3 + 78×0.3;
    expect(regulatorView.body.allowedEvents).toEqual(
      expect.arrayContaining(['OPEN_PUBLIC_NOTICE', 'ASSIGN_EVALUATOR', 'REJECT']),
    );

    await flow.openEndedNotice();
    expect(await flow.state()).toBe('public_notice');
    const register = await (await http.as(null)).get('/public/register?state=public_notice').expect(200);
    expect(register.body.items.map((a: { id: string }) => a.id)).toContain(flow.id);

    worker = await startWorker();
    await flow.waitForState('notice_closed');

    await flow.ok('qd-regulator', { type: 'DESIGNATE', comment: '同意认定' });
    const done = await (await http.as('qd-applicant')).get(`/applications/${flow.id}`).expect(200);
    expect(done.body).toMatchObject({ state: 'designated', allowedEvents: [] });
    expect(done.body.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const history = await (await http.as('qd-applicant')).get(`/applications/${flow.id}/history`).expect(200);
    const rows = history.body as {
      event: string;
      fromState: string | null;
      toState: string;
      actorRole: string;
      version: number;
    }[];
    expect(rows.map((r) => r.event)).toEqual([
      'CREATE',
      'SUBMIT',
      'PASS_PRELIMINARY',
      'PASS_RECHECK',
      'ASSIGN_EVALUATOR',
      'ASSIGN_EVALUATOR',
      'ASSIGN_EVALUATOR',
      'SUBMIT_SCORE',
      'SUBMIT_SCORE',
      'SUBMIT_SCORE',
      'OPEN_PUBLIC_NOTICE',
      'CLOSE_NOTICE',
      'DESIGNATE',
    ]);
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.find((r) => r.event === 'CLOSE_NOTICE')).toMatchObject({
      actorRole: 'system',
      fromState: 'public_notice',
      toState: 'notice_closed',
    });
    expect(rows.at(-1)).toMatchObject({ actorRole: 'regulator', fromState: 'notice_closed', toState: 'designated' });

    const db = api.get(DataSource);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM outbox WHERE published_at IS NOT NULL AND job_name = 'close-notice'`,
    );
    expect(count).toBe(1);
  });
});
