import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every process caches the working-day calendar. Any write to calendar_days or calendar_years (an admin's
 * PUT /calendar/:year, the seed, a hand-written fix, a TRUNCATE) now gives the calendar a new revision, visible
 * when the write commits, and sends a `calendar_changed` notification (delivered at commit too): listening
 * processes drop their cache at once, and one that was not listening (its connection was down) compares the
 * revision before trusting its cache. The revision is a fresh uuid, never a counter, so emptying the table (the
 * tests' reset) cannot make an old revision come back. Maintained by triggers only; no entity.
 */
export class CalendarRevision1796324722224 implements MigrationInterface {
    name = 'CalendarRevision1796324722224'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_revision" (
            "id" smallint NOT NULL DEFAULT 1,
            "revision" uuid NOT NULL,
            "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            CONSTRAINT "PK_calendar_revision" PRIMARY KEY ("id"),
            CONSTRAINT "ck_calendar_revision_one_row" CHECK ("id" = 1))`);
        await queryRunner.query(`INSERT INTO "calendar_revision" ("id", "revision") VALUES (1, gen_random_uuid())`);
        await queryRunner.query(`CREATE FUNCTION calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO calendar_revision (id, revision, changed_at) VALUES (1, gen_random_uuid(), now())
                ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision, changed_at = EXCLUDED.changed_at;
              PERFORM pg_notify('calendar_changed', '');
              RETURN NULL;
            END $$`);
        for (const table of ['calendar_days', 'calendar_years']) {
            await queryRunner.query(`CREATE TRIGGER "tr_${table}_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION calendar_changed()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_calendar_years_changed" ON "calendar_years"`);
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_calendar_days_changed" ON "calendar_days"`);
        await queryRunner.query(`DROP FUNCTION IF EXISTS calendar_changed()`);
        await queryRunner.query(`DROP TABLE "calendar_revision"`);
    }

}
