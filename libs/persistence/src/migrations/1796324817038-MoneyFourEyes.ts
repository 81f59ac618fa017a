import { MigrationInterface, QueryRunner } from "typeorm";

export class MoneyFourEyes1796324817038 implements MigrationInterface {
    name = 'MoneyFourEyes1796324817038'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "subsidy_policy_history" ("id" BIGSERIAL NOT NULL, "version" integer NOT NULL, "event" character varying(32) NOT NULL, "from_state" character varying(24), "to_state" character varying(24) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "reason" text, "payload" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "policy_id" uuid NOT NULL, CONSTRAINT "PK_9d40e19822660c0b453c992941d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_subsidy_policy_history_version" ON "subsidy_policy_history"  ("policy_id", "version") `);
        // policies in force before this stay in force: they are active, at version 1, with a history row saying so
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "status" character varying(16) NOT NULL DEFAULT 'active'`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ALTER COLUMN "status" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "version" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "pending_terms" jsonb`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "proposed_by" uuid`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "proposed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "approved_by" uuid`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "approved_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD "verified_by" uuid`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD "verified_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD CONSTRAINT "ck_subsidy_policies_proposal" CHECK ((pending_terms IS NULL) = (proposed_by IS NULL))`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD CONSTRAINT "ck_subsidy_policies_status" CHECK (status IN ('pending','active','rejected'))`);
        await queryRunner.query(`ALTER TABLE "subsidy_policy_history" ADD CONSTRAINT "FK_15e1867ebb6a7298001525ab269" FOREIGN KEY ("policy_id") REFERENCES "subsidy_policies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TRIGGER "tr_subsidy_policy_history_append_only" BEFORE UPDATE OR DELETE ON "subsidy_policy_history"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
        await queryRunner.query(`INSERT INTO "subsidy_policy_history" ("policy_id", "version", "event", "from_state", "to_state", "actor_id", "actor_role", "reason", "payload", "at")
            SELECT "id", 1, 'IN_FORCE', NULL, 'active', NULL, 'system', 'in force before policies needed a second officer''s approval',
                   jsonb_build_object('terms', jsonb_build_object('name', "name", 'amountFen', "amount_fen", 'budgetFen', "budget_fen", 'purpose', "purpose")), now()
              FROM "subsidy_policies"`);
        // a disbursement waits in 'verified' between the first officer's check and the second officer's approval;
        // entitlements not yet approved stay in pending_approval and are verified first
        await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "ck_disbursements_state"`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "ck_disbursements_state" CHECK (state IN ('pending_approval','verified','approved','paying','paid','failed','cancelled'))`);
        await queryRunner.query(`UPDATE "disbursements" SET "context" = "context" || '{"verifiedBy": null}'::jsonb WHERE NOT "context" ? 'verifiedBy'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // back to one approval: a verified disbursement waits for approval again, and terms never approved go
        await queryRunner.query(`UPDATE "disbursements" SET "state" = 'pending_approval' WHERE "state" = 'verified'`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "ck_disbursements_state"`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "ck_disbursements_state" CHECK (state IN ('pending_approval','approved','paying','paid','failed','cancelled'))`);
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_subsidy_policy_history_append_only" ON "subsidy_policy_history"`);
        await queryRunner.query(`DELETE FROM "subsidy_policy_history" h USING "subsidy_policies" p WHERE p."id" = h."policy_id" AND p."status" <> 'active'`);
        await queryRunner.query(`DELETE FROM "subsidy_policies" WHERE "status" <> 'active'`);
        await queryRunner.query(`ALTER TABLE "subsidy_policy_history" DROP CONSTRAINT "FK_15e1867ebb6a7298001525ab269"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP CONSTRAINT "ck_subsidy_policies_status"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP CONSTRAINT "ck_subsidy_policies_proposal"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "verified_at"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP COLUMN "verified_by"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "updated_at"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "approved_at"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "approved_by"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "proposed_at"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "proposed_by"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "pending_terms"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "version"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP COLUMN "status"`);
        await queryRunner.query(`DROP INDEX "public"."uq_subsidy_policy_history_version"`);
        await queryRunner.query(`DROP TABLE "subsidy_policy_history"`);
    }

}
