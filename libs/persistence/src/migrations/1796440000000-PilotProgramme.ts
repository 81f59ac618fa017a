import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The national pilot programme (issue 13 item 6, seed 000): the call's pre-review day and fewest regions, the
 * provinces' ranked lists (择优上报) and the designated regions' semi-annual progress reports.
 */
export class PilotProgramme1796440000000 implements MigrationInterface {
    name = 'PilotProgramme1796440000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "pilot_calls" ("programme_id" uuid NOT NULL, "pre_review_due_on" date NOT NULL, "min_designations" integer, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_pilot_calls_min" CHECK (min_designations IS NULL OR min_designations > 0), CONSTRAINT "PK_pilot_calls" PRIMARY KEY ("programme_id"))`);
        await queryRunner.query(`CREATE TABLE "pilot_rankings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "province_code" character varying(16) NOT NULL, "application_ids" uuid array NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_pilot_rankings_programme_province" UNIQUE ("programme_id", "province_code"), CONSTRAINT "PK_pilot_rankings" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "pilot_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "jurisdiction_path" character varying(200) NOT NULL, "half_year" character varying(7) NOT NULL, "due_on" date NOT NULL, "summary" text, "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "reminded_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_pilot_reports_application_due" UNIQUE ("application_id", "due_on"), CONSTRAINT "PK_pilot_reports" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_pilot_reports_half" ON "pilot_reports"  ("programme_id", "half_year") `);
        // the reminder sweep reads only the reports still missing
        await queryRunner.query(`CREATE INDEX "ix_pilot_reports_open" ON "pilot_reports"  ("due_on") WHERE submitted_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "pilot_calls" ADD CONSTRAINT "FK_pilot_calls_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "pilot_rankings" ADD CONSTRAINT "FK_pilot_rankings_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "pilot_reports" ADD CONSTRAINT "FK_pilot_reports_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "pilot_reports" DROP CONSTRAINT "FK_pilot_reports_application"`);
        await queryRunner.query(`ALTER TABLE "pilot_rankings" DROP CONSTRAINT "FK_pilot_rankings_programme"`);
        await queryRunner.query(`ALTER TABLE "pilot_calls" DROP CONSTRAINT "FK_pilot_calls_programme"`);
        await queryRunner.query(`DROP INDEX "public"."ix_pilot_reports_open"`);
        await queryRunner.query(`DROP INDEX "public"."ix_pilot_reports_half"`);
        await queryRunner.query(`DROP TABLE "pilot_reports"`);
        await queryRunner.query(`DROP TABLE "pilot_rankings"`);
        await queryRunner.query(`DROP TABLE "pilot_calls"`);
    }

}
