import { MigrationInterface, QueryRunner } from "typeorm";

export class PolicyCommittedAmount1795422045033 implements MigrationInterface {
    name = 'PolicyCommittedAmount1795422045033'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "committed_fen" bigint NOT NULL DEFAULT '0'`);
        // written by hand: carry over what existing disbursements already hold
        await queryRunner.query(`UPDATE "subsidy_policies" sp SET "committed_fen" = coalesce((
            SELECT sum(d.amount_fen) FROM "disbursements" d
             WHERE d.policy_id = sp.id AND d.state IN ('approved', 'paying', 'paid', 'failed')), 0)`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD CONSTRAINT "ck_subsidy_policies_within_budget" CHECK (committed_fen >= 0 AND committed_fen <= budget_fen)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP CONSTRAINT "ck_subsidy_policies_within_budget"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "committed_fen"`);
    }

}
