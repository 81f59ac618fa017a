import { MigrationInterface, QueryRunner } from 'typeorm';

/** Argon2id hashes (97 characters at today's settings) need room to grow with stronger settings. */
export class PasswordHashLength1795500000000 implements MigrationInterface {
  name = 'PasswordHashLength1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" TYPE character varying(255)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" TYPE character varying(100)`);
  }
}
