import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objections: the filer may give an organisation instead of a name (one of the two is required); the normalised
 * contact and a hash of the normalised text find duplicates within a notice round, and a duplicate names the first
 * objection it repeats. Objections filed before have no keys and are never matched as the first of a group.
 */
export class ObjectionFilersAndDuplicates1796325246276 implements MigrationInterface {
  name = 'ObjectionFilersAndDuplicates1796325246276';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "objections" ALTER COLUMN "filer_name" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "objections" ADD "filer_organisation" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "objections" ADD "contact_key" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "objections" ADD "text_key" character(64)`);
    await queryRunner.query(`ALTER TABLE "objections" ADD "duplicate_of" uuid`);
    await queryRunner.query(
      `ALTER TABLE "objections" ADD CONSTRAINT "ck_objections_filer" CHECK (filer_name IS NOT NULL OR filer_organisation IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "objections" ADD CONSTRAINT "FK_8bd3f8a4000eb16d794b63a8e81" FOREIGN KEY ("duplicate_of") REFERENCES "objections"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_objections_contact" ON "objections" ("application_id", "notice_round", "contact_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_objections_text" ON "objections" ("application_id", "notice_round", "text_key")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_objections_text"`);
    await queryRunner.query(`DROP INDEX "public"."ix_objections_contact"`);
    await queryRunner.query(`ALTER TABLE "objections" DROP CONSTRAINT "FK_8bd3f8a4000eb16d794b63a8e81"`);
    await queryRunner.query(`ALTER TABLE "objections" DROP CONSTRAINT "ck_objections_filer"`);
    await queryRunner.query(`ALTER TABLE "objections" DROP COLUMN "duplicate_of"`);
    await queryRunner.query(`ALTER TABLE "objections" DROP COLUMN "text_key"`);
    await queryRunner.query(`ALTER TABLE "objections" DROP COLUMN "contact_key"`);
    await queryRunner.query(`UPDATE "objections" SET "filer_name" = "filer_organisation" WHERE "filer_name" IS NULL`);
    await queryRunner.query(`ALTER TABLE "objections" DROP COLUMN "filer_organisation"`);
    await queryRunner.query(`ALTER TABLE "objections" ALTER COLUMN "filer_name" SET NOT NULL`);
  }
}
