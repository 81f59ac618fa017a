import { MigrationInterface, QueryRunner } from "typeorm";

/** The expert pool (issue 11): expert profiles, random draws, invitations to a panel and their history. */
export class ExpertPool1796340000000 implements MigrationInterface {
    name = 'ExpertPool1796340000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "expert_draws" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "drawn_by" uuid NOT NULL, "drawn_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seed" character(64) NOT NULL, "request" jsonb NOT NULL, "eligible" jsonb NOT NULL, "excluded" jsonb NOT NULL, "drawn" jsonb NOT NULL, "shortfall" jsonb NOT NULL, CONSTRAINT "PK_21adcfad0d84ef9e7d2e9541d5b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_expert_draws_application" ON "expert_draws"  ("application_id", "drawn_at") `);
        await queryRunner.query(`CREATE TABLE "evaluator_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "evaluator_id" uuid NOT NULL, "draw_id" uuid, "field" character varying(32), "replaces_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'invited', "invited_by" uuid NOT NULL, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "respond_by" TIMESTAMP WITH TIME ZONE NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE, "conflict" boolean NOT NULL DEFAULT false, "reason" text, CONSTRAINT "PK_a54967b5ceb4ea766b2b2d776b3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_evaluator_invitations_due" ON "evaluator_invitations"  ("respond_by") WHERE status = 'invited'`);
        await queryRunner.query(`CREATE INDEX "ix_evaluator_invitations_evaluator" ON "evaluator_invitations"  ("evaluator_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_evaluator_invitations" ON "evaluator_invitations"  ("application_id", "evaluator_id") `);
        await queryRunner.query(`CREATE TABLE "expert_profiles" ("user_id" uuid NOT NULL, "fields" character varying(32) array NOT NULL DEFAULT '{}', "employer_name" character varying(200), "employer_credit_code" character(18), "conflict_credit_codes" character varying(18) array NOT NULL DEFAULT '{}', "available" boolean NOT NULL DEFAULT true, "unavailable_until" date, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e437981050141c92a9bd753a0d3" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "invitation_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invitation_id" uuid NOT NULL, "application_id" uuid NOT NULL, "event" character varying(48) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "reason" text, "recipient_ids" uuid array NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8df590b3d47b841d4f5bc346bd8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invitation_history_application" ON "invitation_history"  ("application_id", "at") `);
        await queryRunner.query(`CREATE INDEX "ix_invitation_history_invitation" ON "invitation_history"  ("invitation_id", "at") `);
        await queryRunner.query(`ALTER TABLE "expert_draws" ADD CONSTRAINT "FK_c32051b3ffdd2cfb326ff51ed5a" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "expert_draws" ADD CONSTRAINT "FK_76e1429bb6682d340823e0f2252" FOREIGN KEY ("drawn_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" ADD CONSTRAINT "FK_0f1e4d2db49912ba3bf1cddbeb9" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" ADD CONSTRAINT "FK_b47f16c0c91230443f96cc99bf6" FOREIGN KEY ("evaluator_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" ADD CONSTRAINT "FK_75fee37a1114a7305c19f716a9e" FOREIGN KEY ("draw_id") REFERENCES "expert_draws"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" ADD CONSTRAINT "FK_35a494e4f5616ad55bc98775406" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "expert_profiles" ADD CONSTRAINT "FK_e437981050141c92a9bd753a0d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "expert_profiles" ADD CONSTRAINT "FK_11fa2281f691db402e5d87587e1" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitation_history" ADD CONSTRAINT "FK_1433fdc230fc46403a65eb05585" FOREIGN KEY ("invitation_id") REFERENCES "evaluator_invitations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitation_history" ADD CONSTRAINT "FK_11b7ed939e378456f07d6e7d78c" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        for (const table of ["expert_draws", "invitation_history"]) {
            await queryRunner.query(`CREATE TRIGGER "tr_${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invitation_history" DROP CONSTRAINT "FK_11b7ed939e378456f07d6e7d78c"`);
        await queryRunner.query(`ALTER TABLE "invitation_history" DROP CONSTRAINT "FK_1433fdc230fc46403a65eb05585"`);
        await queryRunner.query(`ALTER TABLE "expert_profiles" DROP CONSTRAINT "FK_11fa2281f691db402e5d87587e1"`);
        await queryRunner.query(`ALTER TABLE "expert_profiles" DROP CONSTRAINT "FK_e437981050141c92a9bd753a0d3"`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" DROP CONSTRAINT "FK_35a494e4f5616ad55bc98775406"`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" DROP CONSTRAINT "FK_75fee37a1114a7305c19f716a9e"`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" DROP CONSTRAINT "FK_b47f16c0c91230443f96cc99bf6"`);
        await queryRunner.query(`ALTER TABLE "evaluator_invitations" DROP CONSTRAINT "FK_0f1e4d2db49912ba3bf1cddbeb9"`);
        await queryRunner.query(`ALTER TABLE "expert_draws" DROP CONSTRAINT "FK_76e1429bb6682d340823e0f2252"`);
        await queryRunner.query(`ALTER TABLE "expert_draws" DROP CONSTRAINT "FK_c32051b3ffdd2cfb326ff51ed5a"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invitation_history_invitation"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invitation_history_application"`);
        await queryRunner.query(`DROP TABLE "invitation_history"`);
        await queryRunner.query(`DROP TABLE "expert_profiles"`);
        await queryRunner.query(`DROP INDEX "public"."uq_evaluator_invitations"`);
        await queryRunner.query(`DROP INDEX "public"."ix_evaluator_invitations_evaluator"`);
        await queryRunner.query(`DROP INDEX "public"."ix_evaluator_invitations_due"`);
        await queryRunner.query(`DROP TABLE "evaluator_invitations"`);
        await queryRunner.query(`DROP INDEX "public"."ix_expert_draws_application"`);
        await queryRunner.query(`DROP TABLE "expert_draws"`);
    }

}
