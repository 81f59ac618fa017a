import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Accounts made by people rather than by the seed: a flag that keeps a one-time password's holder to changing it,
 * who created an account, invitations of colleagues by an organisation's users (only the token's SHA-256 is kept;
 * single use, expiring), and an append-only history of what administrators and users did to accounts.
 */
export class AccountAdministration1796329688763 implements MigrationInterface {
    name = 'AccountAdministration1796329688763'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "users" ADD "created_by" uuid`);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "display_name" character varying(100) NOT NULL, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_user_id" uuid, CONSTRAINT "UQ_invitations_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_invitations" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invitations_organisation" ON "invitations" ("organisation_id", "created_at")`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_invitations_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_invitations_invited_by" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_invitations_accepted_user" FOREIGN KEY ("accepted_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "user_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "event" character varying(24) NOT NULL, "actor_id" uuid, "actor_role" character varying(16) NOT NULL, "change" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_user_history" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_user_history_user" ON "user_history" ("user_id", "at")`);
        // no foreign keys: the history outlives a deleted account
        await queryRunner.query(`CREATE TRIGGER "tr_user_history_append_only" BEFORE UPDATE OR DELETE ON "user_history"
            FOR EACH ROW EXECUTE FUNCTION forbid_history_change()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "user_history"`);
        await queryRunner.query(`DROP TABLE "invitations"`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_created_by"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "created_by"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
    }

}
