import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The enterprise directory (名录库, Hunan §11 and the tiered management of §9): each city's entries — an enterprise
 * with protection needs, its credit code, industry, needs, risk tier with the date and basis of its assessment and a
 * contact — and the city's reports of its directory to the province per period, with their due day, when and by
 * whom each was submitted, what it held then, and when its reminder and its escalation went out.
 */
export class EnterpriseDirectory1796461000000 implements MigrationInterface {
  name = 'EnterpriseDirectory1796461000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "directory_entries" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "jurisdiction_code" character varying(16) NOT NULL,
      "jurisdiction_path" text NOT NULL,
      "name" character varying(200) NOT NULL,
      "credit_code" character(18) NOT NULL,
      "organisation_id" uuid,
      "industry" character varying(50) NOT NULL,
      "needs" character varying(2000) NOT NULL,
      "risk_tier" character varying(8) NOT NULL,
      "assessed_on" date NOT NULL,
      "assessment_basis" character varying(2000) NOT NULL,
      "contact_name" character varying(50) NOT NULL,
      "contact_phone" character varying(40) NOT NULL,
      "version" integer NOT NULL DEFAULT 1,
      "created_by" uuid NOT NULL,
      "updated_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_directory_entries" PRIMARY KEY ("id"),
      CONSTRAINT "uq_directory_entries_credit_code" UNIQUE ("credit_code"),
      CONSTRAINT "ck_directory_entries_risk_tier" CHECK (risk_tier IN ('high','medium','low')),
      CONSTRAINT "FK_directory_entries_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code"),
      CONSTRAINT "FK_directory_entries_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id"),
      CONSTRAINT "FK_directory_entries_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id"),
      CONSTRAINT "FK_directory_entries_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id"))`);
    await q.query(
      `CREATE INDEX "ix_directory_entries_path" ON "directory_entries" ("jurisdiction_path" text_pattern_ops, "name")`,
    );
    await q.query(`CREATE TABLE "directory_reports" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "jurisdiction_code" character varying(16) NOT NULL,
      "period" character varying(8) NOT NULL,
      "due_on" date NOT NULL,
      "submitted_at" TIMESTAMP WITH TIME ZONE,
      "submitted_by" uuid,
      "entry_count" integer,
      "entries" jsonb,
      "note" character varying(500),
      "reminded_at" TIMESTAMP WITH TIME ZONE,
      "escalated_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_directory_reports" PRIMARY KEY ("id"),
      CONSTRAINT "uq_directory_reports_period" UNIQUE ("jurisdiction_code", "period"),
      CONSTRAINT "ck_directory_reports_submitted" CHECK ((submitted_at IS NULL) = (submitted_by IS NULL)),
      CONSTRAINT "FK_directory_reports_jurisdiction" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code"),
      CONSTRAINT "FK_directory_reports_submitted_by" FOREIGN KEY ("submitted_by") REFERENCES "users"("id"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "directory_reports"`);
    await q.query(`DROP TABLE "directory_entries"`);
  }
}
