import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail that survives long outages: no message is given up on temporary failures any more (the
 * `keep_trying` flag letters had is now everyone's), a message can expire with what it carries, and
 * the next try of a message is kept on its row. Each database knows which installation it is, so
 * jobs can say whose they are.
 */
export class MailHardening1765000000400 implements MigrationInterface {
  name = 'MailHardening1765000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "outbox_message"
        DROP "keep_trying",
        ADD "expires_at" timestamptz,
        ADD "retry_at" timestamptz`);
    await q.query(`
      CREATE TABLE "installation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "installation_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(`INSERT INTO "installation" DEFAULT VALUES`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "installation"`);
    await q.query(`
      ALTER TABLE "outbox_message"
        DROP "retry_at",
        DROP "expires_at",
        ADD "keep_trying" boolean NOT NULL DEFAULT false`);
  }
}
