import { ConfigService } from '@nestjs/config';
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { toCsv } from '@app/platform';
import { TREASURY_COLUMNS, TreasuryInstructionGateway } from './treasury-instruction.gateway';

const TREASURY_CSV_HEADER = toCsv(TREASURY_COLUMNS, [], true);

/** A line of a batch file as the gateway writes it. */
const line = (reference: string, account = '6222000011112222') =>
  toCsv(
    TREASURY_COLUMNS,
    [[reference, '青岛海湾精密机械有限公司', '91370211MA3C00001X', '中国银行', account, '50000.00', '示范单位补助']],
    false,
  );

/**
 * What the treasury adapter answers when a payment's outcome is unknown: it reads the batch files written so far
 * (the files are what reached the treasury, whatever the database says). No database: `pay` gets a transaction
 * whose instruction row is always new.
 */
describe('TreasuryInstructionGateway.statusOf', () => {
  let dir: string;
  let gateway: TreasuryInstructionGateway;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'treasury-'));
    const db = { transaction: (work: (tx: unknown) => unknown) => work({ query: async () => [{ id: '1' }] }) };
    const config = new ConfigService({ TREASURY_OUTBOX_DIR: dir });
    gateway = new TreasuryInstructionGateway(db as unknown as DataSource, config as never);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('knows nothing of a reference before any batch file exists, or when the directory is missing', async () => {
    expect(await gateway.statusOf('QD-2026-000001')).toEqual({ status: 'not-found' });
    await rm(dir, { recursive: true });
    expect(await gateway.statusOf('QD-2026-000001')).toEqual({ status: 'not-found' });
  });

  it('finds a payment the adapter wrote, naming the batch file it is in', async () => {
    const { bankReference } = await gateway.pay({
      idempotencyKey: 'QD-2026-000007',
      amountFen: 5_000_000,
      payeeName: '青岛海湾精密机械有限公司',
      creditCode: '91370211MA3C00001X',
      account: { bankName: '中国银行', accountName: '青岛海湾', accountNumber: '6222000011112222', branchCode: null },
      purpose: '示范单位补助',
    });
    expect(await gateway.statusOf('QD-2026-000007')).toEqual({ status: 'paid', bankReference });
    expect(bankReference).toMatch(/^TREASURY:payment-instructions-\d{8}\.csv:QD-2026-000007$/);
    expect(await gateway.statusOf('QD-2026-000008')).toEqual({ status: 'not-found' });
  });

  it('matches the whole first field only: neither a longer reference, nor the reference in another column', async () => {
    await writeFile(
      join(dir, 'payment-instructions-20260301.csv'),
      TREASURY_CSV_HEADER + line('QD-2026-000010') + line('OTHER-1', 'QD-2026-000011'),
    );
    expect(await gateway.statusOf('QD-2026-00001')).toEqual({ status: 'not-found' });
    expect(await gateway.statusOf('QD-2026-000011')).toEqual({ status: 'not-found' });
    expect(await gateway.statusOf('QD-2026-000010')).toMatchObject({ status: 'paid' });
  });

  it('finds a reference that needed quoting, and reads only the batch files (newest first)', async () => {
    await writeFile(join(dir, 'payment-instructions-20260301.csv'), TREASURY_CSV_HEADER + line('REF,"1"'));
    await writeFile(join(dir, 'payment-instructions-20260302.csv'), TREASURY_CSV_HEADER + line('REF,"1"'));
    await writeFile(join(dir, 'notes.csv'), TREASURY_CSV_HEADER + line('REF-2'));
    await writeFile(join(dir, 'payment-instructions-20260303.csv.tmp'), TREASURY_CSV_HEADER + line('REF-3'));
    expect(await gateway.statusOf('REF,"1"')).toEqual({
      status: 'paid',
      bankReference: 'TREASURY:payment-instructions-20260302.csv:REF,"1"',
    });
    expect(await gateway.statusOf('REF-2')).toEqual({ status: 'not-found' });
    expect(await gateway.statusOf('REF-3')).toEqual({ status: 'not-found' });
  });
});
