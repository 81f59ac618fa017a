import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A recommendation upward carries the lower application's current files to the upper application as its own rows
 * naming the same stored blob: `carried_from_id` says which row a file came from, and a storage key is unique only
 * among the rows that were uploaded (several carried rows may name one blob; the orphan sweep deletes a blob only
 * when no row names it). Down deletes the carried rows (and their download log) before the key is unique again:
 * the upper applications then lack those files, as before this migration.
 */
export class CarriedMaterialFiles1796510000000 implements MigrationInterface {
    name = 'CarriedMaterialFiles1796510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "material_files" ADD "carried_from_id" uuid`);
        await queryRunner.query(`ALTER TABLE "material_files" ADD CONSTRAINT "FK_material_files_carried_from" FOREIGN KEY ("carried_from_id") REFERENCES "material_files"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`DROP INDEX "public"."IDX_material_files_storage_key"`);
        await queryRunner.query(`CREATE INDEX "IDX_material_files_storage_key" ON "material_files" ("storage_key")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_material_files_uploaded_key" ON "material_files" ("storage_key") WHERE carried_from_id IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "material_downloads" DISABLE TRIGGER "tr_material_downloads_append_only"`);
        await queryRunner.query(`DELETE FROM "material_downloads" WHERE file_id IN (SELECT id FROM "material_files" WHERE carried_from_id IS NOT NULL)`);
        await queryRunner.query(`ALTER TABLE "material_downloads" ENABLE TRIGGER "tr_material_downloads_append_only"`);
        await queryRunner.query(`DELETE FROM "material_files" WHERE carried_from_id IS NOT NULL`);
        await queryRunner.query(`DROP INDEX "public"."uq_material_files_uploaded_key"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_material_files_storage_key"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_material_files_storage_key" ON "material_files" ("storage_key")`);
        await queryRunner.query(`ALTER TABLE "material_files" DROP CONSTRAINT "FK_material_files_carried_from"`);
        await queryRunner.query(`ALTER TABLE "material_files" DROP COLUMN "carried_from_id"`);
    }
}
