import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the regulator's reads at a million applications (see BENCHMARKS.md), written by hand: the generator
 * cannot express operator classes, sort directions or INCLUDE, so the entity marks these synchronize: false.
 * - the review queue walks one state in the order it is shown, filters by the included columns without reading
 *   the table, and stops after the page;
 * - its total counts one state inside a jurisdiction subtree from the index alone;
 * - the dashboard counts group the subtree's rows from the index alone.
 */
export class ReviewQueueIndexes1795430000000 implements MigrationInterface {
  name = 'ReviewQueueIndexes1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_applications_queue"`);
    await queryRunner.query(`DROP INDEX "ix_applications_path_prefix"`);
    await queryRunner.query(
      `CREATE INDEX "ix_applications_queue_order" ON "applications" ("state", "submitted_at" DESC NULLS LAST, "created_at" DESC, "id")
         INCLUDE ("jurisdiction_path", "programme_id", "unit_kind", "level")`,
    );
    await queryRunner.query(`CREATE INDEX "ix_applications_state_path" ON "applications" ("state", "jurisdiction_path" text_pattern_ops)`);
    await queryRunner.query(
      `CREATE INDEX "ix_applications_path_prefix" ON "applications" ("jurisdiction_path" text_pattern_ops) INCLUDE ("state", "programme_id", "unit_kind", "level")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_applications_path_prefix"`);
    await queryRunner.query(`DROP INDEX "ix_applications_state_path"`);
    await queryRunner.query(`DROP INDEX "ix_applications_queue_order"`);
    await queryRunner.query(`CREATE INDEX "ix_applications_path_prefix" ON "applications" ("jurisdiction_path" text_pattern_ops, "state")`);
    await queryRunner.query(`CREATE INDEX "ix_applications_queue" ON "applications" ("state", "jurisdiction_path", "submitted_at")`);
  }
}
