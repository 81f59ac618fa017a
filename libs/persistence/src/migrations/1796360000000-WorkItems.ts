import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillWorkItems } from '../work-items-backfill';

/**
 * The to-do lists (待办): time limits per step on programmes (working days; the defaults of DEFAULT_TIME_LIMITS for
 * the programmes there are), and the work_items table the engines keep in every transition's transaction, filled
 * for the applications and disbursements there are.
 *
 * Its indexes are partial (open items only, so they stay the size of the to-do lists, not of the history) and
 * written by hand: a regulator's or finance officer's list is a range over (audience_role, audience_path
 * text_pattern_ops) — the path prefix of their jurisdiction — whose INCLUDE columns answer the page's keys from
 * the index alone (only the page's 20 rows are read from the table); an organisation's and a user's are
 * equalities. ix_work_items_due serves reminders and escalation (due soon, overdue). The done list (已办)
 * reads the histories by actor, newest first.
 */
export class WorkItems1796360000000 implements MigrationInterface {
  name = 'WorkItems1796360000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "programmes" ADD "time_limits" jsonb NOT NULL DEFAULT '{}'`);
    await q.query(
      `UPDATE "programmes" SET "time_limits" = '{"preliminaryReview":10,"revisionRequested":20,"recheck":5,"acceptance":15,"noticeClosed":5,"disbursementVerify":5,"disbursementApprove":5}'`,
    );
    await q.query(`CREATE TABLE "work_items" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "subject_kind" character varying(32) NOT NULL,
      "subject_id" uuid NOT NULL,
      "subject_reference" character varying(64) NOT NULL,
      "subject_title" character varying(200) NOT NULL,
      "subject_state" character varying(32) NOT NULL,
      "step" character varying(48) NOT NULL,
      "next_steps" character varying array NOT NULL DEFAULT '{}',
      "audience_role" character varying(16),
      "audience_path" text,
      "audience_exact" boolean NOT NULL DEFAULT false,
      "excluded_user_ids" uuid array NOT NULL DEFAULT '{}',
      "audience_organisation_id" uuid,
      "audience_user_id" uuid,
      "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "due_at" TIMESTAMP WITH TIME ZONE,
      "limit_working_days" integer,
      "done_at" TIMESTAMP WITH TIME ZONE,
      "done_by" uuid,
      "done_event" character varying(32),
      "reminded_at" TIMESTAMP WITH TIME ZONE,
      "escalated_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_work_items" PRIMARY KEY ("id"),
      CONSTRAINT "ck_work_items_audience" CHECK (
        (audience_role IS NOT NULL AND audience_path IS NOT NULL)::int
        + (audience_organisation_id IS NOT NULL)::int + (audience_user_id IS NOT NULL)::int = 1))`);
    await q.query(
      `CREATE INDEX "ix_work_items_scope" ON "work_items" ("audience_role", "audience_path" text_pattern_ops, "due_at")
         INCLUDE ("entered_at", "id", "audience_exact", "excluded_user_ids")
         WHERE "done_at" IS NULL AND "audience_role" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_work_items_organisation" ON "work_items" ("audience_organisation_id", "due_at")
         INCLUDE ("entered_at", "id") WHERE "done_at" IS NULL AND "audience_organisation_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_work_items_user" ON "work_items" ("audience_user_id", "due_at")
         INCLUDE ("entered_at", "id") WHERE "done_at" IS NULL AND "audience_user_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_work_items_subject" ON "work_items" ("subject_kind", "subject_id") WHERE "done_at" IS NULL`,
    );
    await q.query(`CREATE INDEX "ix_work_items_due" ON "work_items" ("due_at") WHERE "done_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_application_history_actor" ON "application_history" ("actor_id", "at" DESC)`);
    await q.query(`CREATE INDEX "ix_disbursement_history_actor" ON "disbursement_history" ("actor_id", "at" DESC)`);
    await backfillWorkItems(q);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_disbursement_history_actor"`);
    await q.query(`DROP INDEX "ix_application_history_actor"`);
    await q.query(`DROP TABLE "work_items"`);
    await q.query(`ALTER TABLE "programmes" DROP COLUMN "time_limits"`);
  }
}
