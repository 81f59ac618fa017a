import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Programmes with a call (issue 13 item 1): the call window and the kinds of organisation that may apply, the
 * append-only versions of a programme's rules, and the version each application was created under. Existing
 * programmes get the whole of their year (China time) as their window, the kinds their unit kind allows, and a
 * version 1 holding their rules as they stand; existing applications run under that version 1.
 */
export class ProgrammeCalls1796410000000 implements MigrationInterface {
    name = 'ProgrammeCalls1796410000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programmes" ADD "opens_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "closes_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "eligible_organisation_kinds" text array`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "rules_version" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`UPDATE "programmes" SET
            "opens_at" = make_timestamptz("year", 1, 1, 0, 0, 0, 'Asia/Shanghai'),
            "closes_at" = make_timestamptz("year" + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai'),
            "eligible_organisation_kinds" = CASE "unit_kind"
                WHEN 'enterprise' THEN ARRAY['enterprise']
                WHEN 'point' THEN ARRAY['enterprise', 'park']
                WHEN 'pilot_region' THEN ARRAY['government']
                ELSE ARRAY['enterprise', 'park', 'association'] END`);
        await queryRunner.query(`ALTER TABLE "programmes" ALTER COLUMN "opens_at" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "programmes" ALTER COLUMN "closes_at" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "programmes" ALTER COLUMN "eligible_organisation_kinds" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD CONSTRAINT "ck_programmes_call_window" CHECK (closes_at > opens_at)`);

        await queryRunner.query(`CREATE TABLE "programme_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "version" integer NOT NULL, "rules" jsonb NOT NULL, "changes" jsonb NOT NULL DEFAULT '[]', "reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_programme_versions_programme_version" UNIQUE ("programme_id", "version"), CONSTRAINT "PK_programme_versions" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "programme_versions" ADD CONSTRAINT "FK_programme_versions_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TRIGGER "tr_programme_versions_append_only" BEFORE UPDATE OR DELETE ON "programme_versions"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
        await queryRunner.query(`INSERT INTO "programme_versions" ("programme_id", "version", "rules", "created_at")
            SELECT "id", 1, jsonb_build_object(
                'rubric', "rubric", 'panelSize', "panel_size", 'requiredMaterials', "required_materials",
                'noticeWorkingDays', "notice_working_days", 'timeLimits', "time_limits", 'validityYears', "validity_years",
                'recheckBySecondRegulator', "recheck_by_second_regulator", 'revisionWorkingDays', "revision_working_days",
                'revocationBarMonths', "revocation_bar_months",
                'opensAt', to_char("opens_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'closesAt', to_char("closes_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                'eligibleOrganisationKinds', to_jsonb("eligible_organisation_kinds")), "created_at"
            FROM "programmes"`);

        await queryRunner.query(`ALTER TABLE "applications" ADD "programme_version" integer NOT NULL DEFAULT '1'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "applications" DROP COLUMN "programme_version"`);
        await queryRunner.query(`DROP TABLE "programme_versions"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP CONSTRAINT "ck_programmes_call_window"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "rules_version"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "eligible_organisation_kinds"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "closes_at"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "opens_at"`);
    }
}
