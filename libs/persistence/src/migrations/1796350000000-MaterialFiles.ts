import { MigrationInterface, QueryRunner } from "typeorm";

/** Uploaded material files (one row per version; the bytes in the BlobStorage) and the log of their downloads. */
export class MaterialFiles1796350000000 implements MigrationInterface {
    name = 'MaterialFiles1796350000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "material_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "material_code" character varying(64) NOT NULL, "version" integer NOT NULL, "storage_key" character varying(200) NOT NULL, "file_name" character varying(255) NOT NULL, "kind" character varying(8) NOT NULL, "media_type" character varying(100) NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "uploaded_by" uuid NOT NULL, "organisation_id" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_material_files" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_material_files_version" ON "material_files" ("application_id", "material_code", "version")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_material_files_storage_key" ON "material_files" ("storage_key")`);
        await queryRunner.query(`ALTER TABLE "material_files" ADD CONSTRAINT "FK_material_files_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "material_files" ADD CONSTRAINT "FK_material_files_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "material_downloads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "file_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "via" character varying(8) NOT NULL, "downloaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_material_downloads" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_material_downloads_application" ON "material_downloads" ("application_id", "downloaded_at")`);
        await queryRunner.query(`ALTER TABLE "material_downloads" ADD CONSTRAINT "FK_material_downloads_file" FOREIGN KEY ("file_id") REFERENCES "material_files"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "material_downloads" ADD CONSTRAINT "FK_material_downloads_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "material_downloads"`);
        await queryRunner.query(`DROP TABLE "material_files"`);
    }

}
