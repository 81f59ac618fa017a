import { ValidityUseCase } from '@app/accreditation';
import { JobName, JobProducer, OutboxRelay, QueueName } from '@app/queue';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Flow, Http, recordOf, sleep, startWorker, TestClock, useApi, waitFor } from './support/apps';
import { designatedApplication } from './support/subsidy';

/**
 * The durable deadlines of issue 13 items 7 and 5: a returned application's lapse (a lapse-revision job written to
 * the outbox with REQUEST_REVISION, published by the worker's relay, run by the deadlines processor) and a title's
 * expiry (the sweeper, on the worker's timer). Both fire after a new worker starts and change nothing when
 * delivered again.
 */
describe('revision and validity deadlines', () => {
  let api: INestApplication;
  let worker: INestApplication | null = null;
  let http: Http;
  let db: DataSource;
  let deadlines: Queue;

  useApi((s) => {
    ({ api, http } = s);
    db = api.get(DataSource);
    deadlines = api.get<Queue>(getQueueToken(QueueName.Deadlines));
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });

  /** Returned for revision with the clock set back, so its deadline has already passed in real time. */
  async function returnedLongAgo(): Promise<Flow> {
    const flow = await Flow.create(http);
    await flow.ok('qd-applicant', { type: 'SUBMIT' });
    TestClock.shift(-60 * 86_400_000);
    try {
      await flow.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '请补充保密制度文件' });
    } finally {
      TestClock.reset();
    }
    return flow;
  }

  async function historyCount(flow: Flow, event: string): Promise<number> {
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM application_history WHERE application_id = $1 AND event = $2`,
      [flow.id, event],
    );
    return count;
  }

  async function jobState(jobId: string): Promise<string | null> {
    const job = await deadlines.getJob(jobId);
    return job ? job.getState() : null;
  }

  it('lapses a returned application whose deadline passed while no worker ran, once a worker starts; redelivery is a no-op', async () => {
    worker = await startWorker();
    await worker.close();
    worker = null;

    const flow = await returnedLongAgo();
    const { revisionDueAt } = await flow.detail();
    const jobId = `lapse-revision.${flow.id}.1`;
    const [row] = await db.query(`SELECT job_id, run_at, published_at FROM outbox WHERE job_name = 'lapse-revision'`);
    expect(row).toMatchObject({ job_id: jobId, published_at: null });
    expect(new Date(row.run_at).toISOString()).toBe(revisionDueAt);
    expect(new Date(revisionDueAt as string).getTime()).toBeLessThan(Date.now());

    // nobody lapses it while no worker runs
    await sleep(500);
    expect(await recordOf(api, flow.id)).toMatchObject({ state: 'revision_requested' });

    worker = await startWorker();
    await flow.waitForState('lapsed');
    // the job ran to completion (it lapsed the application, or found the boot-time sweeper had just done so)
    await waitFor('the lapse-revision job to complete', async () => (await jobState(jobId)) === 'completed');
    expect(['done', 'nothing-to-do']).toContain((await deadlines.getJob(jobId))!.returnvalue);
    const before = await recordOf(api, flow.id);

    // delivered again through the queue (another job id for the same return): harmless
    const again = `${jobId}.redelivered`;
    await worker
      .get(JobProducer)
      .add({ name: JobName.LapseRevision, jobId: again, payload: { applicationId: flow.id, revision: 1 } });
    await waitFor('the redelivered job to complete', async () => (await jobState(again)) === 'completed');
    expect((await deadlines.getJob(again))!.returnvalue).toBe('nothing-to-do');
    expect(await worker.get(ValidityUseCase).lapse(flow.id, 1)).toEqual({
      kind: 'nothing-to-do',
      why: 'application is lapsed',
    });
    expect(await recordOf(api, flow.id)).toEqual(before);
    expect(await historyCount(flow, 'LAPSE')).toBe(1);
  });

  it('runs a published lapse job that waited in Redis while no worker ran', async () => {
    const flow = await returnedLongAgo();
    const jobId = `lapse-revision.${flow.id}.1`;
    await api.get(OutboxRelay).drain(); // the lapse job, and the transitions' notify-event jobs
    expect(await jobState(jobId)).toBe('waiting');
    await sleep(300);
    expect((await recordOf(api, flow.id)).state).toBe('revision_requested');

    worker = await startWorker();
    await flow.waitForState('lapsed');
    await waitFor('the lapse-revision job to complete', async () => (await jobState(jobId)) === 'completed');
    expect(await historyCount(flow, 'LAPSE')).toBe(1);
  });

  it('a job for an earlier return does not lapse a later one', async () => {
    const flow = await returnedLongAgo();
    await flow.ok('qd-applicant', { type: 'RESUBMIT' });
    await flow.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '仍需补充' }); // due in 15 working days
    expect(await api.get(ValidityUseCase).lapse(flow.id, 1)).toEqual({
      kind: 'nothing-to-do',
      why: 'a later return for revision is running',
    });
    expect(await api.get(ValidityUseCase).lapse(flow.id, 2)).toMatchObject({ kind: 'not-yet' });
    expect(await flow.state()).toBe('revision_requested');
  });

  it('expires a title past its validity when a worker starts (the sweeper), once, across restarts', async () => {
    const flow = await designatedApplication(http);
    await db.query(`UPDATE applications SET valid_until = '2020-01-01' WHERE id = $1`, [flow.id]);

    worker = await startWorker();
    await flow.waitForState('expired');
    await worker.close();
    worker = null;
    const before = await recordOf(api, flow.id);

    // a new worker sweeps again: nothing left to do
    worker = await startWorker();
    expect(await worker.get(ValidityUseCase).sweep(0)).toEqual({ lapsed: 0, expired: 0 });
    expect(await worker.get(ValidityUseCase).expire(flow.id)).toEqual({
      kind: 'nothing-to-do',
      why: 'application is expired',
    });
    expect(await recordOf(api, flow.id)).toEqual(before);
    expect(await historyCount(flow, 'EXPIRE')).toBe(1);
  });

  it('leaves a title that is still valid alone', async () => {
    const flow = await designatedApplication(http);
    const { validUntil } = await flow.detail();
    expect(await api.get(ValidityUseCase).expire(flow.id)).toEqual({
      kind: 'nothing-to-do',
      why: `valid until ${validUntil}`,
    });
    expect(await api.get(ValidityUseCase).sweep(0)).toEqual({ lapsed: 0, expired: 0 });
    expect(await flow.state()).toBe('designated');
  });
});
