import { INestApplication } from '@nestjs/common';
import { Http, useApi, waitFor } from './support/apps';
import {
  bankTransfers,
  designatedApplication,
  disbursement,
  disbursementIdsOf,
  waitForDisbursement,
  verifyAndApprove,
} from './support/subsidy';
import { WorkerProcess } from './support/worker-process';

/**
 * The worker process under operating-system faults: SIGKILL in the middle of a payment, SIGTERM while one is in
 * flight. Payment must happen exactly once either way.
 */
describe('the worker process', () => {
  let api: INestApplication;
  let http: Http;
  const workers: WorkerProcess[] = [];

  useApi((s) => ({ api, http } = s));
  afterEach(async () => {
    for (const w of workers.splice(0)) {
      w.kill('SIGKILL');
      await w.exited;
    }
  });

  function worker(env: Record<string, string>): WorkerProcess {
    const w = new WorkerProcess(env);
    workers.push(w);
    return w;
  }

  async function approvedDisbursement(): Promise<{ id: string; reference: string }> {
    const flow = await designatedApplication(http);
    const [id] = await disbursementIdsOf(api, flow.id);
    const d = await disbursement(http, id);
    expect((await verifyAndApprove(http, id)).status).toBe(200);
    return { id, reference: d.reference };
  }

  it('killed with SIGKILL after the bank booked the transfer but before it heard back, then restarted: paid exactly once', async () => {
    // a short job lock, so the next worker finds the dead one's job stalled within seconds;
    // the sweeper is kept out of it (PAYMENT_STUCK_MS) so the queue's own stalled-job recovery is what is tested
    const env = { JOB_LOCK_MS: '1500', PAYMENT_STUCK_MS: '600000' };
    const first = worker({ ...env, SIMULATED_BANK_LATENCY_MS: '6000' });
    const health = await first.ready();
    expect(health).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });

    const { id, reference } = await approvedDisbursement();
    await waitFor('the bank to book the transfer', async () => (await bankTransfers(api, reference)) === 1, 30_000);
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // the money has left, but the system has not heard so
    expect(await disbursement(http, id)).toMatchObject({ state: 'paying', attempts: 1, bankReference: null });

    const second = worker({ ...env, SIMULATED_BANK_LATENCY_MS: '0' });
    await second.ready();
    const paid = await waitForDisbursement(http, id, 'paid', () => true, 45_000);
    expect(paid).toMatchObject({ attempts: 1, bankReference: `SIMBANK-${reference}` });
    expect(paid.history.map((h) => h.event)).toEqual([
      'ENTITLE',
      'VERIFY',
      'APPROVE',
      'START_PAYMENT',
      'PAYMENT_SUCCEEDED',
    ]);
    expect(await bankTransfers(api, reference)).toBe(1);

    // the restarted worker's log names the disbursement and the job it finished
    await waitFor(
      'the log line of the finished job',
      async () => second.lines().some((l) => l.disbursementId === id && l.outcome === 'paid'),
      5_000,
    );
    expect(second.lines().find((l) => l.disbursementId === id && l.outcome === 'paid')).toMatchObject({
      jobId: `pay.${id}.3`,
      level: 30,
    });
  }, 120_000);

  it('on SIGTERM finishes the payment in flight, then exits cleanly', async () => {
    const w = worker({ SIMULATED_BANK_LATENCY_MS: '3000' });
    await w.ready();
    const { id, reference } = await approvedDisbursement();
    await waitFor('the payment to start', async () => (await disbursement(http, id)).state === 'paying', 30_000);

    w.kill('SIGTERM');
    // Nest runs its shutdown hooks (the BullMQ worker waits for its active job), then re-raises the signal
    const exit = await w.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    // no worker runs any more: what is there was done by the one that shut down
    expect(await disbursement(http, id)).toMatchObject({ state: 'paid', attempts: 1 });
    expect(await bankTransfers(api, reference)).toBe(1);
  }, 120_000);
});
