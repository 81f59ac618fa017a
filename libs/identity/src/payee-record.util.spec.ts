import { payeeAccountHash, payeeRecordOf } from './payee-record.util';

const account = {
  bankName: '中国工商银行',
  accountName: '青岛海湾精密机械有限公司',
  accountNumber: '6222021234560123',
};

describe('payee records', () => {
  it('hashes the full details: the same account gives the same hash, any changed field another', () => {
    const hash = payeeAccountHash(account);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(payeeAccountHash({ ...account, branchCode: null })).toBe(hash);
    expect(payeeAccountHash({ ...account, accountNumber: '6222021234560124' })).not.toBe(hash);
    expect(payeeAccountHash({ ...account, bankName: '中国银行' })).not.toBe(hash);
    expect(payeeAccountHash({ ...account, branchCode: '102452000018' })).not.toBe(hash);
  });

  it('keeps no full account number in the record', () => {
    const record = payeeRecordOf(account);
    expect(record).toEqual({
      accountName: account.accountName,
      bankName: account.bankName,
      branchCode: null,
      maskedAccount: '6222 **** **** 0123',
      accountHash: payeeAccountHash(account),
    });
    expect(JSON.stringify(record)).not.toContain(account.accountNumber);
  });
});
