import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's counts (issue 14 item 4): `application_counts` holds how many applications there are per
 * jurisdiction, programme, unit kind, level and state, kept by triggers on `applications` in the same transaction as
 * every change, so the dashboard sums a few hundred rows of the caller's subtree instead of scanning every
 * application in it. Exact at every commit; filled here from the applications there are.
 *
 * Why triggers and not a TransitionWriter follower: every path that writes an application row — the engine's
 * create, write and writeMany, the migration of running applications, the benchmark's bulk fixtures — keeps the
 * counts without knowing of them, and the application's role, which cannot disable a trigger, cannot make them
 * drift. Inserts and deletes are counted once per statement (transition tables, one grouped upsert); an update is
 * counted per row, and only when it moves the row to another bucket (`WHEN` on the key columns: a transition that
 * stays in its state, or changes only the snapshot, costs nothing).
 *
 * Each bucket is split into 16 shards, a writer adding to the shard of its connection (pg_backend_pid() % 16): two
 * transactions moving applications of the same programme and state at once mostly lock different counter rows, so
 * a hot bucket does not serialise the transitions. A shard may go negative; the sums are exact.
 */
export class ApplicationCounts1796460000000 implements MigrationInterface {
  name = 'ApplicationCounts1796460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "application_counts" (
      "jurisdiction_path" text NOT NULL,
      "jurisdiction_code" character varying(16) NOT NULL,
      "programme_id" uuid NOT NULL,
      "unit_kind" character varying(16) NOT NULL,
      "level" character varying(16) NOT NULL,
      "state" character varying(24) NOT NULL,
      "shard" smallint NOT NULL,
      "count" bigint NOT NULL,
      CONSTRAINT "PK_application_counts" PRIMARY KEY ("jurisdiction_path", "programme_id", "unit_kind", "level", "state", "shard"))`);
    // the dashboard reads a subtree: a range over the path prefix
    await q.query(
      `CREATE INDEX "ix_application_counts_path" ON "application_counts" ("jurisdiction_path" text_pattern_ops) INCLUDE ("count")`,
    );
    await q.query(`CREATE FUNCTION application_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO application_counts AS c (jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, shard, count)
          SELECT jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, (pg_backend_pid() % 16)::smallint, count(*)
            FROM added GROUP BY jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state
          ON CONFLICT (jurisdiction_path, programme_id, unit_kind, level, state, shard) DO UPDATE SET count = c.count + EXCLUDED.count;
        ELSE
          INSERT INTO application_counts AS c (jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, shard, count)
          SELECT jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, (pg_backend_pid() % 16)::smallint, -count(*)
            FROM removed GROUP BY jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state
          ON CONFLICT (jurisdiction_path, programme_id, unit_kind, level, state, shard) DO UPDATE SET count = c.count + EXCLUDED.count;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION application_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO application_counts AS c (jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, shard, count)
        VALUES (OLD.jurisdiction_path, OLD.jurisdiction_code, OLD.programme_id, OLD.unit_kind, OLD.level, OLD.state, (pg_backend_pid() % 16)::smallint, -1),
               (NEW.jurisdiction_path, NEW.jurisdiction_code, NEW.programme_id, NEW.unit_kind, NEW.level, NEW.state, (pg_backend_pid() % 16)::smallint, 1)
        ON CONFLICT (jurisdiction_path, programme_id, unit_kind, level, state, shard) DO UPDATE SET count = c.count + EXCLUDED.count;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER application_counts_insert AFTER INSERT ON "applications"
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION application_counts_add()`);
    await q.query(`CREATE TRIGGER application_counts_delete AFTER DELETE ON "applications"
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION application_counts_add()`);
    await q.query(`CREATE TRIGGER application_counts_update
      AFTER UPDATE OF state, programme_id, unit_kind, level, jurisdiction_path ON "applications" FOR EACH ROW
      WHEN ((OLD.state, OLD.programme_id, OLD.unit_kind, OLD.level, OLD.jurisdiction_path)
            IS DISTINCT FROM (NEW.state, NEW.programme_id, NEW.unit_kind, NEW.level, NEW.jurisdiction_path))
      EXECUTE FUNCTION application_counts_move()`);
    // under a lock that holds writers back, so no change falls between the fill and the triggers
    await q.query(`LOCK TABLE "applications" IN SHARE MODE`);
    await q.query(`INSERT INTO application_counts (jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, shard, count)
      SELECT jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state, 0, count(*)
        FROM applications GROUP BY jurisdiction_path, jurisdiction_code, programme_id, unit_kind, level, state`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER application_counts_update ON "applications"`);
    await q.query(`DROP TRIGGER application_counts_delete ON "applications"`);
    await q.query(`DROP TRIGGER application_counts_insert ON "applications"`);
    await q.query(`DROP FUNCTION application_counts_move()`);
    await q.query(`DROP FUNCTION application_counts_add()`);
    await q.query(`DROP TABLE "application_counts"`);
  }
}
