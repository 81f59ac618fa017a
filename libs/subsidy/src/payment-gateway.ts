import { PayeeBankAccount } from '@app/domain';

/** One payment as the bank or the treasury sees it. */
export interface PaymentInstruction {
  /** the disbursement reference: appears on the statement, and is the idempotency key */
  idempotencyKey: string;
  amountFen: number;
  payeeName: string;
  creditCode: string;
  account: PayeeBankAccount;
  purpose: string;
}

export interface PaymentReceipt {
  bankReference: string;
}

/**
 * What the bank knows of one reference: paid (with its own reference), failed (it refused the transfer), or nothing
 * at all (never received, so paying it now is the first transfer).
 */
export type PaymentStatus =
  { status: 'paid'; bankReference: string } | { status: 'failed'; reason: string } | { status: 'not-found' };

/** A failure the gateway reports; `retryable` false means trying again cannot help (e.g. a closed account). */
export class PaymentFailedError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PaymentFailedError';
  }
}

/**
 * The port to whatever moves money. Implementations must be idempotent on `idempotencyKey`: asking twice pays
 * once and returns the first receipt. `statusOf` asks what became of a reference without moving any money: the
 * payment job asks it before paying a disbursement whose outcome is unknown (`paying` after a crash).
 */
export abstract class PaymentGateway {
  abstract pay(instruction: PaymentInstruction): Promise<PaymentReceipt>;
  abstract statusOf(reference: string): Promise<PaymentStatus>;
}
