import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Review discipline (issue 13 item 7) and validity, re-inspection, revocation (item 5): the programme settings
 * (re-check by a second regulator, the revision deadline in working days, the bar after a revocation), the
 * application's revision deadline, the final states lapsed and expired, the yearly re-inspections and the bars
 * on organisations whose title was revoked.
 */
export class ReviewDisciplineAndValidity1796390000000 implements MigrationInterface {
    name = 'ReviewDisciplineAndValidity1796390000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programmes" ADD "recheck_by_second_regulator" boolean NOT NULL DEFAULT true`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "revision_working_days" integer DEFAULT '15'`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "revocation_bar_months" integer NOT NULL DEFAULT '36'`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD CONSTRAINT "ck_programmes_revision_days" CHECK (revision_working_days IS NULL OR revision_working_days BETWEEN 1 AND 120)`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD CONSTRAINT "ck_programmes_bar_months" CHECK (revocation_bar_months BETWEEN 0 AND 120)`);
        await queryRunner.query(`ALTER TABLE "applications" ADD "revision_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "ck_applications_state"`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "ck_applications_state" CHECK (state IN ('draft','preliminary_review','revision_requested','recheck','acceptance','public_notice','notice_closed','designated','rejected','withdrawn','revoked','lapsed','expired'))`);
        // the two sweepers read only what is due
        await queryRunner.query(`CREATE INDEX "ix_applications_revision_due" ON "applications" ("revision_due_at") WHERE state = 'revision_requested'`);
        await queryRunner.query(`CREATE INDEX "ix_applications_validity_due" ON "applications" ("valid_until") WHERE state = 'designated'`);
        await queryRunner.query(`CREATE TABLE "reinspections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "seq" integer NOT NULL, "due_on" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'scheduled', "findings" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_reinspections_application_seq" UNIQUE ("application_id", "seq"), CONSTRAINT "ck_reinspections_status" CHECK (status IN ('scheduled','passed','failed','cancelled')), CONSTRAINT "PK_reinspections" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "reinspections" ADD CONSTRAINT "FK_reinspections_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "reinspections" ADD CONSTRAINT "FK_reinspections_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "organisation_bars" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "application_id" uuid NOT NULL, "barred_from" TIMESTAMP WITH TIME ZONE NOT NULL, "barred_until" date NOT NULL, "reason" text NOT NULL, "penalty_reference" character varying(100), "credit_publication" character varying(500), "created_by" uuid NOT NULL, CONSTRAINT "uq_organisation_bars_application" UNIQUE ("application_id"), CONSTRAINT "PK_organisation_bars" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organisation_bars_organisation" ON "organisation_bars" ("organisation_id", "barred_until")`);
        await queryRunner.query(`ALTER TABLE "organisation_bars" ADD CONSTRAINT "FK_organisation_bars_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_bars" ADD CONSTRAINT "FK_organisation_bars_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "organisation_bars"`);
        await queryRunner.query(`DROP TABLE "reinspections"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_applications_validity_due"`);
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_applications_revision_due"`);
        await queryRunner.query(`ALTER TABLE "applications" DROP CONSTRAINT "ck_applications_state"`);
        await queryRunner.query(`ALTER TABLE "applications" ADD CONSTRAINT "ck_applications_state" CHECK (state IN ('draft','preliminary_review','revision_requested','recheck','acceptance','public_notice','notice_closed','designated','rejected','withdrawn','revoked'))`);
        await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "revision_due_at"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP CONSTRAINT "ck_programmes_bar_months"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP CONSTRAINT "ck_programmes_revision_days"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "revocation_bar_months"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "revision_working_days"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "recheck_by_second_regulator"`);
    }

}
