/** Payee bank details kept on an organisation's profile. */
export interface PayeeBankAccount {
  bankName: string;
  accountName: string;
  /** digits only */
  accountNumber: string;
  /** 12-digit CNAPS bank code (联行号), optional */
  branchCode?: string | null;
}

/** Problems with bank details, each naming its field; empty when they can be paid to. */
export function payeeProblems(p: Partial<PayeeBankAccount>): string[] {
  const problems: string[] = [];
  if (!p.bankName?.trim()) problems.push('bankName is required');
  if (!p.accountName?.trim()) problems.push('accountName is required (the registered name of the account holder)');
  if (!p.accountNumber || !/^\d{8,32}$/.test(p.accountNumber))
    problems.push('accountNumber must be 8 to 32 digits, no spaces');
  if (p.branchCode != null && !/^\d{12}$/.test(p.branchCode))
    problems.push('branchCode must be the 12-digit CNAPS code');
  return problems;
}

/**
 * What is recorded of a payee wherever it is shown or kept as history: holder, bank, the account masked, and a
 * SHA-256 hash of the full details that tells two accounts apart without keeping the number.
 */
export interface PayeeRecord {
  accountName: string;
  bankName: string;
  branchCode: string | null;
  /** e.g. `6222 **** **** 0123`: the first and last four digits, the length hidden */
  maskedAccount: string;
  /** hex SHA-256 of bank, holder, number and branch code */
  accountHash: string;
}

/** `6222021234560123` → `6222 **** **** 0123`; the middle (and so the length) is never shown. */
export function maskAccountNumber(accountNumber: string): string {
  return `${accountNumber.slice(0, 4)} **** **** ${accountNumber.slice(-4)}`;
}
