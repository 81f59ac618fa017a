import '@app/testing/test-env';
import { validateEnvironment } from '@app/config';
import { ContextsModule } from '@app/contexts';
import { AccreditationEventType as E, AccreditationState as S, DomainError } from '@app/domain';
import { PersistenceModule } from '@app/persistence';
import { ClockModule } from '@app/platform';
import { SeedModule } from '@app/seed';
import { Factories, resetDatabase, SYSTEM, TestClock } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ApplicationHistoryEntity } from './application-history.entity';
import { ApplicationEntity } from './application.entity';
import { UpdateMaterialsUseCase } from './update-materials.usecase';
import { WorkflowEngine } from './workflow-engine.service';

/**
 * The accreditation context without HTTP: the use cases and the engine in a Nest testing module composed as the
 * processes compose it (the contexts, persistence, a movable clock), against the real Postgres.
 */
describe('accreditation context (use cases and engine, no HTTP)', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let make: Factories;

  beforeAll(async () => {
    const ref = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
        PersistenceModule,
        ClockModule.forRoot(TestClock),
        ContextsModule,
        SeedModule,
      ],
    }).compile();
    app = await ref.init();
    db = app.get(DataSource);
    make = new Factories(app);
  });
  beforeEach(async () => {
    await resetDatabase(app);
    TestClock.reset();
  });
  afterAll(async () => {
    TestClock.reset();
    await app?.close();
  });

  const record = async (id: string) => ({
    application: await db.getRepository(ApplicationEntity).findOneByOrFail({ id }),
    history: await db
      .getRepository(ApplicationHistoryEntity)
      .find({ where: { applicationId: id }, order: { version: 'ASC' } }),
  });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => {
        if (!(e instanceof DomainError)) throw e;
        return { code: e.code, message: e.message, details: e.details };
      },
    );

  it('takes an application from creation to designation, each step one version and one history row', async () => {
    const draft = await make.draft('qd-applicant');
    expect(draft).toMatchObject({ state: S.Draft, version: 1 });
    const id = draft.id;
    await make.send(id, 'qd-applicant', { type: E.Submit, comment: '请审核' });
    await make.send(id, 'qd-regulator', { type: E.PassPreliminary });
    await make.send(id, 'qd-regulator-2', { type: E.PassRecheck });
    const evaluators = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'];
    for (const e of evaluators)
      await make.send(id, 'qd-regulator', { type: E.AssignEvaluator, evaluatorId: (await make.principal(e)).id! });
    for (const e of evaluators)
      await make.send(id, e, {
        type: E.SubmitScore,
        scores: { system_completeness: 88, staff_awareness: 80, results: 78 },
      });

    TestClock.shift(-30 * 86_400_000);
    const opened = await make.send(id, 'qd-regulator', { type: E.OpenPublicNotice });
    TestClock.reset();
    const [job] = await db.query(`SELECT job_name, payload FROM outbox WHERE payload->>'applicationId' = $1`, [id]);
    expect(job).toEqual({ job_name: 'close-notice', payload: { applicationId: id, noticeRound: 1 } });
    expect(opened.application.noticeEndsAt).toEqual(new Date(opened.history.payload.noticeEndsAt as string));

    const closed = await make.send(id, SYSTEM, { type: E.CloseNotice });
    expect(closed.history).toMatchObject({ event: 'CLOSE_NOTICE', actorRole: 'system', toState: S.NoticeClosed });
    const designated = await make.send(id, 'qd-regulator', { type: E.Designate });
    expect(designated.application).toMatchObject({ state: S.Designated, version: 13 });
    expect(designated.application.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the subsidy context's effect ran in the same transaction
    expect(designated.history.payload.disbursements).toHaveLength(1);

    const { application, history } = await record(id);
    expect(application).toMatchObject({ state: S.Designated, version: 13 });
    expect(history.map((h) => [h.version, h.event, h.fromState, h.toState])).toEqual([
      [1, 'CREATE', null, 'draft'],
      [2, 'SUBMIT', 'draft', 'preliminary_review'],
      [3, 'PASS_PRELIMINARY', 'preliminary_review', 'recheck'],
      [4, 'PASS_RECHECK', 'recheck', 'acceptance'],
      [5, 'ASSIGN_EVALUATOR', 'acceptance', 'acceptance'],
      [6, 'ASSIGN_EVALUATOR', 'acceptance', 'acceptance'],
      [7, 'ASSIGN_EVALUATOR', 'acceptance', 'acceptance'],
      [8, 'SUBMIT_SCORE', 'acceptance', 'acceptance'],
      [9, 'SUBMIT_SCORE', 'acceptance', 'acceptance'],
      [10, 'SUBMIT_SCORE', 'acceptance', 'acceptance'],
      [11, 'OPEN_PUBLIC_NOTICE', 'acceptance', 'public_notice'],
      [12, 'CLOSE_NOTICE', 'public_notice', 'notice_closed'],
      [13, 'DESIGNATE', 'notice_closed', 'designated'],
    ]);
    expect(history[0].payload).toEqual({ materials: draft.materials.map((m) => m.key) });
    expect(history[1].payload).toEqual({ comment: '请审核', materials: draft.materials.map((m) => m.key) });
    expect(history[7].payload).toEqual({
      scores: { system_completeness: 88, staff_awareness: 80, results: 78 },
      weightedScore: 8260,
    });
  });

  it('refuses a stale version with the current one and writes nothing', async () => {
    const app1 = await make.application(S.PreliminaryReview);
    const before = await record(app1.id);
    const regulator = await make.principal('qd-regulator');
    const stale = await refusal(
      app.get(WorkflowEngine).fire(app1.id, regulator, { type: E.PassPreliminary }, { expectedVersion: 1 }),
    );
    expect(stale).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2, state: S.PreliminaryReview },
    });
    expect(await record(app1.id)).toEqual(before);
  });

  it('refuses an event the state does not take, listing the events it does', async () => {
    const draft = await make.draft();
    const refused = await refusal(make.send(draft.id, 'qd-regulator', { type: E.Designate }));
    expect(refused).toEqual({
      code: 'EVENT_NOT_ALLOWED',
      message: 'DESIGNATE is not allowed in state draft; allowed events: SUBMIT, WITHDRAW',
      details: { state: S.Draft, allowedEvents: [E.Submit, E.Withdraw] },
    });
    expect((await record(draft.id)).history).toHaveLength(1);
  });

  it('records a materials update as an event that keeps the state, and refuses it once the regulator has the file', async () => {
    const draft = await make.draft();
    const materials = UpdateMaterialsUseCase;
    const applicant = await make.principal('qd-applicant');
    const fewer = draft.materials.slice(0, 2);
    const updated = await app.get(materials).execute(draft.id, applicant, fewer, 1);
    expect(updated).toMatchObject({ state: S.Draft, version: 2, materials: fewer });
    const { application, history } = await record(draft.id);
    expect(application.materials).toEqual(fewer);
    expect(application.snapshot.context.materials).toEqual(fewer.map((m) => m.key));
    expect(history[1]).toMatchObject({
      version: 2,
      event: 'UPDATE_MATERIALS',
      fromState: S.Draft,
      toState: S.Draft,
      actorId: applicant.id,
      actorRole: 'applicant',
      reason: null,
      payload: { materials: fewer.map((m) => m.key) },
    });

    const twice = await refusal(app.get(materials).execute(draft.id, applicant, [fewer[0], fewer[0]], 2));
    expect(twice).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `materials: key '${fewer[0].key}' appears twice`,
      details: { fields: ['materials'] },
    });

    const inRecheck = await make.application(S.Recheck, { applicant: (await make.applicant('qd', 1)).username });
    const frozen = await refusal(
      app.get(materials).execute(inRecheck.id, await make.principal('qd-applicant-t1'), fewer, inRecheck.version),
    );
    expect(frozen).toMatchObject({ code: 'EVENT_NOT_ALLOWED', details: { state: S.Recheck } });
    expect((await record(inRecheck.id)).application.version).toBe(inRecheck.version);
  });

  it('drives a factory applicant to every state the route names', async () => {
    const cases: [S, string][] = [
      [S.RevisionRequested, 'qd'],
      [S.PublicNotice, 'qd'],
      [S.Revoked, 'qd'],
      [S.Withdrawn, 'cs'],
      [S.Designated, 'cs'],
    ];
    let n = 10;
    for (const [state, zone] of cases) {
      const { username } = await make.applicant(zone as 'qd' | 'cs', n++);
      const programme = zone === 'cs' ? 'HNFTZ-CS-2026' : undefined;
      const a = await make.application(state, { applicant: username, programme });
      expect({ state: a.state, rows: (await record(a.id)).history.length }).toEqual({ state, rows: a.version });
    }
  });
});
