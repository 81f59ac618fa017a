import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sessions that can end: refresh-token families, queue dashboard tickets, the user's token version and sign-in
 * lock-out. A trigger raises users.token_version and revokes the user's open sessions whenever role, jurisdiction,
 * organisation or active changes, whoever changes them (the CLI or plain SQL), so the next request is refused.
 */
export class Sessions1796325372052 implements MigrationInterface {
    name = 'Sessions1796325372052'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "refresh_token_hash" character(64) NOT NULL, "token_version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "rotated_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), "client_ip" character varying(64), "user_agent" character varying(200), CONSTRAINT "UQ_d6185b2849a1e4d0c067a57ca89" UNIQUE ("refresh_token_hash"), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_sessions_user" ON "sessions"  ("user_id") `);
        await queryRunner.query(`CREATE INDEX "ix_sessions_family" ON "sessions"  ("family_id") `);
        await queryRunner.query(`CREATE TABLE "dashboard_tickets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "ticket_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_177dadff47533c0998e3a77a939" UNIQUE ("ticket_hash"), CONSTRAINT "PK_f4624c3efcabd9811bd00559477" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "failed_sign_ins" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "dashboard_tickets" ADD CONSTRAINT "FK_2223aa49b5950325dcb5b2312e3" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE FUNCTION end_sessions_on_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.token_version := OLD.token_version + 1;
  UPDATE sessions SET revoked_at = now(),
         revoked_reason = CASE WHEN NOT NEW.active THEN 'user_disabled' ELSE 'user_changed' END
   WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NEW;
END $$`);
        await queryRunner.query(`CREATE TRIGGER "tr_users_end_sessions" BEFORE UPDATE ON "users" FOR EACH ROW
WHEN (NEW.role IS DISTINCT FROM OLD.role OR NEW.jurisdiction_code IS DISTINCT FROM OLD.jurisdiction_code
   OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.active IS DISTINCT FROM OLD.active)
EXECUTE FUNCTION end_sessions_on_user_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER IF EXISTS "tr_users_end_sessions" ON "users"`);
        await queryRunner.query(`DROP FUNCTION IF EXISTS end_sessions_on_user_change()`);
        await queryRunner.query(`ALTER TABLE "dashboard_tickets" DROP CONSTRAINT "FK_2223aa49b5950325dcb5b2312e3"`);
        await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locked_until"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "failed_sign_ins"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
        await queryRunner.query(`DROP TABLE "dashboard_tickets"`);
        await queryRunner.query(`DROP INDEX "public"."ix_sessions_family"`);
        await queryRunner.query(`DROP INDEX "public"."ix_sessions_user"`);
        await queryRunner.query(`DROP TABLE "sessions"`);
    }

}
