import { MigrationInterface, QueryRunner } from 'typeorm';

/** Erasure (anonymised members, hashed suppression list) and the audit log. */
export class DataRights1764057600000 implements MigrationInterface {
  name = 'DataRights1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" ADD "erased_at" timestamptz`);
    await q.query(`
      CREATE TABLE "suppression" (
        "email_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "suppression_pkey" PRIMARY KEY ("email_hash")
      )`);
    await q.query(`
      CREATE TABLE "audit_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "action" text NOT NULL,
        "actor_id" uuid,
        "branch_id" uuid,
        "subject_id" uuid,
        "row_count" integer,
        "detail" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "audit_event_created_idx" ON "audit_event" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_event"`);
    await q.query(`DROP TABLE "suppression"`);
    await q.query(`ALTER TABLE "member" DROP "erased_at"`);
  }
}
