import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail that survives long outages: no message is given up on temporary failures any more (the
 * `keep_trying` flag letters had is now everyone's), a message can expire with what it carries, and
 * the next try of a message is kept on its row.
 */
export class MailHardening1765000000400 implements MigrationInterface {
  name = 'MailHardening1765000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "outbox_message"
        DROP "keep_trying",
        ADD "expires_at" timestamptz,
        ADD "retry_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "outbox_message"
        DROP "retry_at",
        DROP "expires_at",
        ADD "keep_trying" boolean NOT NULL DEFAULT false`);
  }
}
