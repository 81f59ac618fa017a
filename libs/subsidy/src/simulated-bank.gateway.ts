import { EnvironmentVariables } from '@app/config';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import {
  PaymentFailedError,
  PaymentGateway,
  PaymentInstruction,
  PaymentReceipt,
  PaymentStatus,
} from './payment-gateway';
import { SimulatedBankTransferEntity } from './simulated-bank-transfer.entity';

/**
 * A bank for the demo and the tests, with configurable latency and failure rate. Its ledger is a table with a
 * unique idempotency key, so it pays once per key however often it is asked.
 */
@Injectable()
export class SimulatedBankGateway extends PaymentGateway {
  constructor(
    private readonly db: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {
    super();
  }

  async pay(i: PaymentInstruction): Promise<PaymentReceipt> {
    // half the latency before the bank books the transfer, half before its answer arrives: a caller that dies
    // in the second half has paid without hearing so, which the idempotency key must absorb
    const half = this.config.get('SIMULATED_BANK_LATENCY_MS', { infer: true }) / 2;
    await wait(half);
    if (Math.random() < this.config.get('SIMULATED_BANK_FAILURE_RATE', { infer: true })) {
      // an outage answers nothing new, but a transfer booked before is still reported
      const booked = await this.booked(i.idempotencyKey);
      if (!booked) throw new PaymentFailedError('simulated bank: temporarily unavailable', true);
      await wait(half);
      return { bankReference: booked };
    }
    const inserted: { bank_reference: string }[] = await this.db.query(
      `INSERT INTO simulated_bank_transfers (idempotency_key, amount_fen, account_number, bank_reference)
       VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING RETURNING bank_reference`,
      [i.idempotencyKey, i.amountFen, i.account.accountNumber, `SIMBANK-${i.idempotencyKey}`],
    );
    const bankReference = inserted[0]?.bank_reference ?? (await this.booked(i.idempotencyKey))!;
    await wait(half);
    return { bankReference };
  }

  /** The ledger answers: a booked transfer is paid; an outage books nothing, so there is no failed one to report. */
  async statusOf(reference: string): Promise<PaymentStatus> {
    const booked = await this.booked(reference);
    return booked ? { status: 'paid', bankReference: booked } : { status: 'not-found' };
  }

  private async booked(key: string): Promise<string | null> {
    const existing = await this.db.getRepository(SimulatedBankTransferEntity).findOneBy({ idempotencyKey: key });
    return existing?.bankReference ?? null;
  }
}

function wait(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
