import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The demo clock (DEMO_MODE): one row with the offset every process adds to real time, and the append-only record
 * of who moved it, by how much, when and why.
 */
export class DemoClock1796329336900 implements MigrationInterface {
    name = 'DemoClock1796329336900'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "demo_clock" ("id" smallint NOT NULL DEFAULT 1, "offset_ms" bigint NOT NULL DEFAULT 0, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_demo_clock" PRIMARY KEY ("id"), CONSTRAINT "CHK_demo_clock_one_row" CHECK ("id" = 1))`);
        await queryRunner.query(`CREATE TABLE "demo_clock_changes" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_username" character varying(100) NOT NULL, "kind" character varying(10) NOT NULL, "requested" jsonb NOT NULL, "delta_ms" bigint NOT NULL, "offset_ms" bigint NOT NULL, "demo_time" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" character varying(500) NOT NULL, CONSTRAINT "PK_demo_clock_changes" PRIMARY KEY ("id"), CONSTRAINT "CHK_demo_clock_changes_kind" CHECK ("kind" IN ('advance', 'reset')))`);
        await queryRunner.query(`ALTER TABLE "demo_clock_changes" ADD CONSTRAINT "FK_demo_clock_changes_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TRIGGER "tr_demo_clock_changes_append_only" BEFORE UPDATE OR DELETE ON "demo_clock_changes"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "demo_clock_changes"`);
        await queryRunner.query(`DROP TABLE "demo_clock"`);
    }

}
