import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Quotas and targets (issue 13 item 4): per-area quotas inside a programme (min and max designations), the
 * supervising bureau's append-only overrides that add places, and targets over years per jurisdiction and unit kind.
 * Liaison points (联络点) are a unit kind of their own: unit_kind columns carry no check constraint, so the new kind
 * needs no change here.
 */
export class QuotasAndTargets1796430000000 implements MigrationInterface {
    name = 'QuotasAndTargets1796430000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "programme_area_quotas" ("programme_id" uuid NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "min_designations" integer NOT NULL, "max_designations" integer NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_programme_area_quotas_numbers" CHECK (min_designations >= 0 AND max_designations >= 1 AND min_designations <= max_designations), CONSTRAINT "PK_programme_area_quotas" PRIMARY KEY ("programme_id", "jurisdiction_code"))`);
        await queryRunner.query(`ALTER TABLE "programme_area_quotas" ADD CONSTRAINT "FK_programme_area_quotas_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_area_quotas" ADD CONSTRAINT "FK_programme_area_quotas_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_area_quotas" ADD CONSTRAINT "FK_programme_area_quotas_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);

        await queryRunner.query(`CREATE TABLE "quota_overrides" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "extra_places" integer NOT NULL, "reason" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_quota_overrides_places" CHECK (extra_places BETWEEN 1 AND 100), CONSTRAINT "PK_quota_overrides" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_quota_overrides_programme" ON "quota_overrides" ("programme_id", "jurisdiction_code", "created_at")`);
        await queryRunner.query(`ALTER TABLE "quota_overrides" ADD CONSTRAINT "FK_quota_overrides_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "quota_overrides" ADD CONSTRAINT "FK_quota_overrides_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "quota_overrides" ADD CONSTRAINT "FK_quota_overrides_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        // overrides are a record: the database refuses to change or remove one (the function is the Init migration's)
        await queryRunner.query(`CREATE TRIGGER "tr_quota_overrides_append_only" BEFORE UPDATE OR DELETE ON "quota_overrides"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);

        await queryRunner.query(`CREATE TABLE "designation_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "jurisdiction_code" character varying(16) NOT NULL, "unit_kind" character varying(16) NOT NULL, "year" integer NOT NULL, "target_units" integer NOT NULL, "note" text, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_designation_targets_key" UNIQUE ("jurisdiction_code", "unit_kind", "year"), CONSTRAINT "ck_designation_targets_numbers" CHECK (target_units >= 0 AND year BETWEEN 2000 AND 2100), CONSTRAINT "PK_designation_targets" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "designation_targets" ADD CONSTRAINT "FK_designation_targets_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "designation_targets" ADD CONSTRAINT "FK_designation_targets_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "designation_targets"`);
        await queryRunner.query(`DROP TRIGGER "tr_quota_overrides_append_only" ON "quota_overrides"`);
        await queryRunner.query(`DROP TABLE "quota_overrides"`);
        await queryRunner.query(`DROP TABLE "programme_area_quotas"`);
    }
}
