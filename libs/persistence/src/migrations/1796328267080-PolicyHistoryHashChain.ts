import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillHistoryChain } from '../history-chain-backfill';

/**
 * The subsidy policies' history (proposals and approvals under four eyes) is written by the TransitionWriter like
 * the other two histories, so it carries the same hash chain; the rows already there are chained in version order.
 */
export class PolicyHistoryHashChain1796328267080 implements MigrationInterface {
  name = 'PolicyHistoryHashChain1796328267080';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" ADD "prev_hash" bytea`);
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" ADD "hash" bytea`);
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" DISABLE TRIGGER "tr_subsidy_policy_history_append_only"`);
    await backfillHistoryChain(queryRunner, 'subsidy_policy_history', 'policy_id');
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" ENABLE TRIGGER "tr_subsidy_policy_history_append_only"`);
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" ALTER COLUMN "hash" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "subsidy_policy_history" ADD CONSTRAINT "ck_subsidy_policy_history_hash_length" CHECK (octet_length("hash") = 32 AND (prev_hash IS NULL OR octet_length(prev_hash) = 32))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" DROP CONSTRAINT "ck_subsidy_policy_history_hash_length"`);
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" DROP COLUMN "hash"`);
    await queryRunner.query(`ALTER TABLE "subsidy_policy_history" DROP COLUMN "prev_hash"`);
  }
}
