import { MigrationInterface, QueryRunner } from 'typeorm';

const EARLIER_TOKENS = [
  ['signature', 'earlier_token_hashes'],
  ['letter', 'earlier_token_hashes'],
  ['rsvp', 'earlier_cancel_token_hashes'],
] as const;

/**
 * Mail that survives long outages: no message is given up on temporary failures any more (the
 * `keep_trying` flag letters had is now everyone's), a message can expire with what it carries, and
 * the next try of a message is kept on its row. Each database knows which installation it is, so
 * jobs can say whose they are. Identical public requests within a short window are spotted
 * (`recent_request`), and links already mailed stay good when a repeat mails a new one (the
 * `earlier_*` token hashes, searched through GIN indexes).
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
    await q.query(`
      CREATE TABLE "recent_request" (
        "key" text NOT NULL,
        "seen_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "recent_request_pkey" PRIMARY KEY ("key")
      )`);
    await q.query(`CREATE INDEX "recent_request_seen_at_idx" ON "recent_request" ("seen_at")`);
    for (const [table, column] of EARLIER_TOKENS) {
      await q.query(`ALTER TABLE "${table}" ADD "${column}" text array NOT NULL DEFAULT '{}'::text[]`);
      await q.query(`CREATE INDEX "${table}_${column}_idx" ON "${table}" USING gin ("${column}")`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of EARLIER_TOKENS) {
      await q.query(`ALTER TABLE "${table}" DROP "${column}"`);
    }
    await q.query(`DROP TABLE "recent_request"`);
    await q.query(`DROP TABLE "installation"`);
    await q.query(`
      ALTER TABLE "outbox_message"
        DROP "retry_at",
        DROP "expires_at",
        ADD "keep_trying" boolean NOT NULL DEFAULT false`);
  }
}
