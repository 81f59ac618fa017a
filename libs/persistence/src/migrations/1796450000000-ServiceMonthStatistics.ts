import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Reports: the service month's editions with their statistics-table templates (rows as data), the activities ledger
 * (counts never negative), the provinces' submitted tables (one per edition and province, locked once written), and
 * the enterprise request ledger (诉求台账) with its append-only history.
 */
export class ServiceMonthStatistics1796450000000 implements MigrationInterface {
    name = 'ServiceMonthStatistics1796450000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "stats_editions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "title" character varying(200) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "rows" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_stats_editions" PRIMARY KEY ("id"), CONSTRAINT "ck_stats_editions_period" CHECK ("period_from" <= "period_to"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_stats_editions_code" ON "stats_editions" ("code") `);
        await queryRunner.query(`CREATE TABLE "service_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "title" character varying(200) NOT NULL, "held_on" date NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "jurisdiction_path" text NOT NULL, "province_code" character varying(16) NOT NULL, "enterprises" integer NOT NULL DEFAULT 0, "participants" integer NOT NULL DEFAULT 0, "materials" integer NOT NULL DEFAULT 0, "quantity" integer NOT NULL DEFAULT 0, "media_level" character varying(16), "note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_service_activities" PRIMARY KEY ("id"), CONSTRAINT "ck_service_activities_counts" CHECK ("enterprises" >= 0 AND "participants" >= 0 AND "materials" >= 0 AND "quantity" >= 0))`);
        await queryRunner.query(`CREATE INDEX "ix_service_activities_edition_province" ON "service_activities" ("edition_id", "province_code", "held_on") `);
        await queryRunner.query(`ALTER TABLE "service_activities" ADD CONSTRAINT "FK_service_activities_edition" FOREIGN KEY ("edition_id") REFERENCES "stats_editions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_activities" ADD CONSTRAINT "FK_service_activities_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_activities" ADD CONSTRAINT "FK_service_activities_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "stats_filings" ("edition_id" uuid NOT NULL, "province_code" character varying(16) NOT NULL, "state" character varying(16) NOT NULL, "submitted_by" uuid NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "values" jsonb NOT NULL, CONSTRAINT "PK_stats_filings" PRIMARY KEY ("edition_id", "province_code"))`);
        await queryRunner.query(`ALTER TABLE "stats_filings" ADD CONSTRAINT "FK_stats_filings_edition" FOREIGN KEY ("edition_id") REFERENCES "stats_editions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "stats_filings" ADD CONSTRAINT "FK_stats_filings_province" FOREIGN KEY ("province_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "stats_filings" ADD CONSTRAINT "FK_stats_filings_submitted_by" FOREIGN KEY ("submitted_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        // a submitted table is locked: the row is never changed or removed
        await queryRunner.query(`CREATE TRIGGER "tr_stats_filings_append_only" BEFORE UPDATE OR DELETE ON "stats_filings"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
        await queryRunner.query(`CREATE TABLE "enterprise_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid, "enterprise_name" character varying(200) NOT NULL, "jurisdiction_code" character varying(16) NOT NULL, "jurisdiction_path" text NOT NULL, "source" character varying(16) NOT NULL, "title" character varying(200) NOT NULL, "content" text NOT NULL, "state" character varying(16) NOT NULL, "assignee_id" uuid, "answer" text, "feedback" text, "is_lead" boolean NOT NULL DEFAULT false, "lead_note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT 1, CONSTRAINT "PK_enterprise_requests" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_enterprise_requests_path" ON "enterprise_requests" ("jurisdiction_path", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_enterprise_requests_organisation" ON "enterprise_requests" ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "ix_enterprise_requests_closed" ON "enterprise_requests" ("closed_at") WHERE closed_at IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "enterprise_requests" ADD CONSTRAINT "FK_enterprise_requests_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enterprise_requests" ADD CONSTRAINT "FK_enterprise_requests_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enterprise_requests" ADD CONSTRAINT "FK_enterprise_requests_assignee" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "enterprise_requests" ADD CONSTRAINT "FK_enterprise_requests_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "enterprise_request_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "event" character varying(16) NOT NULL, "from_state" character varying(16), "to_state" character varying(16) NOT NULL, "actor_id" uuid NOT NULL, "actor_role" character varying(16) NOT NULL, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_enterprise_request_events" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_enterprise_request_events_request" ON "enterprise_request_events" ("request_id", "at") `);
        await queryRunner.query(`ALTER TABLE "enterprise_request_events" ADD CONSTRAINT "FK_enterprise_request_events_request" FOREIGN KEY ("request_id") REFERENCES "enterprise_requests"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TRIGGER "tr_enterprise_request_events_append_only" BEFORE UPDATE OR DELETE ON "enterprise_request_events"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "enterprise_request_events"`);
        await queryRunner.query(`DROP TABLE "enterprise_requests"`);
        await queryRunner.query(`DROP TABLE "stats_filings"`);
        await queryRunner.query(`DROP TABLE "service_activities"`);
        await queryRunner.query(`DROP TABLE "stats_editions"`);
    }

}
