import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Recommendation upward and bases on stations (issue 13 items 2 and 3): a programme's intake (open applications
 * or recommendations from the level below) with the minimum and maximum of candidates per recommending bureau and,
 * for bases, the minimum of stations; the recommending bureaus' candidate lists and their candidates.
 */
export class RecommendationAndStations1796420000000 implements MigrationInterface {
    name = 'RecommendationAndStations1796420000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programmes" ADD "intake" character varying(16) NOT NULL DEFAULT 'open'`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "min_candidates" integer`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "max_candidates" integer`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD "min_stations" integer`);
        await queryRunner.query(`ALTER TABLE "programmes" ADD CONSTRAINT "ck_programmes_intake" CHECK (intake IN ('open','recommendation') AND (min_candidates IS NULL OR min_candidates >= 1) AND (max_candidates IS NULL OR max_candidates >= coalesce(min_candidates, 1)) AND (min_stations IS NULL OR min_stations >= 1))`);
        await queryRunner.query(`CREATE TABLE "candidate_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "bureau_code" character varying(16) NOT NULL, "bureau_path" text NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'draft', "submitted_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_candidate_lists_programme_bureau" UNIQUE ("programme_id", "bureau_code"), CONSTRAINT "ck_candidate_lists_state" CHECK (state IN ('draft','submitted')), CONSTRAINT "PK_candidate_lists" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "candidate_lists" ADD CONSTRAINT "FK_candidate_lists_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "candidate_lists" ADD CONSTRAINT "FK_candidate_lists_bureau" FOREIGN KEY ("bureau_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "candidate_lists" ADD CONSTRAINT "FK_candidate_lists_submitted_by" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "recommendation_candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "list_id" uuid NOT NULL, "programme_id" uuid NOT NULL, "application_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'listed', "added_by" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_by" uuid, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdraw_reason" character varying(500), "upper_application_id" uuid, CONSTRAINT "ck_recommendation_candidates_status" CHECK (status IN ('listed','withdrawn','recommended')), CONSTRAINT "PK_recommendation_candidates" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_recommendation_candidates_list" ON "recommendation_candidates" ("list_id", "added_at")`);
        // a designation is a live candidate (listed or recommended) of a programme at most once
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_candidates_live" ON "recommendation_candidates" ("programme_id", "application_id") WHERE status <> 'withdrawn'`);
        await queryRunner.query(`ALTER TABLE "recommendation_candidates" ADD CONSTRAINT "FK_recommendation_candidates_list" FOREIGN KEY ("list_id") REFERENCES "candidate_lists"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendation_candidates" ADD CONSTRAINT "FK_recommendation_candidates_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendation_candidates" ADD CONSTRAINT "FK_recommendation_candidates_added_by" FOREIGN KEY ("added_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendation_candidates" ADD CONSTRAINT "FK_recommendation_candidates_upper" FOREIGN KEY ("upper_application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "ix_applications_recommended_from" ON "applications" ("recommended_from_id") WHERE recommended_from_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX IF EXISTS "ix_applications_recommended_from"`);
        await queryRunner.query(`DROP TABLE "recommendation_candidates"`);
        await queryRunner.query(`DROP TABLE "candidate_lists"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP CONSTRAINT "ck_programmes_intake"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "min_stations"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "max_candidates"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "min_candidates"`);
        await queryRunner.query(`ALTER TABLE "programmes" DROP COLUMN "intake"`);
    }

}
