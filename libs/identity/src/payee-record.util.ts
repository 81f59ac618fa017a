import { maskAccountNumber, type PayeeBankAccount, type PayeeRecord } from '@app/domain';
import { createHash } from 'node:crypto';

/** The hash that identifies an account: the same details give the same hash, any change gives another. */
export function payeeAccountHash(a: PayeeBankAccount): string {
  const canonical = JSON.stringify([a.bankName, a.accountName, a.accountNumber, a.branchCode ?? null]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** What is kept of an account in histories and shown: holder, bank, the number masked, the hash. */
export function payeeRecordOf(a: PayeeBankAccount): PayeeRecord {
  return {
    accountName: a.accountName,
    bankName: a.bankName,
    branchCode: a.branchCode ?? null,
    maskedAccount: maskAccountNumber(a.accountNumber),
    accountHash: payeeAccountHash(a),
  };
}
