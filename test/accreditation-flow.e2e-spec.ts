import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GOOD_SCORES, startWorker, useApi } from './support/apps';
import { body, listening, TypedFlow } from './support/typed-client';

/**
 * One application from draft to designation through HTTP, as the four roles, with the worker closing the notice.
 * Every request goes through the client typed by the OpenAPI document (libs/api-client), without casts: a document
 * that lies about a path, a parameter or a body fails the type-check.
 */
describe('accreditation flow through the typed client', () => {
  let api: INestApplication;
  let worker: INestApplication | null = null;
  let baseUrl: string;

  useApi((s) => ({ api } = s));
  beforeAll(async () => {
    baseUrl = await listening(api);
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });

  it('goes draft → designated, the notice closed by the worker, every step on the record', async () => {
    const flow = new TypedFlow(baseUrl);
    await flow.create();
    const detail = await flow.detail('qd-applicant');
    expect(detail.view).toMatchObject({
      state: 'draft',
      version: 1,
      allowedEvents: expect.arrayContaining(['SUBMIT', 'WITHDRAW']),
    });
    expect(detail.etag).toBe('"1"');

    await flow.toAcceptance();
    await flow.scoredPanel(GOOD_SCORES);
    const regulatorView = (await flow.detail('qd-regulator')).view;
    expect(regulatorView.aggregateScore).toBe('82.60'); // 88×0.4 + 80×0.3 + 78×0.3;
    expect(regulatorView.allowedEvents).toEqual(
      expect.arrayContaining(['OPEN_PUBLIC_NOTICE', 'ASSIGN_EVALUATOR', 'REJECT']),
    );

    await flow.openEndedNotice();
    expect((await flow.detail()).view.state).toBe('public_notice');
    const register = body(
      'register',
      await (await flow.as(null)).GET('/public/register', { params: { query: { state: 'public_notice' } } }),
    );
    expect(register.items.map((a) => a.id)).toContain(flow.id);

    worker = await startWorker();
    await flow.waitForState('notice_closed');

    await flow.ok('qd-regulator', { type: 'DESIGNATE', comment: '同意认定' });
    const done = (await flow.detail('qd-applicant')).view;
    expect(done).toMatchObject({ state: 'designated', allowedEvents: [] });
    expect(done.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const rows = body(
      'history',
      await (await flow.as('qd-applicant')).GET('/applications/{id}/history', { params: { path: { id: flow.id } } }),
    );
    expect(rows.map((r) => r.event)).toEqual([
      'CREATE',
      'UPDATE_MATERIALS', // one upload of each of the four materials
      'UPDATE_MATERIALS',
      'UPDATE_MATERIALS',
      'UPDATE_MATERIALS',
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
