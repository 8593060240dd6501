import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letter campaigns and letters; outbox messages that can be sent on someone's behalf (sender,
 * Reply-To) and paced per recipient.
 */
export class Letters1764576000000 implements MigrationInterface {
  name = 'Letters1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "outbox_message"
        ADD "sender" jsonb,
        ADD "reply_to" text,
        ADD "pace_key" text,
        ADD "pace_ms" integer,
        ADD "keep_trying" boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE "letter_campaign" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" text NOT NULL,
        "title" text NOT NULL,
        "branch_id" uuid,
        "targeting" text NOT NULL,
        "subject_template" text NOT NULL,
        "body_template" text NOT NULL,
        "require_personalisation" boolean NOT NULL DEFAULT false,
        "status" text NOT NULL DEFAULT 'DRAFT',
        "created_by_id" uuid,
        "opened_at" timestamptz,
        "closed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "letter_campaign_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "letter_campaign_slug_key" UNIQUE ("slug"),
        CONSTRAINT "letter_campaign_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE "letter_campaign_target" (
        "campaign_id" uuid NOT NULL,
        "target_id" uuid NOT NULL,
        CONSTRAINT "letter_campaign_target_pkey" PRIMARY KEY ("campaign_id", "target_id"),
        CONSTRAINT "letter_campaign_target_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "letter_campaign"("id") ON DELETE CASCADE,
        CONSTRAINT "letter_campaign_target_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE RESTRICT
      )`);
    await q.query(`
      CREATE TABLE "letter" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "campaign_id" uuid NOT NULL,
        "target_id" uuid NOT NULL,
        "full_name" text NOT NULL,
        "email" text NOT NULL,
        "email_canonical" text NOT NULL,
        "postcode" text NOT NULL,
        "subject" text NOT NULL,
        "body" text NOT NULL,
        "personalised_share" real NOT NULL DEFAULT 0,
        "email_opt_in" boolean NOT NULL DEFAULT false,
        "status" text NOT NULL DEFAULT 'AWAITING_CONFIRMATION',
        "confirm_token_hash" text,
        "repeat_mails" integer NOT NULL DEFAULT 0,
        "outbox_message_id" uuid,
        "queued_at" timestamptz,
        "sent_at" timestamptz,
        "smtp_message_id" text,
        "failure_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "letter_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "letter_campaign_target_email_key" UNIQUE ("campaign_id", "target_id", "email_canonical"),
        CONSTRAINT "letter_outbox_message_key" UNIQUE ("outbox_message_id"),
        CONSTRAINT "letter_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "letter_campaign"("id") ON DELETE CASCADE,
        CONSTRAINT "letter_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX "letter_confirm_token_idx" ON "letter" ("confirm_token_hash")`);
    await q.query(`CREATE INDEX "letter_campaign_status_idx" ON "letter" ("campaign_id", "status")`);
    await q.query(`CREATE INDEX "letter_target_status_idx" ON "letter" ("target_id", "status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "letter"`);
    await q.query(`DROP TABLE "letter_campaign_target"`);
    await q.query(`DROP TABLE "letter_campaign"`);
    await q.query(`
      ALTER TABLE "outbox_message" DROP "sender", DROP "reply_to", DROP "pace_key", DROP "pace_ms", DROP "keep_trying"`);
  }
}
