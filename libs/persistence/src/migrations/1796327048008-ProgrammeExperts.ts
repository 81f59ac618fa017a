import { MigrationInterface, QueryRunner } from "typeorm";

/** Evaluators invited to a programme's expert pool from outside its line of jurisdictions. */
export class ProgrammeExperts1796327048008 implements MigrationInterface {
    name = 'ProgrammeExperts1796327048008'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "programme_experts" ("programme_id" uuid NOT NULL, "evaluator_id" uuid NOT NULL, "invited_by" uuid NOT NULL, "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a0f4d4f24485b7a4209c5d76368" PRIMARY KEY ("programme_id", "evaluator_id"))`);
        await queryRunner.query(`ALTER TABLE "programme_experts" ADD CONSTRAINT "FK_f7c83cca4a32084f8deb471c734" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_experts" ADD CONSTRAINT "FK_298409906660527dca428b262b3" FOREIGN KEY ("evaluator_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "programme_experts" ADD CONSTRAINT "FK_9b94ea78146503feee95a7df2ad" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "programme_experts" DROP CONSTRAINT "FK_9b94ea78146503feee95a7df2ad"`);
        await queryRunner.query(`ALTER TABLE "programme_experts" DROP CONSTRAINT "FK_298409906660527dca428b262b3"`);
        await queryRunner.query(`ALTER TABLE "programme_experts" DROP CONSTRAINT "FK_f7c83cca4a32084f8deb471c734"`);
        await queryRunner.query(`DROP TABLE "programme_experts"`);
    }

}
