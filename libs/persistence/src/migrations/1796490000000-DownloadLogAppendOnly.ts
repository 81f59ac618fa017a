import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The download log of material files is a record like the histories: rows are only added (the application role
 * loses UPDATE and DELETE on it when the roles are granted after this migration, like every table guarded by
 * forbid_history_change).
 */
export class DownloadLogAppendOnly1796490000000 implements MigrationInterface {
    name = 'DownloadLogAppendOnly1796490000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TRIGGER "tr_material_downloads_append_only" BEFORE UPDATE OR DELETE ON "material_downloads"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_material_downloads_append_only" ON "material_downloads"`);
    }
}
