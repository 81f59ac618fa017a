import { MigrationInterface, QueryRunner } from "typeorm";

/** Re-inspections falling due are reminded, and escalated once overdue, like the to-do list's items. */
export class ReinspectionReminders1796490100000 implements MigrationInterface {
    name = 'ReinspectionReminders1796490100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "reinspections" ADD "reminded_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "reinspections" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
        // the sweep's lookup: the scheduled ones by due date
        await queryRunner.query(`CREATE INDEX "ix_reinspections_scheduled_due" ON "reinspections" ("due_on") WHERE status = 'scheduled'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_reinspections_scheduled_due"`);
        await queryRunner.query(`ALTER TABLE "reinspections" DROP COLUMN "escalated_at"`);
        await queryRunner.query(`ALTER TABLE "reinspections" DROP COLUMN "reminded_at"`);
    }
}
