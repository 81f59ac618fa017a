import { backfillHistoryChain as backfill } from '../history-chain-backfill';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The two chained histories: table, the aggregate's key column, the append-only trigger. */
const CHAINS = [
  { table: 'application_history', parent: 'application_id', trigger: 'tr_application_history_append_only' },
  { table: 'disbursement_history', parent: 'disbursement_id', trigger: 'tr_disbursement_history_append_only' },
] as const;

/**
 * Tamper evidence for the transition histories: every row gets prev_hash and hash (libs/platform's
 * history-chain.util.ts), and the rows already there are chained in version order per aggregate. The append-only
 * trigger is switched off for the back-fill only, inside this migration's transaction.
 */
export class HistoryHashChain1796324869472 implements MigrationInterface {
  name = 'HistoryHashChain1796324869472';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const c of CHAINS) {
      await queryRunner.query(`ALTER TABLE "${c.table}" ADD "prev_hash" bytea`);
      await queryRunner.query(`ALTER TABLE "${c.table}" ADD "hash" bytea`);
      await queryRunner.query(`ALTER TABLE "${c.table}" DISABLE TRIGGER "${c.trigger}"`);
      await backfill(queryRunner, c.table, c.parent);
      await queryRunner.query(`ALTER TABLE "${c.table}" ENABLE TRIGGER "${c.trigger}"`);
      await queryRunner.query(`ALTER TABLE "${c.table}" ALTER COLUMN "hash" SET NOT NULL`);
      await queryRunner.query(
        `ALTER TABLE "${c.table}" ADD CONSTRAINT "ck_${c.table}_hash_length" CHECK (octet_length("hash") = 32 AND (prev_hash IS NULL OR octet_length(prev_hash) = 32))`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of [...CHAINS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${c.table}" DROP CONSTRAINT "ck_${c.table}_hash_length"`);
      await queryRunner.query(`ALTER TABLE "${c.table}" DROP COLUMN "hash"`);
      await queryRunner.query(`ALTER TABLE "${c.table}" DROP COLUMN "prev_hash"`);
    }
  }
}
