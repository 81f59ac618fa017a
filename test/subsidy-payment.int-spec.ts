import { JobProducer, OutboxRelay, payDisbursementJob, QueueName } from '@app/queue';
import {
  PayDisbursementUseCase,
  PaymentFailedError,
  PaymentGateway,
  PaymentInstruction,
  PaymentReceipt,
  type PaymentStatus,
  RearmPaymentsUseCase,
  SimulatedBankGateway,
  TreasuryInstructionGateway,
} from '@app/subsidy';
import { flushPrefix, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue, Worker } from 'bullmq';
import { mkdtemp, readdir, readFile, rm } from 'fs/promises';
import Redis from 'ioredis';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { Http, sleep, startWorker, useApi } from './support/apps';
import {
  bankTransfers,
  designatedApplication,
  disbursement,
  disbursementIdsOf,
  verifyAndApprove,
  waitForDisbursement,
} from './support/subsidy';

/** A gateway that fails a scripted number of times before handing over to the simulated bank. */
class ScriptedGateway extends PaymentGateway {
  failuresLeft = 0;
  calls = 0;
  constructor(private readonly inner: PaymentGateway) {
    super();
  }
  async pay(i: PaymentInstruction): Promise<PaymentReceipt> {
    this.calls++;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new PaymentFailedError('bank gateway timeout', true);
    }
    return this.inner.pay(i);
  }
  statusOf(reference: string): Promise<PaymentStatus> {
    return this.inner.statusOf(reference);
  }
}

/**
 * Subsidy payment end to end, in process: designation creates the entitlement, finance approves, the worker's
 * relay publishes the payment job and the processor pays through the gateway, exactly once whatever goes wrong.
 */
