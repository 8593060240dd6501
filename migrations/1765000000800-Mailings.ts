import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailings: an organiser's email to the branch's members, the people each one goes to (fixed when
 * sending starts; one row per person, so nobody gets it twice), addresses marked bouncing, and the
 * mailing an unsubscribe came from on the consent record.
 */
export class Mailings1765000000800 implements MigrationInterface {
  name = 'Mailings1765000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" ADD "email_bouncing_at" timestamptz`);
    await q.query(`ALTER TABLE "consent_record" ADD "mailing_id" uuid`);
    await q.query(`ALTER TABLE "outbox_message" ADD "bulk" boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE "mailing" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "branch_id" uuid,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "audience" jsonb NOT NULL DEFAULT '{}',
        "status" text NOT NULL DEFAULT 'DRAFT',
        "send_at" timestamptz,
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "cancelled_at" timestamptz,
        "pause_reason" text,
        "consecutive_failures" integer NOT NULL DEFAULT 0,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "mailing_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "mailing_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE CASCADE,
        CONSTRAINT "mailing_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "member"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "mailing_branch_created_idx" ON "mailing" ("branch_id", "created_at")`);
    await q.query(`CREATE INDEX "mailing_due_idx" ON "mailing" ("send_at") WHERE "status" = 'SCHEDULED'`);
    await q.query(`
      CREATE TABLE "mailing_recipient" (
        "mailing_id" uuid NOT NULL,
        "member_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING',
        "outbox_message_id" uuid,
        "unsubscribe_token_hash" text,
        "sent_at" timestamptz,
        "failed_at" timestamptz,
        "unsubscribed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "mailing_recipient_pkey" PRIMARY KEY ("mailing_id", "member_id"),
        CONSTRAINT "mailing_recipient_mailing_id_fkey" FOREIGN KEY ("mailing_id") REFERENCES "mailing"("id") ON DELETE CASCADE,
        CONSTRAINT "mailing_recipient_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE,
        CONSTRAINT "mailing_recipient_outbox_message_id_fkey" FOREIGN KEY ("outbox_message_id") REFERENCES "outbox_message"("id") ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX "mailing_recipient_status_idx" ON "mailing_recipient" ("mailing_id", "status")`,
    );
    await q.query(`CREATE INDEX "mailing_recipient_member_idx" ON "mailing_recipient" ("member_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "mailing_recipient_outbox_key" ON "mailing_recipient" ("outbox_message_id")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "mailing_recipient_token_key" ON "mailing_recipient" ("unsubscribe_token_hash")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "mailing_recipient"`);
    await q.query(`DROP TABLE "mailing"`);
    await q.query(`ALTER TABLE "outbox_message" DROP COLUMN "bulk"`);
    await q.query(`ALTER TABLE "consent_record" DROP COLUMN "mailing_id"`);
    await q.query(`ALTER TABLE "member" DROP COLUMN "email_bouncing_at"`);
  }
}
