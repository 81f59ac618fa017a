import { PayDisbursementUseCase } from '@app/subsidy';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Http, useApi } from './support/apps';
import { designatedApplication, disbursement, disbursementIdsOf, verifyAndApprove } from './support/subsidy';

const MASKED = /^\d{4} \*{4} \*{4} \d{4}$/;

/** The payee is fixed at approval: a change of bank account through HTTP, as the tester of issue 9 made it. */
describe('payee', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  const paidTo = async (reference: string): Promise<string[]> =>
    (
      (await api
        .get(DataSource)
        .query(`SELECT account_number FROM simulated_bank_transfers WHERE idempotency_key = $1`, [reference])) as {
        account_number: string;
      }[]
    ).map((r) => r.account_number);

  it('a change of account after approval needs a new verification and approval; the account approved then is paid; both histories show it, masked', async () => {
    const applicant = await http.as('qd-applicant');
    const me = (await applicant.get('/organisations/me').expect(200)).body;
    const a = me.bankAccount.accountNumber as string;
    const b = '6222021234560123';
    const flow = await designatedApplication(http, 'qd-applicant');
    const [id] = await disbursementIdsOf(api, flow.id);
    const { reference } = await disbursement(http, id);

    expect((await verifyAndApprove(http, id)).status).toBe(200);
    await applicant
      .put('/organisations/me/bank-account', {
        bankName: '中国建设银行青岛分行',
        accountName: me.name,
        accountNumber: b,
      })
      .expect(200);

    const back = await disbursement(http, id);
    expect(back).toMatchObject({ state: 'pending_approval', version: 4, verifiedBy: null });
    expect(back.history.map((h) => h.event)).toEqual(['ENTITLE', 'VERIFY', 'APPROVE', 'PAYEE_CHANGED']);
    expect(back.history[3]).toMatchObject({
      actorRole: 'applicant',
      reason: expect.stringMatching(/^bank account changed from \d{4} \*{4} \*{4} \d{4} to 6222 \*{4} \*{4} 0123/),
    });
    // the job queued at the first approval pays nothing: the payment waits for the new approval
    expect(await api.get(PayDisbursementUseCase).execute(id, false)).toBe('nothing-to-do');
    expect(await paidTo(reference)).toEqual([]);

    // approving the old verification is not possible: the new payee is verified first
    const stale = await (await http.as('qd-finance-2')).post(`/finance/disbursements/${id}/approve`, { version: 4 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', allowedEvents: ['VERIFY', 'CANCEL'] });
    expect((await verifyAndApprove(http, id, 'qd-finance-2', 'qd-finance')).status).toBe(200);
    expect(await api.get(PayDisbursementUseCase).execute(id, false)).toBe('paid');
    expect(await paidTo(reference)).toEqual([b]);
    const paid = await disbursement(http, id);
    expect(paid.history.map((h) => h.event)).toEqual([
      'ENTITLE',
      'VERIFY',
      'APPROVE',
      'PAYEE_CHANGED',
      'VERIFY',
      'APPROVE',
      'START_PAYMENT',
      'PAYMENT_SUCCEEDED',
    ]);
    expect((paid.history[5] as unknown as { payload: { payee: { maskedAccount: string } } }).payload.payee).toEqual({
      accountName: me.name,
      bankName: '中国建设银行青岛分行',
      branchCode: null,
      maskedAccount: '6222 **** **** 0123',
      accountHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((paid as unknown as { payee: { maskedAccount: string } }).payee.maskedAccount).toBe('6222 **** **** 0123');
    // finance's view of the money never shows a full account number
    expect(JSON.stringify(paid)).not.toMatch(new RegExp(`${a}|${b}`));

    const history = await applicant.get('/organisations/me/bank-account/history').expect(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({
      changedBy: expect.any(String),
      changedAt: expect.any(String),
      from: { accountName: me.name, bankName: me.bankAccount.bankName, maskedAccount: expect.stringMatching(MASKED) },
      to: { accountName: me.name, bankName: '中国建设银行青岛分行', maskedAccount: '6222 **** **** 0123' },
    });
    expect(history.body[0].from.maskedAccount).toBe(`${a.slice(0, 4)} **** **** ${a.slice(-4)}`);
    expect(JSON.stringify(history.body)).not.toMatch(new RegExp(`${a}|${b}`));
    expect((await (await http.as('qd-finance')).get('/organisations/me/bank-account/history')).status).toBe(403);
  });
});
