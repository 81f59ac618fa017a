import {
  ApplicationEntity,
  CloseNoticeUseCase,
  CreateApplicationUseCase,
  SYSTEM_PRINCIPAL,
  WorkflowEngine,
} from '@app/accreditation';
import { validateEnvironment } from '@app/config';
import { ContextsModule } from '@app/contexts';
import {
  AccreditationEventType as E,
  DisbursementEventType,
  DomainError,
  DomainErrorCode,
  EventCommand,
  PayeeBankAccount,
  Principal,
} from '@app/domain';
import {
  OrganisationEntity,
  OrganisationQueries,
  payeeAccountHash,
  payeeRecordOf,
  principalOf,
  UserEntity,
} from '@app/identity';
import { PersistenceModule } from '@app/persistence';
import { ClockModule, TransitionWriter } from '@app/platform';
import { JurisdictionEntity, ProgrammeEntity } from '@app/programmes';
import { JobProducer, payDisbursementJob, QueueModule, QueueName } from '@app/queue';
import { SeedModule } from '@app/seed';
import { Factories, flushPrefix, resetDatabase, TEST_QUEUE_PREFIX, TEST_REDIS_URL, TestClock } from '@app/testing';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test, TestingModule } from '@nestjs/testing';
import { Worker } from 'bullmq';
import { randomUUID } from 'crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ApproveDisbursementUseCase } from './approve-disbursement.usecase';
import { ChangeBankAccountUseCase } from './change-bank-account.usecase';
import { DisbursementEngine } from './disbursement-engine.service';
import { DisbursementHistoryEntity } from './disbursement-history.entity';
import { DisbursementEntity } from './disbursement.entity';
import { PayDisbursementUseCase } from './pay-disbursement.usecase';
import {
  PaymentFailedError,
  PaymentGateway,
  PaymentInstruction,
  PaymentReceipt,
  PaymentStatus,
} from './payment-gateway';
import { ResolvePaymentUseCase } from './resolve-payment.usecase';
import { SimulatedBankGateway } from './simulated-bank.gateway';

/**
 * The simulated bank, made to refuse (for good, not to be retried) while `refuse` is set, and to wait before
 * paying while `hold` is set (a payment in flight).
 */
class RefusingGateway extends PaymentGateway {
  refuse = false;
  hold: Promise<void> | null = null;
  /** every instruction asked of the bank */
  readonly seen: PaymentInstruction[] = [];
  constructor(private readonly bank: PaymentGateway) {
    super();
  }
  async pay(i: PaymentInstruction): Promise<PaymentReceipt> {
    if (this.refuse) throw new PaymentFailedError('account closed', false);
    this.seen.push(i);
    if (this.hold) await this.hold;
    return this.bank.pay(i);
  }
  statusOf(reference: string): Promise<PaymentStatus> {
    return this.bank.statusOf(reference);
  }
}

const MATERIALS = ['application_form', 'protection_system', 'training_records', 'self_assessment'].map((key) => ({
  key,
  title: key,
  reference: `test://${key}.pdf`,
}));
const SCORES = { system_completeness: 88, staff_awareness: 80, results: 78 };
const AMOUNT_FEN = 5_000_000; // the Qingdao policy: 50,000.00 yuan per designation

/**
 * The subsidy context without HTTP: the contexts composed as every process composes them, driven through their
 * use cases against the real Postgres (entitlement on designation, approval, bulk approval, payment, cancel).
 */
