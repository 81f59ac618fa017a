import { MigrationInterface, QueryRunner } from "typeorm";

export class PayeeFixedAtApproval1796320547446 implements MigrationInterface {
    name = 'PayeeFixedAtApproval1796320547446'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bank_account_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "changed_by" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "from_account" jsonb, "to_account" jsonb NOT NULL, CONSTRAINT "PK_75078d5e95d85246e482ab44fa5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_bank_account_history_organisation" ON "bank_account_history"  ("organisation_id", "changed_at") `);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD "payee_account_hash" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "bank_account_history" ADD CONSTRAINT "FK_1217b2a03228f928c19076412af" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "bank_account_history" ADD CONSTRAINT "FK_c57fabb3a94acc3245538938dd9" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        // the bank-account history is append-only like the other histories
        await queryRunner.query(`CREATE TRIGGER "tr_bank_account_history_append_only" BEFORE UPDATE OR DELETE ON "bank_account_history"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
        // payments already under way keep paying the account the old code would have paid (the current one); rows
        // approved before this have no payee hash, so the payment sends them back to approval instead of paying
        await queryRunner.query(`UPDATE "disbursements" d SET "payee" = o."bank_account" FROM "organisations" o
            WHERE o."id" = d."organisation_id" AND d."state" IN ('paying', 'failed') AND d."payee" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_bank_account_history_append_only" ON "bank_account_history"`);
        await queryRunner.query(`ALTER TABLE "bank_account_history" DROP CONSTRAINT "FK_c57fabb3a94acc3245538938dd9"`);
        await queryRunner.query(`ALTER TABLE "bank_account_history" DROP CONSTRAINT "FK_1217b2a03228f928c19076412af"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "payee_account_hash"`);
        await queryRunner.query(`DROP INDEX "public"."ix_bank_account_history_organisation"`);
        await queryRunner.query(`DROP TABLE "bank_account_history"`);
    }

}
