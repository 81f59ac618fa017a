import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Organisations register themselves and are verified (实名认证) by a regulator of their jurisdiction: a verification
 * status (the organisations already here, all made by the seed or an operator, are verified), the registration's
 * contact, and an append-only history of each status change (who, in which role, when, from which status, why).
 */
export class OrganisationRegistration1796329281953 implements MigrationInterface {
    name = 'OrganisationRegistration1796329281953'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // existing rows get 'verified'; new rows default to 'pending'
        await queryRunner.query(`ALTER TABLE "organisations" ADD "verification_status" character varying(16) NOT NULL DEFAULT 'verified'`);
        await queryRunner.query(`ALTER TABLE "organisations" ALTER COLUMN "verification_status" SET DEFAULT 'pending'`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD CONSTRAINT "ck_organisations_verification_status" CHECK (verification_status IN ('pending', 'verified', 'refused'))`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD "contact_name" character varying(100)`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD "contact_phone" character varying(32)`);
        await queryRunner.query(`ALTER TABLE "organisations" ADD "contact_email" character varying(254)`);
        // the regulators' queue: pending organisations by jurisdiction
        await queryRunner.query(`CREATE INDEX "ix_organisations_pending" ON "organisations" ("jurisdiction_code", "created_at") WHERE verification_status = 'pending'`);
        await queryRunner.query(`CREATE TABLE "organisation_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "event" character varying(24) NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "reason" character varying(500), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_organisation_history" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_organisation_history_organisation" ON "organisation_history" ("organisation_id", "at")`);
        await queryRunner.query(`ALTER TABLE "organisation_history" ADD CONSTRAINT "FK_organisation_history_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_history" ADD CONSTRAINT "FK_organisation_history_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TRIGGER "tr_organisation_history_append_only" BEFORE UPDATE OR DELETE ON "organisation_history"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "organisation_history"`);
        await queryRunner.query(`DROP INDEX "ix_organisations_pending"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "contact_email"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "contact_phone"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "contact_name"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP CONSTRAINT "ck_organisations_verification_status"`);
        await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "verification_status"`);
    }

}