describe('subsidy context', () => {
  let moduleRef: TestingModule;
  let db: DataSource;
  let engine: WorkflowEngine;
  let approvals: ApproveDisbursementUseCase;
  let payments: PayDisbursementUseCase;
  let gateway: RefusingGateway;
  let factories: Factories;
  let principals: Map<string, Principal>;
  const who = (username: string) => principals.get(username)!;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
        PersistenceModule,
        QueueModule,
        ClockModule.forRoot(TestClock),
        ContextsModule,
        SeedModule,
      ],
    })
      .overrideProvider(PaymentGateway)
      .useFactory({
        inject: [DataSource, ConfigService],
        factory: (ds: DataSource, config: ConfigService) =>
          new RefusingGateway(new SimulatedBankGateway(ds, config as never)),
      })
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    db = moduleRef.get(DataSource);
    engine = moduleRef.get(WorkflowEngine);
    approvals = moduleRef.get(ApproveDisbursementUseCase);
    payments = moduleRef.get(PayDisbursementUseCase);
    gateway = moduleRef.get(PaymentGateway);
    factories = new Factories(moduleRef);
  });

  beforeEach(async () => {
    await resetDatabase(moduleRef);
    TestClock.reset();
    gateway.refuse = false;
    gateway.hold = null;
    gateway.seen.length = 0;
    principals = new Map();
    for (const u of await db.getRepository(UserEntity).find()) principals.set(u.username, await principalOf(db, u));
  });

  afterAll(async () => {
    TestClock.reset();
    await moduleRef?.close();
  });

  /** An application of `applicant` walked through the engine to `designated`; answers its id and its disbursement's. */
  async function designated(applicant: string): Promise<{ applicationId: string; id: string }> {
    const programme = await db.getRepository(ProgrammeEntity).findOneByOrFail({ code: 'QDFTZ-2026' });
    const app = await moduleRef
      .get(CreateApplicationUseCase)
      .execute(who(applicant), { programmeId: programme.id, title: 'subsidy int-spec', materials: MATERIALS });
    await factories.attachFiles(
      app.id,
      MATERIALS.map((m) => m.key),
    ); // SUBMIT needs a file per material
    let version = app.version;
    const fire = async (username: string, command: Record<string, unknown>) => {
      version = (
        await engine.fire(app.id, who(username), command as unknown as EventCommand, { expectedVersion: version })
      ).application.version;
    };
    await fire(applicant, { type: E.Submit });
    await fire('qd-regulator', { type: E.PassPreliminary });
    await fire('qd-regulator-2', { type: E.PassRecheck });
    const evaluators = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'];
    for (const e of evaluators) await fire('qd-regulator', { type: E.AssignEvaluator, evaluatorId: who(e).id });
    for (const e of evaluators) await fire(e, { type: E.SubmitScore, scores: SCORES });
    TestClock.shift(-30 * 86_400_000); // a notice whose window has already ended
    try {
      await fire('qd-regulator', { type: E.OpenPublicNotice });
    } finally {
      TestClock.reset();
    }
    expect((await moduleRef.get(CloseNoticeUseCase).execute(app.id, 1)).kind).toBe('closed');
    version = (await db.getRepository(ApplicationEntity).findOneByOrFail({ id: app.id })).version;
    await fire('qd-regulator', { type: E.Designate });
    const [d] = await db.getRepository(DisbursementEntity).findBy({ applicationId: app.id });
    return { applicationId: app.id, id: d.id };
  }

  /** verified by qd-finance, approved by qd-finance-2 (four eyes); the disbursement is then at version 3 */
  const approved = async (id: string) => (await factories.approvedDisbursement(id)).disbursement;
  const verifyItems = (items: { id: string; version: number }[], username: string) =>
    approvals.bulk(DisbursementEventType.Verify, items, who(username));
  const approveItems = (items: { id: string; version: number }[], username: string) =>
    approvals.bulk(DisbursementEventType.Approve, items, who(username));
  const row = (id: string) => db.getRepository(DisbursementEntity).findOneByOrFail({ id });
  const history = (id: string) =>
    db.getRepository(DisbursementHistoryEntity).find({ where: { disbursementId: id }, order: { version: 'ASC' } });
  const committedFen = async () =>
    Number((await db.query(`SELECT sum(committed_fen) AS c FROM subsidy_policies`))[0].c);
  const paymentJobIds = async () =>
    ((await db.query(`SELECT job_id FROM outbox WHERE job_id LIKE 'pay.%'`)) as { job_id: string }[]).map(
      (r) => r.job_id,
    );
  const transfers = async (reference: string) =>
    (
      await db.query(`SELECT count(*)::int AS n FROM simulated_bank_transfers WHERE idempotency_key = $1`, [reference])
    )[0].n as number;

  /** Polls until `probe` holds (10 s at most). */
  async function waitUntil(probe: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + 10_000;
    while (!(await probe())) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function refusal(p: Promise<unknown>): Promise<DomainError> {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }

  it('designation creates one entitlement at version 1 with its ENTITLE row, and never a second one', async () => {
    const { applicationId, id } = await designated('qd-applicant');
    const d = await row(id);
    expect(d).toMatchObject({
      applicationId,
      state: 'pending_approval',
      version: 1,
      amountFen: AMOUNT_FEN,
      approvedBy: null,
    });
    expect(d.reference).toMatch(/^SUB-/);
    const [entitle, ...more] = await history(id);
    expect(more).toEqual([]);
    expect(entitle).toMatchObject({
      version: 1,
      event: 'ENTITLE',
      fromState: null,
      toState: 'pending_approval',
      actorId: who('qd-regulator').id,
      actorRole: 'regulator',
      payload: { applicationId, policyId: d.policyId, amountFen: AMOUNT_FEN },
    });
    const [designation] = await db.query(
      `SELECT payload FROM application_history WHERE application_id = $1 AND event = 'DESIGNATE'`,
      [applicationId],
    );
    expect(designation.payload.disbursements).toEqual([id]);
    expect(await committedFen()).toBe(0); // nothing is committed before approval

    // the same entitlement again (a replayed effect): the unique key leaves it alone, no second history row
    const again = await db.transaction((tx) =>
      moduleRef
        .get(DisbursementEngine)
        .entitle(
          tx,
          { ...d, id: undefined, reference: `${d.reference}-again`, version: undefined } as Partial<DisbursementEntity>,
          {
            toState: 'pending_approval',
            actorId: null,
            actorRole: 'system',
            reason: null,
            payload: {},
            at: new Date(),
          },
        ),
    );
    expect(again).toBeNull();
    expect(await db.getRepository(DisbursementEntity).countBy({ applicationId })).toBe(1);
    expect(await history(id)).toHaveLength(1);
  });

  it('four eyes: one officer verifies (the payee recorded), another approves, each at the version seen; the budget and the payment job come with the approval', async () => {
    const { id } = await designated('qd-applicant');
    const payee = (
      await db.getRepository(OrganisationEntity).findOneByOrFail({ id: who('qd-applicant').organisationId! })
    ).bankAccount!;

    const early = await refusal(approvals.execute(id, who('qd-finance-2'), 1));
    expect(early).toMatchObject({
      code: DomainErrorCode.EventNotAllowed,
      details: { allowedEvents: ['VERIFY', 'CANCEL'] },
    });
    expect((await refusal(approvals.verify(id, who('qd-finance'), null))).code).toBe(DomainErrorCode.VersionRequired);
    const stale = await refusal(approvals.verify(id, who('qd-finance'), 0));
    expect(stale).toMatchObject({ code: DomainErrorCode.VersionConflict, details: { currentVersion: 1 } });
    const outsider = await refusal(approvals.verify(id, who('cs-finance'), 1));
    expect(outsider.code).toBe(DomainErrorCode.NotFound); // another bureau's money is not there for it
    expect(await row(id)).toMatchObject({ state: 'pending_approval', version: 1 });

    const verified = await approvals.verify(id, who('qd-finance'), 1);
    expect(verified.disbursement).toMatchObject({
      state: 'verified',
      version: 2,
      verifiedBy: who('qd-finance').id,
      payee,
      payeeAccountHash: payeeAccountHash(payee),
      approvedBy: null,
    });
    expect(verified.history).toMatchObject({
      event: 'VERIFY',
      fromState: 'pending_approval',
      toState: 'verified',
      actorId: who('qd-finance').id,
      payload: { payee: payeeRecordOf(payee) },
    });
    expect(await committedFen()).toBe(0);
    expect(await paymentJobIds()).toEqual([]);

    // the same officer cannot approve what they verified: refused, nothing written
    const own = await refusal(approvals.execute(id, who('qd-finance'), 2));
    expect(own).toMatchObject({ code: DomainErrorCode.FourEyes, message: expect.stringMatching(/you verified/) });
    expect(await row(id)).toMatchObject({ state: 'verified', version: 2 });

    const { disbursement, history: h } = await approvals.execute(id, who('qd-finance-2'), 2);
    expect(disbursement).toMatchObject({
      state: 'approved',
      version: 3,
      verifiedBy: who('qd-finance').id,
      approvedBy: who('qd-finance-2').id,
    });
    expect(h).toMatchObject({
      disbursementId: id,
      version: 3,
      event: 'APPROVE',
      fromState: 'verified',
      toState: 'approved',
      actorRole: 'finance',
    });
    expect(h.id).toMatch(/^\d+$/);
    expect((await history(id)).map((r) => [r.version, r.event, r.actorId])).toEqual([
      [1, 'ENTITLE', who('qd-regulator').id],
      [2, 'VERIFY', who('qd-finance').id],
      [3, 'APPROVE', who('qd-finance-2').id],
    ]);
    expect(await committedFen()).toBe(AMOUNT_FEN);
    expect(await paymentJobIds()).toEqual([`pay.${id}.3`]);
  });

  it('only the paying bureau itself decides: a finance officer of the city above sees the money but neither verifies nor approves it', async () => {
    const { id } = await designated('qd-applicant');
    const city = {
      ...who('qd-finance'),
      id: randomUUID(),
      jurisdictionCode: '370200',
      jurisdictionPath: (await db.getRepository(JurisdictionEntity).findOneByOrFail({ code: '370200' })).path,
    };
    expect(who('qd-finance').jurisdictionPath!.startsWith(city.jurisdictionPath)).toBe(true);
    const refused = await refusal(approvals.verify(id, city, 1));
    expect(refused).toMatchObject({ code: DomainErrorCode.Forbidden, message: expect.stringMatching(/paying bureau/) });
    await approvals.verify(id, who('qd-finance'), 1);
    expect((await refusal(approvals.execute(id, city, 2))).code).toBe(DomainErrorCode.Forbidden);
    expect(await row(id)).toMatchObject({ state: 'verified', version: 2 });
  });

  it('a failed payment sent back by finance is verified and approved again, by two officers', async () => {
    const { id } = await designated('qd-applicant');
    await approved(id);
    gateway.refuse = true;
    expect(await payments.execute(id, false)).toBe('failed-final'); // refused for good: it waits for finance
    const failed = await row(id);
    expect(failed).toMatchObject({ state: 'failed', lastError: 'account closed' });
    expect(await committedFen()).toBe(AMOUNT_FEN); // a failed payment still holds its budget

    await moduleRef.get(ResolvePaymentUseCase).retry(id, who('qd-finance'), undefined, failed.version);
    expect(await committedFen()).toBe(0);
    expect(await row(id)).toMatchObject({ state: 'pending_approval', verifiedBy: null });
    const unverified = await refusal(approvals.execute(id, who('qd-finance'), failed.version + 1));
    expect(unverified.code).toBe(DomainErrorCode.EventNotAllowed);

    // this round the earlier approver verifies; they cannot approve it as well
    await approvals.verify(id, who('qd-finance-2'), failed.version + 1);
    const own = await refusal(approvals.execute(id, who('qd-finance-2'), failed.version + 2));
    expect(own.code).toBe(DomainErrorCode.FourEyes);

    const { disbursement } = await approvals.execute(id, who('qd-finance'), failed.version + 2);
    expect(disbursement).toMatchObject({
      state: 'approved',
      verifiedBy: who('qd-finance-2').id,
      approvedBy: who('qd-finance').id,
    });
    expect(await committedFen()).toBe(AMOUNT_FEN);
    expect((await history(id)).map((r) => [r.event, r.actorRole])).toEqual([
      ['ENTITLE', 'regulator'],
      ['VERIFY', 'finance'],
      ['APPROVE', 'finance'],
      ['START_PAYMENT', 'system'],
      ['PAYMENT_FAILED', 'system'],
      ['RETRY', 'finance'],
      ['VERIFY', 'finance'],
      ['APPROVE', 'finance'],
    ]);
    expect((await history(id)).map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('bulk: each item at its own version, under the same rules; approved, stale, own verification and unknown items reported apart', async () => {
    const first = await designated('qd-applicant');
    const second = await designated('qd-applicant-2');
    const extra = await factories.applicant('qd', 1);
    principals.set(extra.username, extra.principal);
    const third = await designated(extra.username);
    const unknown = randomUUID();

    // without a version for every item nothing is decided
    const unversioned = await refusal(
      approvals.bulk(DisbursementEventType.Verify, [{ id: first.id }], who('qd-finance-2')),
    );
    expect(unversioned.code).toBe(DomainErrorCode.VersionRequired);
    expect(await row(first.id)).toMatchObject({ state: 'pending_approval', version: 1 });

    const verified = await verifyItems(
      [
        { id: first.id, version: 1 },
        { id: second.id, version: 1 },
      ],
      'qd-finance-2',
    );
    expect(verified).toEqual([
      { id: first.id, ok: true, state: 'verified', version: 2 },
      { id: second.id, ok: true, state: 'verified', version: 2 },
    ]);
    await approvals.verify(third.id, who('qd-finance'), 1);
    // the list qd-finance works from is stale: the second one was approved from another screen meanwhile
    await approvals.execute(second.id, who('qd-finance'), 2);

    const results = await approveItems(
      [
        { id: first.id, version: 2 },
        { id: second.id, version: 2 },
        { id: third.id, version: 2 },
        { id: unknown, version: 1 },
      ],
      'qd-finance',
    );
    expect(results).toEqual([
      { id: first.id, ok: true, state: 'approved', version: 3 },
      {
        id: second.id,
        ok: false,
        error: DomainErrorCode.VersionConflict,
        message: expect.stringMatching(/current version 3/),
      },
      { id: third.id, ok: false, error: DomainErrorCode.FourEyes, message: expect.stringMatching(/you verified/) },
      { id: unknown, ok: false, error: DomainErrorCode.NotFound, message: expect.any(String) },
    ]);
    expect((await history(first.id)).map((h) => [h.event, h.actorId])).toEqual([
      ['ENTITLE', who('qd-regulator').id],
      ['VERIFY', who('qd-finance-2').id],
      ['APPROVE', who('qd-finance').id],
    ]);
    expect((await history(third.id)).map((h) => h.event)).toEqual(['ENTITLE', 'VERIFY']);
    expect(await committedFen()).toBe(2 * AMOUNT_FEN);
    expect((await paymentJobIds()).sort()).toEqual([`pay.${first.id}.3`, `pay.${second.id}.3`].sort());
  });

  it('the bulk writer writes only the rows still at the version read: their history rows and jobs, nothing for the stale one', async () => {
    const first = await designated('qd-applicant');
    const second = await designated('qd-applicant-2');
    await approved(second.id); // second is now at version 3
    const writer = new TransitionWriter(db, DisbursementEntity, DisbursementHistoryEntity, 'disbursementId');
    const at = new Date();
    const change = (id: string, fromVersion: number, attempt: number) => ({
      id,
      fromVersion,
      set: { lastError: 'checked by hand', updatedAt: at },
      history: {
        event: 'NOTE',
        fromState: 'pending_approval',
        toState: 'pending_approval',
        actorId: null,
        actorRole: 'system',
        reason: 'checked by hand',
        payload: { n: attempt },
        at,
      },
      jobs: [payDisbursementJob(id, attempt)],
    });

    const written = await db.transaction((tx) =>
      writer.writeMany(tx, [change(first.id, 1, 91), change(second.id, 1, 92)]),
    );
    expect(written[0]).toMatchObject({ disbursementId: first.id, version: 2, event: 'NOTE', payload: { n: 91 } });
    expect(written[1]).toBeNull();
    expect(await row(first.id)).toMatchObject({ version: 2, lastError: 'checked by hand' });
    expect(await row(second.id)).toMatchObject({ version: 3, state: 'approved', lastError: null });
    expect((await history(first.id)).map((h) => [h.version, h.event, String(h.id)])).toEqual([
      [1, 'ENTITLE', expect.any(String)],
      [2, 'NOTE', written[0]!.id],
    ]);
    expect((await history(second.id)).map((h) => h.event)).toEqual(['ENTITLE', 'VERIFY', 'APPROVE']);
    const jobs = await paymentJobIds();
    expect(jobs).toContain(`pay.${first.id}.91`);
    expect(jobs).not.toContain(`pay.${second.id}.92`);

    // jobs outside a transaction would not commit with their row: refused before anything is written
    await expect(writer.write(db.manager, change(first.id, 2, 93))).rejects.toThrow(/transaction/);
    expect(await row(first.id)).toMatchObject({ version: 2 });
  });

  it('the one-row writer writes its jobs in the same statement as the row, and none when the row is not at the version read', async () => {
    const { id } = await designated('qd-applicant');
    const writer = new TransitionWriter(db, DisbursementEntity, DisbursementHistoryEntity, 'disbursementId');
    const at = new Date();
    const change = (fromVersion: number, attempt: number) => ({
      id,
      fromVersion,
      set: { lastError: `note ${attempt}`, updatedAt: at },
      history: {
        event: 'NOTE',
        fromState: 'pending_approval',
        toState: 'pending_approval',
        actorId: null,
        actorRole: 'system',
        reason: 'checked by hand',
        payload: { n: attempt },
        at,
      },
      jobs: [payDisbursementJob(id, attempt), payDisbursementJob(id, attempt + 1)],
    });

    // stale: nothing written, neither the row nor its history nor its jobs
    expect(await db.transaction((tx) => writer.write(tx, change(5, 81)))).toBeNull();
    // current: the row, its history row and both jobs
    const written = await db.transaction((tx) => writer.write(tx, change(1, 83)));
    expect(written).toMatchObject({ disbursementId: id, version: 2, event: 'NOTE', payload: { n: 83 } });
    expect(await row(id)).toMatchObject({ version: 2, lastError: 'note 83' });
    const jobs = await paymentJobIds();
    expect(jobs).toEqual(expect.arrayContaining([`pay.${id}.83`, `pay.${id}.84`]));
    expect(jobs).not.toContain(`pay.${id}.81`);
    expect(jobs).not.toContain(`pay.${id}.82`);
    // the same job id written again is left alone (ON CONFLICT DO NOTHING), the row still moves on
    expect(await db.transaction((tx) => writer.write(tx, change(2, 83)))).toMatchObject({ version: 3 });
    expect((await paymentJobIds()).filter((j) => j === `pay.${id}.83`)).toHaveLength(1);
  });

  it('pays once through the simulated gateway, even when the job runs twice, and twice at once', async () => {
    const { id } = await designated('qd-applicant');
    await approved(id);

    expect(await payments.execute(id, false)).toBe('paid');
    expect(await payments.execute(id, false)).toBe('already-paid');
    const paid = await row(id);
    expect(paid).toMatchObject({
      state: 'paid',
      version: 5,
      bankReference: `SIMBANK-${paid.reference}`,
      lastError: null,
    });
    expect(paid.payee).toMatchObject({ bankName: expect.any(String), accountNumber: expect.any(String) });
    expect((await history(id)).map((h) => [h.version, h.event, h.fromState, h.toState])).toEqual([
      [1, 'ENTITLE', null, 'pending_approval'],
      [2, 'VERIFY', 'pending_approval', 'verified'],
      [3, 'APPROVE', 'verified', 'approved'],
      [4, 'START_PAYMENT', 'approved', 'paying'],
      [5, 'PAYMENT_SUCCEEDED', 'paying', 'paid'],
    ]);
    expect(await transfers(paid.reference)).toBe(1);
    expect(await committedFen()).toBe(AMOUNT_FEN);

    const other = await designated('qd-applicant-2');
    await approved(other.id);
    const outcomes = await Promise.all([payments.execute(other.id, false), payments.execute(other.id, false)]);
    expect(outcomes.sort()).toEqual(['already-paid', 'paid']);
    expect(await transfers((await row(other.id)).reference)).toBe(1);
    expect((await history(other.id)).map((h) => h.event)).toEqual([
      'ENTITLE',
      'VERIFY',
      'APPROVE',
      'START_PAYMENT',
      'PAYMENT_SUCCEEDED',
    ]);
  });

  it('cancel: finance cancels an approved disbursement and its budget is released; revoking the title cancels what is open', async () => {
    const first = await designated('qd-applicant');
    const second = await designated('qd-applicant-2');
    await approved(first.id);
    expect(await committedFen()).toBe(AMOUNT_FEN);
    const resolve = moduleRef.get(ResolvePaymentUseCase);

    expect((await refusal(resolve.cancel(first.id, who('qd-finance'), 'duplicate entitlement', null))).code).toBe(
      DomainErrorCode.VersionRequired,
    );
    const stale = await refusal(resolve.cancel(first.id, who('qd-finance'), 'duplicate entitlement', 2));
    expect(stale.code).toBe(DomainErrorCode.VersionConflict);
    const { disbursement, history: h } = await resolve.cancel(first.id, who('qd-finance'), 'duplicate entitlement', 3);
    expect(disbursement).toMatchObject({ state: 'cancelled', version: 4 });
    expect(h).toMatchObject({
      version: 4,
      event: 'CANCEL',
      fromState: 'approved',
      toState: 'cancelled',
      reason: 'duplicate entitlement',
      actorRole: 'finance',
    });
    expect(await committedFen()).toBe(0);
    expect((await refusal(resolve.cancel(first.id, who('qd-finance'), 'again', 4))).code).toBe(
      DomainErrorCode.EventNotAllowed,
    );
    // the payment job queued at approval finds nothing to pay
    expect(await payments.execute(first.id, false)).toBe('nothing-to-do');

    // REVOKE of the second title cancels its pending disbursement inside the revocation's transaction
    const { version } = await db.getRepository(ApplicationEntity).findOneByOrFail({ id: second.applicationId });
    await engine.fire(
      second.applicationId,
      who('qd-regulator'),
      { type: E.Revoke, reason: 'false statements' } as EventCommand,
      { expectedVersion: version },
    );
    expect(await row(second.id)).toMatchObject({ state: 'cancelled', version: 2 });
    expect((await history(second.id)).at(-1)).toMatchObject({
      event: 'CANCEL',
      actorRole: 'system',
      reason: 'title revoked: false statements',
    });
  });

  describe('the payee is checked at verification and fixed at approval', () => {
    /** The applicant's organisation's account now, and another one in its name (a different number). */
    async function accounts(applicant: string): Promise<{ a: PayeeBankAccount; b: PayeeBankAccount }> {
      const org = await db.getRepository(OrganisationEntity).findOneByOrFail({ id: who(applicant).organisationId! });
      const a = org.bankAccount!;
      return { a, b: { ...a, bankName: '中国建设银行青岛分行', accountNumber: '6222021234560123', branchCode: null } };
    }
    const changeAccount = (applicant: string, account: PayeeBankAccount) =>
      moduleRef.get(ChangeBankAccountUseCase).execute(who(applicant), account);
    const paidTo = async (reference: string) =>
      (
        (await db.query(`SELECT account_number FROM simulated_bank_transfers WHERE idempotency_key = $1`, [
          reference,
        ])) as { account_number: string }[]
      ).map((r) => r.account_number);

    it('verification and approval record the payee on the row and in their history rows, masked there', async () => {
      const { id } = await designated('qd-applicant');
      const { a } = await accounts('qd-applicant');
      await approved(id);
      expect(await row(id)).toMatchObject({ payee: a, payeeAccountHash: payeeAccountHash(a) });
      const [, verify, approve] = await history(id);
      for (const h of [verify, approve]) {
        expect(h.payload).toEqual({ payee: payeeRecordOf(a) });
        expect((h.payload.payee as { maskedAccount: string }).maskedAccount).toMatch(/^\d{4} \*{4} \*{4} \d{4}$/);
        expect(JSON.stringify(h)).not.toContain(a.accountNumber);
      }
    });

    it('a payee without a usable bank account cannot be verified', async () => {
      const { id } = await designated('qd-applicant');
      await db
        .getRepository(OrganisationEntity)
        .update({ id: who('qd-applicant').organisationId! }, { bankAccount: null });
      const refused = await refusal(approvals.verify(id, who('qd-finance'), 1));
      expect(refused).toMatchObject({
        code: DomainErrorCode.GuardFailed,
        message: expect.stringMatching(/no bank account/),
      });
      expect(await row(id)).toMatchObject({ state: 'pending_approval', version: 1, payee: null });
    });

    it('a change of account after verification sends it back to verification; the old check cannot be approved', async () => {
      const { id } = await designated('qd-applicant');
      const { b } = await accounts('qd-applicant');
      await approvals.verify(id, who('qd-finance'), 1);
      await changeAccount('qd-applicant', b);
      expect(await row(id)).toMatchObject({ state: 'pending_approval', version: 3, verifiedBy: null });
      expect((await history(id)).at(-1)).toMatchObject({ event: 'PAYEE_CHANGED', fromState: 'verified' });
      expect((await refusal(approvals.execute(id, who('qd-finance-2'), 2))).code).toBe(DomainErrorCode.VersionConflict);
      expect((await refusal(approvals.execute(id, who('qd-finance-2'), 3))).code).toBe(DomainErrorCode.EventNotAllowed);
      await approvals.verify(id, who('qd-finance'), 3);
      expect(await row(id)).toMatchObject({ state: 'verified', payee: b });
    });

    it("bulk verification records each item's own payee", async () => {
      const first = await designated('qd-applicant');
      const second = await designated('qd-applicant-2');
      const results = await verifyItems(
        [
          { id: first.id, version: 1 },
          { id: second.id, version: 1 },
        ],
        'qd-finance',
      );
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      for (const [{ id }, applicant] of [
        [first, 'qd-applicant'],
        [second, 'qd-applicant-2'],
      ] as const) {
        const { a } = await accounts(applicant);
        expect(await row(id)).toMatchObject({ payee: a, payeeAccountHash: payeeAccountHash(a) });
        expect((await history(id)).at(-1)).toMatchObject({ event: 'VERIFY', payload: { payee: payeeRecordOf(a) } });
      }
      expect((await row(first.id)).payeeAccountHash).not.toBe((await row(second.id)).payeeAccountHash);
    });

    it('a change of account after approval sends it back to verification; the account verified and approved again is paid', async () => {
      const { id } = await designated('qd-applicant');
      const { a, b } = await accounts('qd-applicant');
      await approved(id);
      expect(await committedFen()).toBe(AMOUNT_FEN);

      await changeAccount('qd-applicant', b);
      expect(await row(id)).toMatchObject({ state: 'pending_approval', version: 4, verifiedBy: null });
      const back = (await history(id)).at(-1)!;
      expect(back).toMatchObject({
        event: 'PAYEE_CHANGED',
        fromState: 'approved',
        toState: 'pending_approval',
        actorId: who('qd-applicant').id,
        actorRole: 'applicant',
        reason: `bank account changed from ${payeeRecordOf(a).maskedAccount} to 6222 **** **** 0123: the payee must be verified and approved again`,
        payload: { from: payeeRecordOf(a), to: payeeRecordOf(b) },
      });
      expect(JSON.stringify(back)).not.toContain(b.accountNumber);
      expect(await committedFen()).toBe(0); // the budget is held again only when it is approved again
      // the job queued at the first approval pays nothing
      expect(await payments.execute(id, false)).toBe('nothing-to-do');
      expect(await transfers((await row(id)).reference)).toBe(0);

      // the change is on the organisation's record, masked, with who and when
      const changes = await moduleRef.get(OrganisationQueries).bankAccountHistory(who('qd-applicant'));
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({
        id: back.payload.bankAccountChangeId,
        changedBy: who('qd-applicant').id,
        from: payeeRecordOf(a),
        to: payeeRecordOf(b),
      });
      expect(JSON.stringify(changes)).not.toMatch(new RegExp(`${a.accountNumber}|${b.accountNumber}`));

      // verified and approved again, by two officers, now paid to B
      await approved(id);
      expect(await row(id)).toMatchObject({ state: 'approved', payee: b, payeeAccountHash: payeeAccountHash(b) });
      // the same account once more changes nothing
      await changeAccount('qd-applicant', b);
      expect(await row(id)).toMatchObject({ state: 'approved', version: 6 });
      expect(await moduleRef.get(OrganisationQueries).bankAccountHistory(who('qd-applicant'))).toHaveLength(1);

      expect(await payments.execute(id, false)).toBe('paid');
      expect(await paidTo((await row(id)).reference)).toEqual([b.accountNumber]);
      expect((await history(id)).map((h) => h.event)).toEqual([
        'ENTITLE',
        'VERIFY',
        'APPROVE',
        'PAYEE_CHANGED',
        'VERIFY',
        'APPROVE',
        'START_PAYMENT',
        'PAYMENT_SUCCEEDED',
      ]);
    });

    it('a payment in flight is not redirected: it completes to the account approved', async () => {
      const { id } = await designated('qd-applicant');
      const { a, b } = await accounts('qd-applicant');
      await approved(id);
      let release!: () => void;
      gateway.hold = new Promise((r) => (release = r));
      const paying = payments.execute(id, false);
      for (let i = 0; i < 100 && (await row(id)).state !== 'paying'; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await row(id)).state).toBe('paying');

      await changeAccount('qd-applicant', b);
      expect(await row(id)).toMatchObject({ state: 'paying', payee: a });
      // a redelivery of the job (as after a worker crash) asks the bank for the reference first, and pays only if
      // the bank does not have it yet (which depends on when it runs): either way, only ever to the approved account
      const redelivered = payments.execute(id, false);
      release();
      expect([await paying, await redelivered].sort()).toEqual(['already-paid', 'paid']);
      expect(gateway.seen.length).toBeGreaterThanOrEqual(1);
      expect(new Set(gateway.seen.map((i) => i.account.accountNumber))).toEqual(new Set([a.accountNumber]));
      expect(await paidTo((await row(id)).reference)).toEqual([a.accountNumber]);
      expect((await history(id)).map((h) => h.event)).toEqual([
        'ENTITLE',
        'VERIFY',
        'APPROVE',
        'START_PAYMENT',
        'PAYMENT_SUCCEEDED',
      ]);
      expect(await moduleRef.get(OrganisationQueries).bankAccountHistory(who('qd-applicant'))).toHaveLength(1);
    });

    it('the payment refuses an account that is not the one approved and sends it back to approval', async () => {
      const { id } = await designated('qd-applicant');
      const { b } = await accounts('qd-applicant');
      await approved(id);
      // the account changed without going through the use case (as a change racing the approval could leave it)
      await db
        .getRepository(OrganisationEntity)
        .update({ id: who('qd-applicant').organisationId! }, { bankAccount: b });

      expect(await payments.execute(id, false)).toBe('payee-changed');
      expect(await row(id)).toMatchObject({ state: 'pending_approval', version: 4 });
      expect((await history(id)).at(-1)).toMatchObject({
        event: 'PAYEE_CHANGED',
        actorRole: 'system',
        reason: expect.stringMatching(/is not the one approved/),
      });
      expect(await transfers((await row(id)).reference)).toBe(0);
      expect(await committedFen()).toBe(0);
    });
  });
  /** Approved, then moved to paying as a payment job does just before it calls the bank (and then dies). */
  async function paying(applicant: string): Promise<{ id: string; reference: string; version: number }> {
    const { id } = await designated(applicant);
    await approved(id);
    const d = await row(id);
    await moduleRef
      .get(DisbursementEngine)
      .fireOptimistic(d, SYSTEM_PRINCIPAL, { type: DisbursementEventType.StartPayment, actor: SYSTEM_PRINCIPAL });
    return { id, reference: d.reference, version: d.version };
  }

  it('a paying disbursement is settled by asking the bank first: paid there means recorded, not paid again', async () => {
    // the bank booked the first one before the worker that asked it died
    const booked = await paying('qd-applicant');
    expect(booked.version).toBe(4);
    await db.query(
      `INSERT INTO simulated_bank_transfers (idempotency_key, amount_fen, account_number, bank_reference)
       VALUES ($1, $2, '2270000000000001', $3)`,
      [booked.reference, AMOUNT_FEN, `SIMBANK-${booked.reference}`],
    );
    expect(await gateway.statusOf(booked.reference)).toEqual({
      status: 'paid',
      bankReference: `SIMBANK-${booked.reference}`,
    });
    expect(await payments.execute(booked.id, false)).toBe('paid');
    expect(gateway.seen).toHaveLength(0);
    expect(await row(booked.id)).toMatchObject({ state: 'paid', bankReference: `SIMBANK-${booked.reference}` });
    expect((await history(booked.id)).at(-1)).toMatchObject({
      event: 'PAYMENT_SUCCEEDED',
      fromState: 'paying',
      payload: { resolvedBy: 'statusOf' },
    });
    expect(await transfers(booked.reference)).toBe(1);

    // the bank never heard of the second one: it is paid now, once
    const lost = await paying('qd-applicant-2');
    expect(await gateway.statusOf(lost.reference)).toEqual({ status: 'not-found' });
    expect(await payments.execute(lost.id, false)).toBe('paid');
    expect(gateway.seen).toHaveLength(1);
    expect((await history(lost.id)).at(-1)).toMatchObject({ event: 'PAYMENT_SUCCEEDED', payload: {} });
    expect(await transfers(lost.reference)).toBe(1);
  });

  it('finance retries a stuck payment or cancels it, with version and reason on the record', async () => {
    const resolve = moduleRef.get(ResolvePaymentUseCase);
    const stuck = await paying('qd-applicant');
    expect((await refusal(resolve.retry(stuck.id, who('qd-finance'), 'stuck', null))).code).toBe(
      DomainErrorCode.VersionRequired,
    );
    const noReason = await refusal(resolve.retry(stuck.id, who('qd-finance'), '  ', 4));
    expect(noReason).toMatchObject({ code: DomainErrorCode.ValidationFailed, details: { fields: ['reason'] } });

    const { disbursement, history: h } = await resolve.retry(stuck.id, who('qd-finance'), '无回执超过两分钟', 4);
    expect(disbursement).toMatchObject({ state: 'paying', version: 5 });
    expect(h).toMatchObject({
      event: 'RETRY',
      fromState: 'paying',
      toState: 'paying',
      actorId: who('qd-finance').id,
      actorRole: 'finance',
      reason: '无回执超过两分钟',
    });
    // a job id BullMQ has never seen, queued with the change
    expect(await paymentJobIds()).toContain(`pay.${stuck.id}.5`);
    expect(await payments.execute(stuck.id, false)).toBe('paid');
    expect(await transfers(stuck.reference)).toBe(1);

    // cancel: refused while the bank has the reference, done once it has not
    const other = await paying('qd-applicant-2');
    await db.query(
      `INSERT INTO simulated_bank_transfers (idempotency_key, amount_fen, account_number, bank_reference)
       VALUES ($1, $2, '2270000000000002', 'SIMBANK-X')`,
      [other.reference, AMOUNT_FEN],
    );
    const paidAtBank = await refusal(resolve.cancel(other.id, who('qd-finance'), 'duplicate', 4));
    expect(paidAtBank).toMatchObject({ code: DomainErrorCode.GuardFailed, details: { bankReference: 'SIMBANK-X' } });
    expect(paidAtBank.message).toMatch(/cannot be cancelled/);
    await db.query(`DELETE FROM simulated_bank_transfers WHERE idempotency_key = $1`, [other.reference]);
    expect((await refusal(resolve.cancel(other.id, who('qd-finance'), 'duplicate', null))).code).toBe(
      DomainErrorCode.VersionRequired,
    );
    const cancelled = await resolve.cancel(other.id, who('qd-finance'), '单位已注销', 4);
    expect(cancelled.history).toMatchObject({
      event: 'CANCEL',
      fromState: 'paying',
      toState: 'cancelled',
      reason: '单位已注销',
      actorId: who('qd-finance').id,
      payload: { bank: 'not-found' },
    });
    expect(await committedFen()).toBe(AMOUNT_FEN); // only the paid one holds budget
    expect(await payments.execute(other.id, false)).toBe('nothing-to-do');
    expect(await transfers(other.reference)).toBe(0);
  });

  it('a paying disbursement whose payment job is running now cannot be cancelled until that job has ended', async () => {
    const resolve = moduleRef.get(ResolvePaymentUseCase);
    const queue = moduleRef.get(JobProducer).queue(QueueName.Disbursements);
    const redis = new Redis(TEST_REDIS_URL);
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    redis.disconnect();
    // a worker like apps/worker's, on the tests' queue; the bank holds the payment until told
    let release!: () => void;
    gateway.hold = new Promise<void>((r) => (release = r));
    const worker = new Worker(queue.name, (job) => payments.execute(job.data.disbursementId, false), {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
    });
    try {
      const stuck = await paying('qd-applicant');
      await moduleRef.get(JobProducer).add(payDisbursementJob(stuck.id, stuck.version));
      await waitUntil(async () => gateway.seen.some((i) => i.idempotencyKey === stuck.reference));

      // the job is at the bank: the bank does not have the reference yet, but the job may book it any moment
      expect(await gateway.statusOf(stuck.reference)).toEqual({ status: 'not-found' });
      const refused = await refusal(resolve.cancel(stuck.id, who('qd-finance'), '单位已注销', stuck.version));
      expect(refused).toMatchObject({
        code: DomainErrorCode.GuardFailed,
        details: { activeJobs: [`pay.${stuck.id}.${stuck.version}`] },
      });
      expect(refused.message).toMatch(/is running now/);
      expect(await row(stuck.id)).toMatchObject({ state: 'paying', version: stuck.version });
      expect((await history(stuck.id)).map((h) => h.event)).not.toContain('CANCEL');

      // the attempt ends paid: the money left once, and there is nothing to cancel any more
      release();
      await waitUntil(async () => (await row(stuck.id)).state === 'paid');
      expect(await transfers(stuck.reference)).toBe(1);
      expect((await refusal(resolve.cancel(stuck.id, who('qd-finance'), 'x', stuck.version + 1))).code).toBe(
        DomainErrorCode.EventNotAllowed,
      );
    } finally {
      release();
      await worker.close();
    }
  });
});
