import { OutboxRelay } from '@app/queue';
import { PayDisbursementUseCase } from '@app/subsidy';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { extraApplicant, Flow, Http, startWorker, useApi } from './support/apps';
import {
  bankTransfers,
  designatedApplication,
  disbursement,
  disbursementIdsOf,
  setBudget,
  verifyAndApprove,
  waitForDisbursement,
} from './support/subsidy';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Finance staff through HTTP: budget under concurrent approvals, revocation, reconciliation, exports, bad input. */
describe('finance', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  async function entitlement(applicant = 'qd-applicant'): Promise<{ flow: Flow; id: string; reference: string }> {
    const flow = await designatedApplication(http, applicant);
    const [id] = await disbursementIdsOf(api, flow.id);
    return { flow, id, reference: (await disbursement(http, id)).reference };
  }

  /** verified by qd-finance, approved by qd-finance-2 */
  async function approve(id: string) {
    return verifyAndApprove(http, id);
  }

  /** Pays approved disbursements by running the worker's use case directly (no worker process in these tests). */
  async function pay(id: string): Promise<void> {
    expect(await api.get(PayDisbursementUseCase).execute(id, false)).toBe('paid');
  }

  async function budget() {
    const res = await (await http.as('qd-finance')).get('/finance/policies').expect(200);
    return res.body[0] as { budgetFen: number; usedFen: number; remainingFen: number; remainingYuan: string };
  }

  describe('budget', () => {
    it('concurrent approvals that together exceed the budget: exactly as many as fit are approved, the rest refused', async () => {
      const entitlements = [];
      for (const applicant of [
        'qd-applicant',
        'qd-applicant-2',
        await extraApplicant(api, 'qd', 1),
        await extraApplicant(api, 'qd', 2),
      ]) {
        entitlements.push(await entitlement(applicant));
      }
      await setBudget(api, 'QDFTZ-2026', 12_000_000); // room for two grants of 5,000,000 fen, not three
      const verified = await (
        await http.as('qd-finance')
      )
        .post('/finance/disbursements/verify', { items: entitlements.map(({ id }) => ({ id, version: 1 })) })
        .expect(200);
      expect(verified.body).toMatchObject({ verified: 4, refused: 0 });

      const answers = await Promise.all(
        entitlements.map(async ({ id }) =>
          (await http.as('qd-finance-2')).post(`/finance/disbursements/${id}/approve`, { version: 2 }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 422, 422]);
      for (const refused of answers.filter((a) => a.status === 422)) {
        expect(refused.body).toMatchObject({ error: 'BUDGET_EXCEEDED', remainingFen: 2_000_000, amountFen: 5_000_000 });
        expect(refused.body.message).toMatch(/exceed the programme budget: 20000\.00 yuan remain/);
      }
      expect(await budget()).toMatchObject({
        budgetFen: 12_000_000,
        usedFen: 10_000_000,
        remainingFen: 2_000_000,
        remainingYuan: '20000.00',
      });

      // the refused ones are untouched: still verified, no history row beyond the verification
      const refusedIds = entitlements.filter((_, i) => answers[i].status === 422).map((e) => e.id);
      const refusedItems = refusedIds.map((id) => ({ id, version: 2 }));
      for (const id of refusedIds)
        expect(await disbursement(http, id)).toMatchObject({
          state: 'verified',
          version: 2,
          history: [expect.objectContaining({ event: 'ENTITLE' }), expect.objectContaining({ event: 'VERIFY' })],
        });

      // bulk approval reports each outcome; cancelling an approved one gives its money back to the budget
      const bulk = await (
        await http.as('qd-finance-2')
      )
        .post('/finance/disbursements/approve', { items: refusedItems })
        .expect(200);
      expect(bulk.body).toMatchObject({ approved: 0, refused: 2 });
      expect(bulk.body.results.map((r: { error: string }) => r.error)).toEqual(['BUDGET_EXCEEDED', 'BUDGET_EXCEEDED']);

      const approvedId = entitlements.find((_, i) => answers[i].status === 200)!.id;
      const cancel = await (
        await http.as('qd-finance')
      ).post(`/finance/disbursements/${approvedId}/cancel`, { reason: '单位主动放弃', version: 3 });
      expect(cancel.status).toBe(200);
      expect(cancel.body.disbursement).toMatchObject({ state: 'cancelled' });
      expect(await budget()).toMatchObject({ usedFen: 5_000_000, remainingFen: 7_000_000 });

      const again = await (
        await http.as('qd-finance-2')
      )
        .post('/finance/disbursements/approve', { items: refusedItems })
        .expect(200);
      expect(again.body).toMatchObject({ approved: 1, refused: 1 });
      expect(await budget()).toMatchObject({ usedFen: 10_000_000, remainingFen: 2_000_000 });
    }, 60_000);

    it('totals by programme, jurisdiction and state, and the list filters', async () => {
      const a = await entitlement('qd-applicant');
      const b = await entitlement('qd-applicant-2');
      expect((await approve(a.id)).status).toBe(200);
      await pay(a.id);

      const summary = await (await http.as('qd-finance')).get('/finance/summary').expect(200);
      expect(summary.body.totals).toEqual([
        {
          programmeCode: 'QDFTZ-2026',
          jurisdictionCode: '370211-FTZ',
          state: 'paid',
          count: 1,
          amountFen: 5_000_000,
          amountYuan: '50000.00',
        },
        {
          programmeCode: 'QDFTZ-2026',
          jurisdictionCode: '370211-FTZ',
          state: 'pending_approval',
          count: 1,
          amountFen: 5_000_000,
          amountYuan: '50000.00',
        },
      ]);
      expect(summary.body.budgets).toEqual([
        expect.objectContaining({ programmeCode: 'QDFTZ-2026', usedFen: 5_000_000, remainingYuan: '450000.00' }),
      ]);

      const finance = await http.as('qd-finance');
      const pending = await finance.get('/finance/disbursements?state=pending_approval').expect(200);
      expect(pending.body.items.map((d: { id: string }) => d.id)).toEqual([b.id]);
      const programmeId = await http.programmeId('QDFTZ-2026');
      const all = await finance
        .get(`/finance/disbursements?programmeId=${programmeId}&jurisdictionCode=370211-FTZ`)
        .expect(200);
      expect(all.body.items).toHaveLength(2);
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(
        (await finance.get(`/finance/disbursements?from=${today}&to=${today}`).expect(200)).body.items,
      ).toHaveLength(2);
      expect((await finance.get('/finance/disbursements?to=2020-01-01').expect(200)).body.items).toHaveLength(0);
      expect(
        (await finance.get('/finance/disbursements?reconciliation=paid_unconfirmed').expect(200)).body.items.map(
          (d: { id: string }) => d.id,
        ),
      ).toEqual([a.id]);

      // Changsha's finance office sees none of Qingdao's money
      const cs = await (await http.as('cs-finance')).get('/finance/disbursements').expect(200);
      expect(cs.body.items).toEqual([]);
      expect((await (await http.as('cs-finance')).get('/finance/summary').expect(200)).body).toEqual({
        totals: [],
        budgets: [],
      });
    }, 60_000);
  });

  describe('revocation', () => {
    it('before payment cancels the entitlement in the same transaction, and a queued payment job then pays nothing', async () => {
      const { flow, id, reference } = await entitlement();
      expect((await approve(id)).status).toBe(200); // its payment job waits in the outbox: no worker runs yet
      expect(await budget()).toMatchObject({ usedFen: 5_000_000 });

      const revoked = await flow.ok('qd-regulator', { type: 'REVOKE', reason: '存在侵犯商业秘密行为被行政处罚' });
      expect(revoked.application.state).toBe('revoked');
      expect((await flow.history()).at(-1)).toMatchObject({
        event: 'REVOKE',
        payload: { cancelledDisbursements: [id] },
      });

      const cancelled = await disbursement(http, id);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.history.at(-1)).toMatchObject({
        event: 'CANCEL',
        fromState: 'approved',
        toState: 'cancelled',
        actorRole: 'system',
        reason: 'title revoked: 存在侵犯商业秘密行为被行政处罚',
      });
      expect(await budget()).toMatchObject({ usedFen: 0, remainingFen: 50_000_000 });

      // the worker comes, publishes the payment job and runs it: nothing to pay
      const worker = await startWorker();
      try {
        await new Promise((r) => setTimeout(r, 1000));
        expect(await api.get(OutboxRelay).drain()).toBe(0); // the worker's relay already published everything
        expect(await worker.get(PayDisbursementUseCase).execute(id, false)).toBe('nothing-to-do');
      } finally {
        await worker.close();
      }
      expect(await bankTransfers(api, reference)).toBe(0);
      expect((await disbursement(http, id)).state).toBe('cancelled');
    });

    it('after payment leaves the payment as it is', async () => {
      const { flow, id, reference } = await entitlement();
      expect((await approve(id)).status).toBe(200);
      const worker = await startWorker();
      try {
        await waitForDisbursement(http, id, 'paid');
      } finally {
        await worker.close();
      }
      const revoked = await flow.ok('qd-regulator', { type: 'REVOKE', reason: '有效期内发生泄密事件' });
      expect(revoked.application.state).toBe('revoked');
      expect((await flow.history()).at(-1)!.payload).not.toHaveProperty('cancelledDisbursements');

      const paid = await disbursement(http, id);
      expect(paid.state).toBe('paid');
      expect(paid.history.map((h) => h.event)).toEqual([
        'ENTITLE',
        'VERIFY',
        'APPROVE',
        'START_PAYMENT',
        'PAYMENT_SUCCEEDED',
      ]);
      expect(await bankTransfers(api, reference)).toBe(1);

      // and finance cannot cancel money that has left
      const cancel = await (
        await http.as('qd-finance')
      ).post(`/finance/disbursements/${id}/cancel`, { reason: 'x', version: paid.version });
      expect(cancel.status).toBe(409);
      expect(cancel.body.message).toMatch(/CANCEL is not allowed for a disbursement in state paid/);
    });
  });

  describe('reconciliation', () => {
    it('matches statement lines by reference and amount: confirmed, mismatched and unknown are visible and exportable', async () => {
      const a = await entitlement('qd-applicant');
      const b = await entitlement('qd-applicant-2');
      const c = await entitlement(await extraApplicant(api, 'qd', 3));
      for (const d of [a, b, c]) {
        expect((await approve(d.id)).status).toBe(200);
        await pay(d.id);
      }

      const csv = [
        'reference,amount_yuan,value_date,bank_reference',
        `${a.reference},50000.00,2026-11-23,B-001`,
        `${b.reference},49999.00,2026-11-23,B-002`,
        'SUB-NOT-OURS-000001,50000.00,2026-11-23,B-003',
      ].join('\n');
      const upload = await (await http.as('qd-finance')).post('/finance/statements', { csv });
      expect(upload.status).toBe(201);
      expect(upload.body).toMatchObject({ lines: 3, confirmed: 1, mismatched: 1, unknown: 1 });
      expect(upload.body.results[1]).toMatchObject({
        lineNo: 3,
        reference: b.reference,
        amountYuan: '49999.00',
        expectedYuan: '50000.00',
        status: 'mismatched',
      });

      const finance = await http.as('qd-finance');
      const ids = async (q: string) =>
        (await finance.get(`/finance/disbursements?reconciliation=${q}`).expect(200)).body.items.map(
          (d: { id: string }) => d.id,
        );
      expect(await ids('confirmed')).toEqual([a.id]);
      expect(await ids('mismatched')).toEqual([b.id]);
      expect(await ids('paid_unconfirmed')).toEqual([c.id]);
      expect((await disbursement(http, b.id)).reconciliation).toBe('mismatched');

      // a later line with the right amount does not hide the mismatch; the file may also be the raw body
      const raw = await request(http.server)
        .post('/finance/statements')
        .set(await http.auth('qd-finance'))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(`reference,amount_yuan\n${b.reference},50000.00\n`);
      expect(raw.status).toBe(201);
      expect(raw.body).toMatchObject({ lines: 1, confirmed: 1 }); // the line matches; the disbursement stays mismatched
      expect(await ids('mismatched')).toEqual([b.id]);

      const unknown = await finance.get('/finance/statements/lines?status=unknown_reference').expect(200);
      expect(unknown.body).toEqual([
        expect.objectContaining({ reference: 'SUB-NOT-OURS-000001', matchStatus: 'unknown_reference' }),
      ]);

      const exported = await finance.get('/finance/disbursements/export.csv?reconciliation=mismatched').expect(200);
      expect(exported.headers['content-type']).toMatch(/^text\/csv/);
      const lines = exported.text.trimEnd().split('\n');
      expect(lines[0]).toBe(
        'reference,state,amount_yuan,organisation_id,programme_id,approved_at,paid_at,bank_reference,reconciliation,last_error',
      );
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(new RegExp(`^${b.reference},paid,50000\\.00,.*,mismatched,$`));
    }, 60_000);

    it('refuses a statement it cannot read, naming the line and the column', async () => {
      const finance = await http.as('qd-finance');
      const noHeader = await finance.post('/finance/statements', { csv: 'ref,amount\nX,1\n' }).expect(400);
      expect(noHeader.body.message).toMatch(/reference and amount_yuan/);
      const badAmount = await finance
        .post('/finance/statements', { csv: 'reference,amount_yuan\nSUB-1,12.345\nSUB-2,abc\n' })
        .expect(400);
      expect(badAmount.body.message).toMatch(/line 2: .*line 3: /);
      expect(await (await finance.get('/finance/statements/lines').expect(200)).body).toEqual([]);
    });
  });

  describe('bad input and access', () => {
    it('amounts must be positive whole fen; one policy per programme, inside your own jurisdiction', async () => {
      const programmeId = await http.programmeId('HNFTZ-CS-2026');
      const base = {
        programmeId,
        name: '长沙片区示范企业专项资金',
        amountFen: 2_000_000,
        budgetFen: 20_000_000,
        purpose: '商业秘密保护能力建设',
      };
      const cs = await http.as('cs-finance');

      const negative = await cs.post('/finance/policies', { ...base, amountFen: -5 }).expect(400);
      expect(negative.body.message).toBe('amountFen must be positive');
      const fractional = await cs.post('/finance/policies', { ...base, amountFen: 12.5 }).expect(400);
      expect(fractional.body).toMatchObject({
        error: 'VALIDATION_FAILED',
        message: 'amountFen must be a whole number of fen (1 yuan = 100 fen)',
        fields: ['amountFen'],
      });
      const asText = await cs.post('/finance/policies', { ...base, budgetFen: '1000' }).expect(400);
      expect(JSON.stringify(asText.body.message)).toMatch(/budgetFen/);
      const unknownField = await cs.post('/finance/policies', { ...base, amountYuan: 20000 }).expect(400);
      expect(unknownField.body).toMatchObject({
        message: 'amountYuan: property amountYuan should not exist',
        fields: ['amountYuan'],
      });

      const outside = await (await http.as('qd-finance')).post('/finance/policies', base);
      expect(outside.status).toBe(403);
      const created = await cs.post('/finance/policies', base).expect(201);
      expect(created.body.policy).toMatchObject({
        amountFen: 2_000_000,
        oneTime: true,
        payingJurisdictionCode: '430100-FTZ',
        status: 'pending',
        version: 1,
      });
      const again = await cs.post('/finance/policies', base);
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/already has a subsidy policy: propose a change/);
    });

    it('unknown, malformed and out-of-scope disbursements, wrong roles, stale versions', async () => {
      const { id } = await entitlement();
      const finance = await http.as('qd-finance');

      expect((await finance.get(`/finance/disbursements/${UNKNOWN_ID}`).expect(404)).body.message).toMatch(/not found/);
      expect((await finance.post(`/finance/disbursements/${UNKNOWN_ID}/approve`, { version: 1 })).status).toBe(404);
      expect((await finance.get('/finance/disbursements/not-a-uuid').expect(400)).body.message).toMatch(/UUID/);
      expect((await finance.get('/finance/disbursements?state=spent').expect(400)).body.message).toMatch(
        /^state must be one of the following values: pending_approval/,
      );
      expect((await finance.get('/finance/disbursements?from=23/11/2026').expect(400)).body.message).toBe(
        'from must be YYYY-MM-DD',
      );
      expect((await finance.post('/finance/disbursements/approve', { items: [{ id: 'x', version: 1 }] })).status).toBe(
        400,
      );
      expect((await finance.post('/finance/disbursements/approve', { items: [] })).status).toBe(400);
      expect((await finance.post('/finance/disbursements/verify', { items: [{ id, version: 0 }] })).status).toBe(400);
      expect((await finance.post(`/finance/disbursements/${id}/approve`, { version: 1, amountFen: 1 })).status).toBe(
        400,
      );
      expect((await finance.post(`/finance/disbursements/${id}/cancel`, {})).body.message).toMatch(/reason/);

      // another bureau's finance office does not learn it exists
      expect((await (await http.as('cs-finance')).get(`/finance/disbursements/${id}`)).status).toBe(404);
      expect(
        (await (await http.as('cs-finance')).post(`/finance/disbursements/${id}/verify`, { version: 1 })).status,
      ).toBe(404);

      // money is for finance
      for (const user of ['qd-applicant', 'qd-regulator', 'qd-evaluator-1']) {
        const u = await http.as(user);
        expect((await u.get('/finance/disbursements')).status).toBe(403);
        expect((await u.post(`/finance/disbursements/${id}/approve`, {})).status).toBe(403);
      }
      expect((await (await http.as(null)).get('/finance/disbursements')).status).toBe(401);

      // a stale version
      const stale = await finance.post(`/finance/disbursements/${id}/verify`, { version: 7 });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toMatch(/current version 1/);
      const viaHeader = async (step: string, username: string, version: number) =>
        request(api.getHttpServer())
          .post(`/finance/disbursements/${id}/${step}`)
          .set(await http.auth(username))
          .set('If-Match', `"${version}"`)
          .send({});
      expect((await viaHeader('verify', 'qd-finance', 1)).status).toBe(200);
      expect((await viaHeader('approve', 'qd-finance-2', 2)).status).toBe(200);
      expect((await disbursement(http, id)).history.map((h) => h.event)).toEqual(['ENTITLE', 'VERIFY', 'APPROVE']);

      // a bulk approval reports every item in the order given: approved, already approved, repeated, unknown
      const other = await entitlement('qd-applicant-2');
      await finance.post(`/finance/disbursements/${other.id}/verify`, { version: 1 }).expect(200);
      const bulk = await (
        await http.as('qd-finance-2')
      )
        .post('/finance/disbursements/approve', {
          items: [
            { id: other.id, version: 2 },
            { id, version: 3 },
            { id: other.id, version: 2 },
            { id: UNKNOWN_ID, version: 1 },
          ],
        })
        .expect(200);
      expect(bulk.body).toMatchObject({ approved: 1, refused: 3 });
      expect(bulk.body.results).toEqual([
        { id: other.id, ok: true, state: 'approved', version: 3 },
        expect.objectContaining({ id, ok: false, error: 'EVENT_NOT_ALLOWED' }),
        expect.objectContaining({ id: other.id, ok: false, error: 'VERSION_CONFLICT' }),
        expect.objectContaining({ id: UNKNOWN_ID, ok: false, error: 'NOT_FOUND' }),
      ]);
      expect((await disbursement(http, other.id)).history.map((h) => [h.event, h.version])).toEqual([
        ['ENTITLE', 1],
        ['VERIFY', 2],
        ['APPROVE', 3],
      ]);
      expect(await budget()).toMatchObject({ usedFen: 10_000_000 });
    }, 60_000);

    it('payee bank details are validated; the queue dashboard is for finance and admins', async () => {
      const applicant = await http.as('qd-applicant');
      const me = await applicant.get('/organisations/me').expect(200);
      const good = {
        bankName: '中国工商银行青岛黄岛支行',
        accountName: me.body.name,
        accountNumber: '3803020109200123456',
        branchCode: '102452000018',
      };
      expect(
        (await applicant.put('/organisations/me/bank-account', { ...good, accountNumber: '3803 0201' }).expect(400))
          .body.message,
      ).toBe('accountNumber must be 8 to 32 digits, no spaces');
      expect(
        (await applicant.put('/organisations/me/bank-account', { ...good, branchCode: '1024' }).expect(400)).body
          .message,
      ).toBe('branchCode must be the 12-digit CNAPS code');
      expect(
        (await applicant.put('/organisations/me/bank-account', { ...good, accountName: '别的公司' }).expect(400)).body
          .message,
      ).toMatch(/accountName must be the organisation's registered name/);
      await applicant.put('/organisations/me/bank-account', good).expect(200);
      expect((await (await http.as('qd-finance')).put('/organisations/me/bank-account', good)).status).toBe(403);

      const server = api.getHttpServer();
      expect((await request(server).get('/admin/queues')).status).toBe(401);
      expect(
        (
          await request(server)
            .get('/admin/queues')
            .set(await http.auth('qd-applicant'))
        ).status,
      ).toBe(403);
      expect(
        (
          await request(server)
            .get('/admin/queues')
            .set(await http.auth('qd-regulator'))
        ).status,
      ).toBe(403);
      expect((await request(server).get('/admin/queues?ticket=forged')).status).toBe(401);
      const { url } = (await (await http.as('qd-finance')).post('/auth/dashboard-ticket').expect(200)).body;
      const entry = await request(server).get(url).expect(303);
      expect(entry.headers['set-cookie']?.[0]).toMatch(/^queue_dashboard_session=.*HttpOnly/);
      const board = await request(server)
        .get('/admin/queues')
        .set('Cookie', entry.headers['set-cookie'][0].split(';')[0]);
      expect(board.status).toBe(200);
      expect(
        (
          await request(server)
            .get('/admin/queues/api/queues')
            .set(await http.auth('admin'))
        ).status,
      ).toBe(200);
    });
  });
});