describe('subsidy payment', () => {
  let api: INestApplication;
  let worker: INestApplication | null = null;
  let http: Http;
  let db: DataSource;
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });

  useApi((s) => {
    ({ api, http } = s);
    db = api.get(DataSource);
  });
  afterEach(async () => {
    await worker?.close();
    worker = null;
  });
  afterAll(() => redis.disconnect());

  async function startScriptedWorker(): Promise<{ app: INestApplication; gateway: ScriptedGateway }> {
    const app = await startWorker((b) =>
      b.overrideProvider(PaymentGateway).useFactory({
        inject: [DataSource, ConfigService],
        factory: (ds: DataSource, config: ConfigService) =>
          new ScriptedGateway(new SimulatedBankGateway(ds, config as never)),
      }),
    );
    worker = app;
    return { app, gateway: app.get(PaymentGateway) as ScriptedGateway };
  }

  async function entitled(): Promise<{ id: string; reference: string; applicationId: string }> {
    const flow = await designatedApplication(http);
    const [id] = await disbursementIdsOf(api, flow.id);
    const d = await disbursement(http, id);
    return { id, reference: d.reference, applicationId: flow.id };
  }

  /** verified by `verifier`, then approved by `approver` at the version then current (four eyes) */
  async function approve(id: string, approver = 'qd-finance-2', verifier = 'qd-finance') {
    return verifyAndApprove(http, id, verifier, approver);
  }

  it('designation → entitlement → approval → paid 50,000.00 yuan once, every step on the record', async () => {
    const flow = await designatedApplication(http);
    const ids = await disbursementIdsOf(api, flow.id);
    expect(ids).toHaveLength(1);
    const [id] = ids;

    // the entitlement was created by the DESIGNATE transition itself, and the history says so
    const designation = (await flow.history()).at(-1)!;
    expect(designation).toMatchObject({ event: 'DESIGNATE', payload: { disbursements: [id] } });
    const pending = await disbursement(http, id);
    expect(pending).toMatchObject({
      state: 'pending_approval',
      amountFen: 5_000_000,
      amountYuan: '50000.00',
      version: 1,
      approvedBy: null,
    });
    expect(pending.reference).toMatch(/^SUB-/);
    expect(pending.history).toEqual([
      expect.objectContaining({
        event: 'ENTITLE',
        fromState: null,
        toState: 'pending_approval',
        actorRole: 'regulator',
      }),
    ]);

    // the budget view counts nothing until approval
    const before = await (await http.as('qd-finance')).get('/finance/policies').expect(200);
    expect(before.body[0]).toMatchObject({ budgetFen: 50_000_000, usedFen: 0, remainingFen: 50_000_000 });

    worker = await startWorker();
    const approved = await approve(id);
    expect(approved.status).toBe(200);
    expect(approved.body.disbursement).toMatchObject({
      state: 'approved',
      version: 3,
      verifiedBy: await http.userId('qd-finance'),
      approvedBy: await http.userId('qd-finance-2'),
    });

    const paid = await waitForDisbursement(http, id, 'paid');
    expect(paid).toMatchObject({
      amountYuan: '50000.00',
      attempts: 1,
      bankReference: `SIMBANK-${pending.reference}`,
      reconciliation: 'unconfirmed',
      lastError: null,
    });
    expect(paid.history.map((h) => [h.event, h.fromState, h.toState, h.actorRole])).toEqual([
      ['ENTITLE', null, 'pending_approval', 'regulator'],
      ['VERIFY', 'pending_approval', 'verified', 'finance'],
      ['APPROVE', 'verified', 'approved', 'finance'],
      ['START_PAYMENT', 'approved', 'paying', 'system'],
      ['PAYMENT_SUCCEEDED', 'paying', 'paid', 'system'],
    ]);
    expect(paid.history.map((h) => h.version)).toEqual([1, 2, 3, 4, 5]);
    expect(await bankTransfers(api, pending.reference)).toBe(1);

    const after = await (await http.as('qd-finance')).get('/finance/policies').expect(200);
    expect(after.body[0]).toMatchObject({ usedFen: 5_000_000, remainingFen: 45_000_000 });

    // the same job delivered again, the use case run again, another job for it: nothing more is paid
    const producer = worker.get(JobProducer);
    await producer.add(payDisbursementJob(id, 99));
    expect(await worker.get(PayDisbursementUseCase).execute(id, false)).toBe('already-paid');
    await sleep(500);
    expect(await bankTransfers(api, pending.reference)).toBe(1);
    expect((await disbursement(http, id)).history).toHaveLength(5);

    // a designated application cannot be designated again, so no second entitlement can appear
    expect((await flow.send('qd-regulator', { type: 'DESIGNATE' })).status).toBe(409);
    expect(await disbursementIdsOf(api, flow.id)).toEqual([id]);
  });

  it('a gateway that fails twice and then answers pays once, after queue retries with backoff', async () => {
    const { id, reference } = await entitled();
    const { gateway } = await startScriptedWorker();
    gateway.failuresLeft = 2;

    expect((await approve(id)).status).toBe(200);
    const paid = await waitForDisbursement(http, id, 'paid');
    expect(gateway.calls).toBe(3);
    expect(paid.attempts).toBe(3);
    expect(paid.history.map((h) => h.event)).toEqual([
      'ENTITLE',
      'VERIFY',
      'APPROVE',
      'START_PAYMENT',
      'PAYMENT_FAILED',
      'START_PAYMENT',
      'PAYMENT_FAILED',
      'START_PAYMENT',
      'PAYMENT_SUCCEEDED',
    ]);
    expect(paid.history.filter((h) => h.event === 'PAYMENT_FAILED').map((h) => h.reason)).toEqual([
      'bank gateway timeout',
      'bank gateway timeout',
    ]);
    expect(await bankTransfers(api, reference)).toBe(1);
  });

  it('after the last failed attempt it waits for finance; sent back, it is verified and approved again by two officers', async () => {
    const { id, reference } = await entitled();
    const { gateway } = await startScriptedWorker();
    gateway.failuresLeft = 3; // PAYMENT_ATTEMPTS is 3 in the tests

    expect((await approve(id)).status).toBe(200);
    const failed = await waitForDisbursement(http, id, 'failed', (d) => !d.autoRetry);
    await sleep(300); // no further attempt comes by itself
    expect(await disbursement(http, id)).toMatchObject({
      state: 'failed',
      autoRetry: false,
      attempts: 3,
      lastError: 'bank gateway timeout',
    });
    expect(gateway.calls).toBe(3);
    expect(failed.history.at(-1)).toMatchObject({ event: 'PAYMENT_FAILED', toState: 'failed', actorRole: 'system' });

    // what finance may do now
    const approveAgain = await (
      await http.as('qd-finance-2')
    ).post(`/finance/disbursements/${id}/approve`, { version: failed.version });
    expect(approveAgain.status).toBe(409);
    expect(approveAgain.body.message).toMatch(/allowed: .*RETRY/);

    const retried = await (
      await http.as('qd-finance')
    ).post(`/finance/disbursements/${id}/retry`, { version: failed.version });
    expect(retried.status).toBe(200);
    expect(retried.body.disbursement).toMatchObject({ state: 'pending_approval' });

    // it is verified again first: the approval of the last round does not stand
    const unverified = await (
      await http.as('qd-finance-2')
    ).post(`/finance/disbursements/${id}/approve`, { version: retried.body.disbursement.version });
    expect(unverified.status).toBe(409);
    expect(unverified.body.message).toMatch(/allowed: VERIFY, CANCEL/);
    expect((await disbursement(http, id)).state).toBe('pending_approval');

    gateway.failuresLeft = 0;
    expect((await approve(id, 'qd-finance', 'qd-finance-2')).status).toBe(200); // this round the other way round
    const paid = await waitForDisbursement(http, id, 'paid');
    expect(paid.attempts).toBe(4);
    expect(
      paid.history.filter((h) => h.event === 'VERIFY' || h.event === 'APPROVE').map((h) => [h.event, h.actorId]),
    ).toEqual([
      ['VERIFY', await http.userId('qd-finance')],
      ['APPROVE', await http.userId('qd-finance-2')],
      ['VERIFY', await http.userId('qd-finance-2')],
      ['APPROVE', await http.userId('qd-finance')],
    ]);
    expect(await bankTransfers(api, reference)).toBe(1);
  }, 60_000);

  it('three deliveries of the payment running at once: one pays, the others find it paid; one transfer', async () => {
    const { id, reference } = await entitled();
    expect((await approve(id)).status).toBe(200); // no worker: its job waits in the outbox
    const pay = api.get(PayDisbursementUseCase);
    const outcomes = await Promise.all([pay.execute(id, false), pay.execute(id, false), pay.execute(id, false)]);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'paid')).toEqual(['already-paid', 'already-paid']);
    const paid = await disbursement(http, id);
    expect(paid.history.map((h) => h.event)).toEqual([
      'ENTITLE',
      'VERIFY',
      'APPROVE',
      'START_PAYMENT',
      'PAYMENT_SUCCEEDED',
    ]);
    expect(paid).toMatchObject({ state: 'paid', attempts: 1 });
    expect(await bankTransfers(api, reference)).toBe(1);
  });

  it('Redis flushed while outbox rows are pending: the relay publishes them when the worker comes, paid once', async () => {
    const { id, reference } = await entitled();
    expect((await approve(id)).status).toBe(200);
    const [row] = await db.query(`SELECT job_id, published_at FROM outbox WHERE payload->>'disbursementId' = $1`, [id]);
    expect(row).toMatchObject({ job_id: `pay.${id}.3`, published_at: null });

    await flushPrefix(redis, TEST_QUEUE_PREFIX); // Redis lost everything of ours
    worker = await startWorker();
    await waitForDisbursement(http, id, 'paid');
    expect(await bankTransfers(api, reference)).toBe(1);
    const [published] = await db.query(`SELECT published_at FROM outbox WHERE payload->>'disbursementId' = $1`, [id]);
    expect(published.published_at).not.toBeNull();
  });

  it('Redis flushed after the job was published: the sweeper re-arms the payment, paid once', async () => {
    const { id, reference } = await entitled();
    expect((await approve(id)).status).toBe(200);
    expect(await api.get(OutboxRelay).drain()).toBeGreaterThanOrEqual(1);
    const [row] = await db.query(`SELECT published_at FROM outbox WHERE job_id = $1`, [`pay.${id}.3`]);
    expect(row.published_at).not.toBeNull();
    const payments = api.get<Queue>(getQueueToken(QueueName.Disbursements));
    expect(await payments.getJob(`pay.${id}.3`)).toBeDefined();

    await flushPrefix(redis, TEST_QUEUE_PREFIX); // the job is gone; the outbox row says it was published
    expect(await payments.getJob(`pay.${id}.3`)).toBeUndefined();

    worker = await startWorker();
    await sleep(500);
    expect((await disbursement(http, id)).state).toBe('approved'); // nothing knows of it yet

    expect(await worker.get(RearmPaymentsUseCase).execute(0)).toBe(1);
    await waitForDisbursement(http, id, 'paid');
    expect(await worker.get(RearmPaymentsUseCase).execute(0)).toBe(0);
    expect(await bankTransfers(api, reference)).toBe(1);
  });

  it("a re-armed payment whose job id is in BullMQ's failed set really runs again; a waiting one is left alone", async () => {
    const { id, reference } = await entitled();
    expect((await approve(id)).status).toBe(200);
    expect(await api.get(OutboxRelay).drain()).toBeGreaterThanOrEqual(1);
    const payments = api.get<Queue>(getQueueToken(QueueName.Disbursements));
    // the job waits (no worker yet): nothing to re-arm, and the sweeper says so
    expect(await api.get(RearmPaymentsUseCase).execute(0)).toBe(0);

    // a worker that dies on it, as a SIGKILLed one's stalled job ends: in the failed set, under the same id
    const dying = new Worker(
      QueueName.Disbursements,
      async () => {
        throw new Error('job stalled more than allowable limit');
      },
      { connection: payments.opts.connection, prefix: payments.opts.prefix },
    );
    try {
      for (let i = 0; i < 200 && (await payments.getJobState(`pay.${id}.3`)) !== 'failed'; i++) await sleep(25);
    } finally {
      await dying.close();
    }
    expect(await payments.getJobState(`pay.${id}.3`)).toBe('failed');
    expect((await disbursement(http, id)).state).toBe('approved');

    // the same id added as before is ignored by BullMQ: the sweeper removes the failed job first
    expect(await api.get(RearmPaymentsUseCase).execute(0)).toBe(1);
    expect(await payments.getJobState(`pay.${id}.3`)).toBe('waiting');
    worker = await startWorker();
    await waitForDisbursement(http, id, 'paid');
    expect(await bankTransfers(api, reference)).toBe(1);
  });

  it('finance sees a stuck payment with its cause and age, and re-queues it with a reason and a version', async () => {
    const { id } = await entitled();
    expect((await approve(id)).status).toBe(200); // no worker: it stays approved
    const finance = await http.as('qd-finance');
    await sleep(30);
    const listed = await finance.get('/finance/disbursements/attention?stuckForMs=10').expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id,
        state: 'approved',
        version: 3,
        cause: 'approved, but no payment has started',
        ageMs: expect.any(Number),
      }),
    ]);
    expect(listed.body[0].ageMs).toBeGreaterThanOrEqual(10);
    expect((await finance.get('/finance/disbursements/attention?stuckForMs=3600000').expect(200)).body).toEqual([]);
    const bad = await finance.get('/finance/disbursements/attention?stuckForMs=-1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/stuckForMs/);

    expect((await finance.post(`/finance/disbursements/${id}/retry`, { reason: 'no job ran' })).status).toBe(428);
    const noReason = await finance.post(`/finance/disbursements/${id}/retry`, { version: 3 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/reason/);
    const retried = await finance.post(`/finance/disbursements/${id}/retry`, { version: 3, reason: '队列无此任务' });
    expect(retried.status).toBe(200);
    expect(retried.body.disbursement).toMatchObject({ state: 'approved', version: 4 });
    expect(retried.body.history).toMatchObject({
      event: 'RETRY',
      reason: '队列无此任务',
      actorId: await http.userId('qd-finance'),
    });
    const [row] = await db.query(`SELECT job_id FROM outbox WHERE job_id = $1`, [`pay.${id}.4`]);
    expect(row).toBeDefined();
    worker = await startWorker();
    await waitForDisbursement(http, id, 'paid');
  });

  it('the treasury adapter writes one instruction line per payment, however often it is asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'treasury-'));
    try {
      const config = { get: (key: string) => (key === 'TREASURY_OUTBOX_DIR' ? dir : undefined) } as never;
      const { id, reference } = await entitled();
      worker = await startWorker((b) =>
        b.overrideProvider(PaymentGateway).useFactory({
          inject: [DataSource],
          factory: (ds: DataSource) => new TreasuryInstructionGateway(ds, config),
        }),
      );
      expect((await approve(id)).status).toBe(200);
      const paid = await waitForDisbursement(http, id, 'paid');
      const [file] = await readdir(dir);
      expect(file).toMatch(/^payment-instructions-\d{8}\.csv$/);
      expect(paid.bankReference).toBe(`TREASURY:${file}:${reference}`);

      // asked again with the same reference (a redelivered job): the batch file does not grow
      const gateway = worker.get(PaymentGateway);
      const again = await gateway.pay({
        idempotencyKey: reference,
        amountFen: 5_000_000,
        payeeName: 'x',
        creditCode: 'x',
        account: { accountName: 'x', bankName: 'x', accountNumber: '1', branchCode: null },
        purpose: 'x',
      });
      expect(again.bankReference).toBe(paid.bankReference);

      const lines = (await readFile(join(dir, file), 'utf8')).trimEnd().split('\n');
      expect(lines[0]).toBe('reference,payee_name,credit_code,bank_name,bank_account,amount_yuan,purpose');
      expect(lines).toHaveLength(2);
      const [ref, payee, creditCode, bankName, account, amount, purpose] = lines[1].split(',');
      const org = (
        await db.query(
          `SELECT name, credit_code, bank_account FROM organisations WHERE id = (SELECT organisation_id FROM disbursements WHERE id = $1)`,
          [id],
        )
      )[0];
      expect({ ref, payee, creditCode, bankName, account, amount }).toEqual({
        ref: reference,
        payee: org.name,
        creditCode: org.credit_code,
        bankName: org.bank_account.bankName,
        account: org.bank_account.accountNumber,
        amount: '50000.00',
      });
      expect(purpose.length).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
