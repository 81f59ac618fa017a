import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795420419870 implements MigrationInterface {
    name = 'Init1795420419870'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "jurisdictions" ("code" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "level" character varying(16) NOT NULL, "is_free_trade_zone" boolean NOT NULL DEFAULT false, "parent_code" character varying(16), "path" text NOT NULL, CONSTRAINT "PK_e33b5f6afb84e58de0c2399edb0" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_jurisdictions_path" ON "jurisdictions"  ("path") `);
        await queryRunner.query(`CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "credit_code" character(18) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "bank_account" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ce58bd50fa97271a44afbb55be9" UNIQUE ("credit_code"), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "programmes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "unit_kind" character varying(16) NOT NULL, "level" character varying(16) NOT NULL, "year" integer NOT NULL, "rubric" jsonb NOT NULL, "panel_size" integer NOT NULL, "required_materials" jsonb NOT NULL, "notice_working_days" integer NOT NULL, "quota" integer, "validity_years" integer, "application_seq" integer NOT NULL DEFAULT '0', "machine_version" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_716cd216ca31adaa70e65bb1899" UNIQUE ("code"), CONSTRAINT "ck_programmes_numbers" CHECK (panel_size > 0 AND notice_working_days > 0 AND (quota IS NULL OR quota > 0)), CONSTRAINT "PK_116b5f8dbb9f632d76bc144404f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(48) NOT NULL, "programme_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "jurisdiction_path" text NOT NULL, "unit_kind" character varying(16) NOT NULL, "level" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "state" character varying(24) NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "materials" jsonb NOT NULL DEFAULT '[]', "recommended_from_id" uuid, "station_ids" uuid array NOT NULL DEFAULT '{}', "submitted_at" TIMESTAMP WITH TIME ZONE, "notice_ends_at" TIMESTAMP WITH TIME ZONE, "designated_at" TIMESTAMP WITH TIME ZONE, "valid_until" date, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8e384653e7bcce736b99c9feea4" UNIQUE ("reference"), CONSTRAINT "ck_applications_state" CHECK (state IN ('draft','preliminary_review','revision_requested','recheck','acceptance','public_notice','notice_closed','designated','rejected','withdrawn','revoked')), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_applications_organisation" ON "applications"  ("organisation_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_applications_programme_state" ON "applications"  ("programme_id", "state") `);
        await queryRunner.query(`CREATE INDEX "ix_applications_queue" ON "applications"  ("state", "jurisdiction_path", "submitted_at") `);
        await queryRunner.query(`CREATE TABLE "application_history" ("id" BIGSERIAL NOT NULL, "application_id" uuid NOT NULL, "version" integer NOT NULL, "event" character varying(32) NOT NULL, "from_state" character varying(24), "to_state" character varying(24) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "reason" text, "payload" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cfaef81d8ab33ced714ecda2486" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_application_history_version" ON "application_history"  ("application_id", "version") `);
        await queryRunner.query(`CREATE TABLE "calendar_days" ("date" date NOT NULL, "kind" character varying(16) NOT NULL, "name" character varying(100), CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date"))`);
        await queryRunner.query(`CREATE TABLE "calendar_years" ("year" integer NOT NULL, "source" character varying(100) NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "loaded_by" uuid, CONSTRAINT "PK_1fed249d26e56ff06bb6dffd8d6" PRIMARY KEY ("year"))`);
        await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" character varying(100) NOT NULL, "display_name" character varying(100) NOT NULL, "role" character varying(16) NOT NULL, "jurisdiction_code" character varying(16), "organisation_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "ck_users_binding" CHECK ((role <> 'applicant' OR organisation_id IS NOT NULL) AND (role NOT IN ('regulator', 'finance', 'admin') OR jurisdiction_code IS NOT NULL)), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "evaluator_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "evaluator_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "assigned_by" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "conflict_reason" text, "excused_at" TIMESTAMP WITH TIME ZONE, "scores" jsonb, "weighted_score" integer, "comment" text, "scored_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ffea603d015808bf44254b03bec" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_evaluator_assignments_evaluator" ON "evaluator_assignments"  ("evaluator_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_evaluator_assignments" ON "evaluator_assignments"  ("application_id", "evaluator_id") `);
        await queryRunner.query(`CREATE TABLE "objections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "notice_round" integer NOT NULL, "filed_by" uuid, "filer_name" character varying(100) NOT NULL, "filer_contact" character varying(100) NOT NULL, "reason" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "ruled_by" uuid, "ruling_reason" text, "ruled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6bb81f77d9eabef4f46e9c0934f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_objections_application" ON "objections"  ("application_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "queue" character varying(64) NOT NULL, "job_name" character varying(64) NOT NULL, "job_id" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "UQ_fca572df71a1e08db50f81f7617" UNIQUE ("job_id"), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_unpublished" ON "outbox"  ("id") WHERE published_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "subsidy_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "amount_fen" bigint NOT NULL, "one_time" boolean NOT NULL DEFAULT true, "paying_jurisdiction_code" character varying(16) NOT NULL, "budget_fen" bigint NOT NULL, "purpose" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_subsidy_policies_amounts" CHECK (amount_fen > 0 AND budget_fen >= 0), CONSTRAINT "PK_6fb6344eea705fb9e996d7f38b6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_subsidy_policies_programme" ON "subsidy_policies"  ("programme_id") `);
        await queryRunner.query(`CREATE TABLE "disbursements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(64) NOT NULL, "application_id" uuid NOT NULL, "policy_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "jurisdiction_path" text NOT NULL, "amount_fen" bigint NOT NULL, "state" character varying(24) NOT NULL, "context" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "payee" jsonb, "bank_reference" character varying(100), "last_error" text, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "paid_at" TIMESTAMP WITH TIME ZONE, "reconciliation" character varying(16), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8b10d47072ef7d11c7dda147203" UNIQUE ("reference"), CONSTRAINT "ck_disbursements_state" CHECK (state IN ('pending_approval','approved','paying','paid','failed','cancelled')), CONSTRAINT "ck_disbursements_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_2f9ea0e5b8382113aaa3e51cdfa" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_disbursements_state" ON "disbursements"  ("state", "jurisdiction_path") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_disbursements_entitlement" ON "disbursements"  ("application_id", "policy_id") `);
        await queryRunner.query(`CREATE TABLE "disbursement_history" ("id" BIGSERIAL NOT NULL, "disbursement_id" uuid NOT NULL, "version" integer NOT NULL, "event" character varying(32) NOT NULL, "from_state" character varying(24), "to_state" character varying(24) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "reason" text, "payload" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ad4ed93b3d3ba47025ba5651564" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_disbursement_history_version" ON "disbursement_history"  ("disbursement_id", "version") `);
        await queryRunner.query(`CREATE TABLE "simulated_bank_transfers" ("id" BIGSERIAL NOT NULL, "idempotency_key" character varying(64) NOT NULL, "amount_fen" bigint NOT NULL, "account_number" character varying(32) NOT NULL, "bank_reference" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_36d2fb120225188a1299a0751ea" UNIQUE ("idempotency_key"), CONSTRAINT "PK_d28297e3c59df790775369f4d40" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "payment_instructions" ("id" BIGSERIAL NOT NULL, "reference" character varying(64) NOT NULL, "batch_file" text NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6ef2ef8f5af04571d4f95d7c0f9" UNIQUE ("reference"), CONSTRAINT "PK_e4920b6e06cc272a920d1297dbc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "statement_lines" ("id" BIGSERIAL NOT NULL, "statement_id" uuid NOT NULL, "line_no" integer NOT NULL, "reference" character varying(64) NOT NULL, "amount_fen" bigint NOT NULL, "value_date" date, "bank_reference" character varying(100), "match_status" character varying(24) NOT NULL, "disbursement_id" uuid, "uploaded_by" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_56ba8ab3b9e455e5a732c60a543" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_statement_lines_reference" ON "statement_lines"  ("reference") `);
        await queryRunner.query(`ALTER TABLE "jurisdictions" ADD CONSTRAINT "FK_dce4853f6c10c0c405103de1f1e" FOREIGN KEY ("parent_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD CONSTRAINT "FK_4fa55cdde2b49d39896d3dd9d53" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD CONSTRAINT "FK_51206a392430506124615f2cd24" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_5316668b02db8cab0edef397cbe" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_88452682304fec94e41708c7f0c" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_a3b710645ad96b114031a2ffcf3" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "FK_3e6148eb6f744707d263dfe618f" FOREIGN KEY ("recommended_from_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "application_history" ADD CONSTRAINT "FK_4a6160211e82c84440ff4f7d804" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evaluator_assignments" ADD CONSTRAINT "FK_4ddbb623a0288ffd9d12494092c" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "evaluator_assignments" ADD CONSTRAINT "FK_d31cb36d5e2fe7a7186efcad993" FOREIGN KEY ("evaluator_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "objections" ADD CONSTRAINT "FK_c50b6567fccf49b9c2e12515f44" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD CONSTRAINT "FK_0a36ff4f66283c4cfd76b9adb18" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" ADD CONSTRAINT "FK_669424edbc6d5f1d9f1cac23414" FOREIGN KEY ("paying_jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "FK_b3ab2ab7595cf0352cb9eed3604" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "FK_62fe6faabf58dc4fbece90f91d1" FOREIGN KEY ("policy_id") REFERENCES "subsidy_policies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "FK_989271197482c0cb937a9d7dd97" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursements" ADD CONSTRAINT "FK_97fe4ad43ae751ae0958efcb946" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "disbursement_history" ADD CONSTRAINT "FK_d0f5f2f4e38da39602e58c569c4" FOREIGN KEY ("disbursement_id") REFERENCES "disbursements"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);

        // --- written by hand (the generator cannot express these; the entities mark the indexes synchronize: false) ---
        // prefix search on jurisdiction paths (LIKE '/CN/370000/%') needs the pattern operator class
        await queryRunner.query(`CREATE INDEX "ix_applications_path_prefix" ON "applications" ("jurisdiction_path" text_pattern_ops, "state")`);
        // the sweeper's lookup of overdue public notices
        await queryRunner.query(`CREATE INDEX "ix_applications_notice_due" ON "applications" ("notice_ends_at") WHERE state = 'public_notice'`);
        // the histories are append-only: UPDATE and DELETE are refused by the database itself
        await queryRunner.query(`CREATE FUNCTION forbid_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
        await queryRunner.query(`CREATE TRIGGER "tr_application_history_append_only" BEFORE UPDATE OR DELETE ON "application_history"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
        await queryRunner.query(`CREATE TRIGGER "tr_disbursement_history_append_only" BEFORE UPDATE OR DELETE ON "disbursement_history"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_disbursement_history_append_only" ON "disbursement_history"`);
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_application_history_append_only" ON "application_history"`);
        await queryRunner.query(`DROP FUNCTION IF EXISTS forbid_history_change()`);
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_applications_notice_due"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_applications_path_prefix"`);
        await queryRunner.query(`ALTER TABLE "disbursement_history" DROP CONSTRAINT "FK_d0f5f2f4e38da39602e58c569c4"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_97fe4ad43ae751ae0958efcb946"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_989271197482c0cb937a9d7dd97"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_62fe6faabf58dc4fbece90f91d1"`);
        await queryRunner.query(`ALTER TABLE "disbursements" DROP CONSTRAINT "FK_b3ab2ab7595cf0352cb9eed3604"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP CONSTRAINT "FK_669424edbc6d5f1d9f1cac23414"`);
        await queryRunner.query(`ALTER TABLE "subsidy_policies" DROP CONSTRAINT "FK_0a36ff4f66283c4cfd76b9adb18"`);
        await queryRunner.query(`ALTER TABLE "objections" DROP CONSTRAINT "FK_c50b6567fccf49b9c2e12515f44"`);
        await queryRunner.query(`ALTER TABLE "evaluator_assignments" DROP CONSTRAINT "FK_d31cb36d5e2fe7a7186efcad993"`);
        await queryRunner.query(`ALTER TABLE "evaluator_assignments" DROP CONSTRAINT "FK_4ddbb623a0288ffd9d12494092c"`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a"`);
        await queryRunner.query(`ALTER TABLE "application_history" DROP CONSTRAINT "FK_4a6160211e82c84440ff4f7d804"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_3e6148eb6f744707d263dfe618f"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_a3b710645ad96b114031a2ffcf3"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_88452682304fec94e41708c7f0c"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "FK_5316668b02db8cab0edef397cbe"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP CONSTRAINT "FK_51206a392430506124615f2cd24"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "FK_4fa55cdde2b49d39896d3dd9d53"`);
        await queryRunner.query(`ALTER TABLE "jurisdictions" DROP CONSTRAINT "FK_dce4853f6c10c0c405103de1f1e"`);
        await queryRunner.query(`DROP INDEX "public"."ix_statement_lines_reference"`);
        await queryRunner.query(`DROP TABLE "statement_lines"`);
        await queryRunner.query(`DROP TABLE "payment_instructions"`);
        await queryRunner.query(`DROP TABLE "simulated_bank_transfers"`);
        await queryRunner.query(`DROP INDEX "public"."uq_disbursement_history_version"`);
        await queryRunner.query(`DROP TABLE "disbursement_history"`);
        await queryRunner.query(`DROP INDEX "public"."uq_disbursements_entitlement"`);
        await queryRunner.query(`DROP INDEX "public"."ix_disbursements_state"`);
        await queryRunner.query(`DROP TABLE "disbursements"`);
        await queryRunner.query(`DROP INDEX "public"."uq_subsidy_policies_programme"`);
        await queryRunner.query(`DROP TABLE "subsidy_policies"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_unpublished"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
        await queryRunner.query(`DROP INDEX "public"."ix_objections_application"`);
        await queryRunner.query(`DROP TABLE "objections"`);
        await queryRunner.query(`DROP INDEX "public"."uq_evaluator_assignments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_evaluator_assignments_evaluator"`);
        await queryRunner.query(`DROP TABLE "evaluator_assignments"`);
        await queryRunner.query(`DROP TABLE "users"`);
        await queryRunner.query(`DROP TABLE "calendar_years"`);
        await queryRunner.query(`DROP TABLE "calendar_days"`);
        await queryRunner.query(`DROP INDEX "public"."uq_application_history_version"`);
        await queryRunner.query(`DROP TABLE "application_history"`);
        await queryRunner.query(`DROP INDEX "public"."ix_applications_queue"`);
        await queryRunner.query(`DROP INDEX "public"."ix_applications_programme_state"`);
        await queryRunner.query(`DROP INDEX "public"."ix_applications_organisation"`);
        await queryRunner.query(`DROP TABLE "applications"`);
        await queryRunner.query(`DROP TABLE "programmes"`);
        await queryRunner.query(`DROP TABLE "organisations"`);
        await queryRunner.query(`DROP INDEX "public"."uq_jurisdictions_path"`);
        await queryRunner.query(`DROP TABLE "jurisdictions"`);
    }

}
