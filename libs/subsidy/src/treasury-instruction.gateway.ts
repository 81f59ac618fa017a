import { EnvironmentVariables } from '@app/config';
import { chinaDate, formatYuan } from '@app/domain';
import { neutraliseCell, readCsv, toCsv } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { appendFile, mkdir, readdir, readFile, stat } from 'fs/promises';
import { join, resolve } from 'path';
import { DataSource } from 'typeorm';
import { PaymentGateway, PaymentInstruction, PaymentReceipt, PaymentStatus } from './payment-gateway';
import { PaymentInstructionEntity } from './payment-instruction.entity';

/** The batch file's columns, in order (its header row). */
export const TREASURY_COLUMNS = [
  'reference',
  'payee_name',
  'credit_code',
  'bank_name',
  'bank_account',
  'amount_yuan',
  'purpose',
] as const;

/**
 * Writes payment instructions to the treasury's daily batch file (CSV). An instruction is recorded in the
 * database first (unique reference), so a retried job never writes the same payment twice.
 */
@Injectable()
export class TreasuryInstructionGateway extends PaymentGateway {
  constructor(
    private readonly db: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {
    super();
  }

  /**
   * Reads the batch files written so far: a line whose first field is the reference means the instruction reached
   * the treasury (paid, as far as this system can tell), whether or not its database row committed. Newest first.
   */
  async statusOf(reference: string): Promise<PaymentStatus> {
    const dir = resolve(this.config.get('TREASURY_OUTBOX_DIR', { infer: true }));
    const files = await readdir(dir).catch(() => [] as string[]);
    const batches = files
      .filter((f) => /^payment-instructions-\d{8}\.csv$/.test(f))
      .sort()
      .reverse();
    for (const name of batches) {
      // read as CSV: a payee or bank name holding a line break cannot pass for a line of its own
      const records = readCsv(await readFile(join(dir, name), 'utf8'));
      if (records.some((r, i) => i > 0 && r.fields[0] === neutraliseCell(reference))) {
        return { status: 'paid', bankReference: `TREASURY:${name}:${reference}` };
      }
    }
    return { status: 'not-found' };
  }

  async pay(i: PaymentInstruction): Promise<PaymentReceipt> {
    const dir = resolve(this.config.get('TREASURY_OUTBOX_DIR', { infer: true }));
    const file = join(dir, `payment-instructions-${chinaDate(new Date()).replace(/-/g, '')}.csv`);
    return this.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO payment_instructions (reference, batch_file) VALUES ($1, $2) ON CONFLICT (reference) DO NOTHING RETURNING id`,
        [i.idempotencyKey, file],
      );
      if (claimed.length === 0) {
        const existing = await tx
          .getRepository(PaymentInstructionEntity)
          .findOneByOrFail({ reference: i.idempotencyKey });
        return { bankReference: `TREASURY:${existing.batchFile.split('/').pop()}:${i.idempotencyKey}` };
      }
      await mkdir(dir, { recursive: true });
      const isNew = await stat(file).then(
        () => false,
        () => true,
      );
      // RFC 4180 through csv-stringify, every cell neutralised: a bank name like =HYPERLINK(...) is text in a spreadsheet
      const line = toCsv(
        TREASURY_COLUMNS,
        [
          [
            i.idempotencyKey,
            i.payeeName,
            i.creditCode,
            i.account.bankName,
            i.account.accountNumber,
            formatYuan(i.amountFen),
            i.purpose,
          ],
        ],
        isNew,
      );
      // the row commits only after the line is on disk: a crash in between can repeat a line on the next attempt
      // (never lose one); every line carries the reference, which the treasury treats as unique
      await appendFile(file, line, 'utf8');
      return { bankReference: `TREASURY:${file.split('/').pop()}:${i.idempotencyKey}` };
    });
  }
}
