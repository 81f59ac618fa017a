import { CloseNoticeUseCase } from '@app/accreditation';
import { JobName, JobProducer, OutboxRelay, QueueName } from '@app/queue';
import { flushPrefix, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Flow, Http, recordOf, sleep, startWorker, useApi, waitFor } from './support/apps';

interface OutboxRow {
  job_name: string;
  job_id: string;
  payload: { applicationId: string; noticeRound: number };
  run_at: Date;
  published_at: Date | null;
}

/**
 * The public-notice deadline: a close-notice job written to the outbox with the OPEN_PUBLIC_NOTICE transition,
 * published by the worker's relay, run by the deadlines processor; the sweeper closes what a lost job left open.
 */
describe('public notice deadline', () => {
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

  async function inAcceptance(): Promise<Flow> {
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel();
    return flow;
  }

  /** the flow's notify-event rows (one per transition), published with the deadline */
  async function notifyJobs(flow: Flow): Promise<number> {
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'notify-event' AND payload->>'aggregateId' = $1`,
      [flow.id],
    );
    return n;
  }

  async function outbox(flow: Flow): Promise<OutboxRow[]> {
    return db.query(
      `SELECT job_name, job_id, payload, run_at, published_at FROM outbox WHERE payload->>'applicationId' = $1`,
      [flow.id],
    );
  }

  async function closeNoticeRows(flow: Flow): Promise<number> {
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM application_history WHERE application_id = $1 AND event = 'CLOSE_NOTICE'`,
      [flow.id],
    );
    return count;
  }

  async function jobState(jobId: string): Promise<string | null> {
    const job = await deadlines.getJob(jobId);
    return job ? job.getState() : null;
  }

  it('closes an ended notice opened while no worker ran, once the worker is back; a second delivery is a no-op', async () => {
    // a worker ran and went away: nothing is listening while the notice is opened
    worker = await startWorker();
    await worker.close();
    worker = null;

    const flow = await inAcceptance();
    await flow.openEndedNotice();
    const { noticeEndsAt } = await flow.detail();
    const jobId = `close-notice.${flow.id}.1`;

    const [row] = await outbox(flow);
    expect(row).toMatchObject({
      job_name: JobName.CloseNotice,
      job_id: jobId,
      payload: { applicationId: flow.id, noticeRound: 1 },
      published_at: null,
    });
    expect(new Date(row.run_at).toISOString()).toBe(noticeEndsAt);
    expect(new Date(noticeEndsAt as string).getTime()).toBeLessThan(Date.now());

    // nobody closes it while the worker is down
    await sleep(500);
    expect(await recordOf(api, flow.id)).toMatchObject({ state: 'public_notice' });
    expect((await outbox(flow))[0].published_at).toBeNull();
    expect(await jobState(jobId)).toBeNull();

    worker = await startWorker();
    await flow.waitForState('notice_closed');
    expect((await outbox(flow))[0].published_at).not.toBeNull();
    // the job ran to completion (it closed the notice, or found the boot-time sweeper had just done so)
    await waitFor('the close-notice job to complete', async () => (await jobState(jobId)) === 'completed');
    expect(['closed', 'nothing-to-do']).toContain((await deadlines.getJob(jobId))!.returnvalue);

    const rows = await flow.history();
    expect(rows.filter((r) => r.event === 'CLOSE_NOTICE')).toEqual([
      expect.objectContaining({
        fromState: 'public_notice',
        toState: 'notice_closed',
        actorId: null,
        actorRole: 'system',
      }),
    ]);
    const before = await recordOf(api, flow.id);

    // a second delivery of the same job: harmless
    const closeNotice = worker.get(CloseNoticeUseCase);
    expect(await closeNotice.execute(flow.id, 1)).toEqual({
      kind: 'nothing-to-do',
      why: 'application is notice_closed',
    });
    expect(await closeNotice.execute(flow.id, 2)).toEqual({
      kind: 'nothing-to-do',
      why: 'application is notice_closed',
    });

    // and one delivered again through the queue (another job id for the same notice round)
    const again = `${jobId}.redelivered`;
    await worker
      .get(JobProducer)
      .add({ name: JobName.CloseNotice, jobId: again, payload: { applicationId: flow.id, noticeRound: 1 } });
    await waitFor('the redelivered job to complete', async () => (await jobState(again)) === 'completed');
    expect((await deadlines.getJob(again))!.returnvalue).toBe('nothing-to-do');

    expect(await recordOf(api, flow.id)).toEqual(before);
    expect(await closeNoticeRows(flow)).toBe(1);

    await flow.ok('qd-regulator', { type: 'DESIGNATE' });
    expect(await flow.state()).toBe('designated');
  });

  it('runs a published job that waited in Redis while no worker ran', async () => {
    const flow = await inAcceptance();
    await flow.openEndedNotice();
    const jobId = `close-notice.${flow.id}.1`;

    // the relay published the job (and the flow's notify-event jobs), then every worker stopped
    expect(await api.get(OutboxRelay).drain()).toBe(1 + (await notifyJobs(flow)));
    expect((await outbox(flow))[0].published_at).not.toBeNull();
    expect(await jobState(jobId)).toBe('waiting');
    await sleep(300);
    expect((await recordOf(api, flow.id)).state).toBe('public_notice');

    worker = await startWorker();
    await flow.waitForState('notice_closed');
    await waitFor('the close-notice job to complete', async () => (await jobState(jobId)) === 'completed');
    expect(await closeNoticeRows(flow)).toBe(1);
  });

  it('leaves a notice whose window has not ended alone', async () => {
    const flow = await inAcceptance();
    await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    const { noticeEndsAt } = await flow.detail();
    expect(new Date(noticeEndsAt as string).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    const jobId = `close-notice.${flow.id}.1`;
    const before = await recordOf(api, flow.id);

    worker = await startWorker();
    await waitFor('the relay to publish the job', async () => (await outbox(flow))[0].published_at !== null);
    expect(await jobState(jobId)).toBe('delayed');

    // a copy of the job that arrives early is run, finds the window open and is put back until it ends
    const early = `${jobId}.early`;
    await worker
      .get(JobProducer)
      .add({ name: JobName.CloseNotice, jobId: early, payload: { applicationId: flow.id, noticeRound: 1 } });
    const putBack: Job = await waitFor('the early job to be put back', async () => {
      const job = await deadlines.getJob(early);
      return job && job.processedOn && (await job.getState()) === 'delayed' ? job : null;
    });
    expect(putBack.failedReason).toBeFalsy();

    await sleep(2_000);
    expect(await recordOf(api, flow.id)).toEqual(before);
    expect(await flow.state()).toBe('public_notice');

    const closeNotice = worker.get(CloseNoticeUseCase);
    const outcome = await closeNotice.execute(flow.id, 1);
    expect(outcome).toEqual({ kind: 'not-yet', endsAt: new Date(noticeEndsAt as string) });
    expect(await closeNotice.sweep(0)).toBe(0);
    expect(await recordOf(api, flow.id)).toEqual(before);
    expect(await closeNoticeRows(flow)).toBe(0);
  });

  it('is closed by the sweeper when Redis lost the published job', async () => {
    const flow = await inAcceptance();
    await flow.openEndedNotice();
    const jobId = `close-notice.${flow.id}.1`;

    expect(await api.get(OutboxRelay).drain()).toBe(1 + (await notifyJobs(flow)));
    expect(await jobState(jobId)).toBe('waiting');

    const redis = new Redis(TEST_REDIS_URL);
    try {
      await flushPrefix(redis, TEST_QUEUE_PREFIX);
      expect(await redis.keys(`${TEST_QUEUE_PREFIX}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    expect(await jobState(jobId)).toBeNull();
    // the outbox still says published, so the relay will not send it again
    expect((await outbox(flow))[0].published_at).not.toBeNull();
    expect(await api.get(OutboxRelay).drain()).toBe(0);
    const before = await recordOf(api, flow.id);
    expect(before.state).toBe('public_notice');

    const closeNotice = api.get(CloseNoticeUseCase);
    expect(await closeNotice.sweep(0)).toBe(1);
    expect(await recordOf(api, flow.id)).toEqual({
      state: 'notice_closed',
      version: before.version + 1,
      historyRows: before.historyRows + 1,
    });
    expect((await flow.history()).at(-1)).toMatchObject({
      event: 'CLOSE_NOTICE',
      actorRole: 'system',
      fromState: 'public_notice',
      toState: 'notice_closed',
    });
    expect(await closeNotice.sweep(0)).toBe(0);
    expect(await closeNoticeRows(flow)).toBe(1);
  });
});
