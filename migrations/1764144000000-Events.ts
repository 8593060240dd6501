import { MigrationInterface, QueryRunner } from 'typeorm';

/** Events, RSVPs with a waitlist, training certificates; attachments on outbound mail. */
export class Events1764144000000 implements MigrationInterface {
  name = 'Events1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_message" ADD "attachments" jsonb`);
    await q.query(`
      CREATE TABLE "event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "branch_id" uuid NOT NULL,
        "title" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "kind" text NOT NULL,
        "training_kind" text,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "location_name" text,
        "location_address" text,
        "location_postcode" text,
        "online_url" text,
        "capacity" integer,
        "rsvp_closes_at" timestamptz,
        "is_training" boolean NOT NULL DEFAULT false,
        "certificate_valid_months" integer,
        "status" text NOT NULL DEFAULT 'DRAFT',
        "cancel_message" text,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "event_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "event_times" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "event_capacity" CHECK ("capacity" IS NULL OR "capacity" >= 0),
        CONSTRAINT "event_certificate" CHECK ("certificate_valid_months" IS NULL OR "certificate_valid_months" > 0),
        CONSTRAINT "event_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "event_branch_starts_idx" ON "event" ("branch_id", "starts_at")`);
    await q.query(`
      CREATE TABLE "rsvp" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "member_id" uuid NOT NULL,
        "status" text NOT NULL,
        "queued_at" timestamptz NOT NULL,
        "cancel_token_hash" text NOT NULL,
        "walk_in" boolean NOT NULL DEFAULT false,
        "checked_in_at" timestamptz,
        "reminder_sent_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "rsvp_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "rsvp_event_member_key" UNIQUE ("event_id", "member_id"),
        CONSTRAINT "rsvp_cancel_token_key" UNIQUE ("cancel_token_hash"),
        CONSTRAINT "rsvp_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE,
        CONSTRAINT "rsvp_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "rsvp_event_status_idx" ON "rsvp" ("event_id", "status", "queued_at")`);
    await q.query(`
      CREATE TABLE "certificate" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "member_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "training_kind" text NOT NULL,
        "issued_on" date NOT NULL,
        "valid_until" date NOT NULL,
        "refresher_sent_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "certificate_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "certificate_member_event_key" UNIQUE ("member_id", "event_id"),
        CONSTRAINT "certificate_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE,
        CONSTRAINT "certificate_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "certificate_valid_until_idx" ON "certificate" ("valid_until")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "certificate"`);
    await q.query(`DROP TABLE "rsvp"`);
    await q.query(`DROP TABLE "event"`);
    await q.query(`ALTER TABLE "outbox_message" DROP "attachments"`);
  }
}
