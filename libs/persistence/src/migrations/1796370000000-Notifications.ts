import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Notifications: users' e-mail addresses (with a verified flag), one notification row per (event, recipient) with
 * its e-mail's fate, per-user e-mail choices per kind, and the events already turned into notifications (so a
 * redelivered job or a repeated sweep writes nothing).
 */
export class Notifications1796370000000 implements MigrationInterface {
    name = 'Notifications1796370000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "email" character varying(254)`);
        await queryRunner.query(`ALTER TABLE "users" ADD "email_verified" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_key" character varying(200) NOT NULL, "recipient_key" character varying(300) NOT NULL, "user_id" uuid, "kind" character varying(48) NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "link" character varying(300) NOT NULL, "subject_type" character varying(24) NOT NULL, "subject_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "email_to" character varying(254), "email_status" character varying(16) NOT NULL, "email_sent_at" TIMESTAMP WITH TIME ZONE, "email_attempts" integer NOT NULL DEFAULT 0, "email_error" text, CONSTRAINT "PK_notifications" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notifications_event_recipient" ON "notifications" ("event_key", "recipient_key") `);
        await queryRunner.query(`CREATE INDEX "ix_notifications_user" ON "notifications" ("user_id", "created_at") WHERE user_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_notifications_unread" ON "notifications" ("user_id") WHERE read_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" character varying(48) NOT NULL, "email" boolean NOT NULL, CONSTRAINT "PK_notification_preferences" PRIMARY KEY ("user_id", "kind"))`);
        await queryRunner.query(`ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_notification_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TABLE "notification_events" ("event_key" character varying(200) NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_notification_events" PRIMARY KEY ("event_key"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "notification_events"`);
        await queryRunner.query(`DROP TABLE "notification_preferences"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`);
    }

}
