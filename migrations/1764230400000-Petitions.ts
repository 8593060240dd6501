import { MigrationInterface, QueryRunner } from 'typeorm';

/** Petitions, signatures (double opt-in, suspects kept apart) and sharded confirmed counts. */
export class Petitions1764230400000 implements MigrationInterface {
  name = 'Petitions1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "petition" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" text NOT NULL,
        "title" text NOT NULL,
        "summary" text NOT NULL,
        "body" text NOT NULL,
        "target_name" text NOT NULL,
        "branch_id" uuid,
        "goal" integer NOT NULL,
        "closes_at" timestamptz,
        "status" text NOT NULL DEFAULT 'DRAFT',
        "opened_at" timestamptz,
        "delivered_at" timestamptz,
        "delivery_note" text,
        "last_milestone" integer NOT NULL DEFAULT 0,
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "petition_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "petition_slug_key" UNIQUE ("slug"),
        CONSTRAINT "petition_goal" CHECK ("goal" > 0),
        CONSTRAINT "petition_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE "signature" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "petition_id" uuid NOT NULL,
        "full_name" text NOT NULL,
        "email" text NOT NULL,
        "email_canonical" text NOT NULL,
        "postcode" text,
        "postcode_district" text,
        "show_name" boolean NOT NULL DEFAULT false,
        "email_opt_in" boolean NOT NULL DEFAULT false,
        "status" text NOT NULL DEFAULT 'PENDING',
        "ip_hash" text,
        "confirm_token_hash" text,
        "already_signed_mails" integer NOT NULL DEFAULT 0,
        "confirmed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "signature_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "signature_petition_email_key" UNIQUE ("petition_id", "email_canonical"),
        CONSTRAINT "signature_confirm_token_key" UNIQUE ("confirm_token_hash"),
        CONSTRAINT "signature_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "signature_petition_status_idx" ON "signature" ("petition_id", "status", "confirmed_at")`,
    );
    await q.query(
      `CREATE INDEX "signature_petition_ip_idx" ON "signature" ("petition_id", "ip_hash", "created_at")`,
    );
    await q.query(`
      CREATE TABLE "petition_count" (
        "petition_id" uuid NOT NULL,
        "shard" smallint NOT NULL,
        "count" integer NOT NULL DEFAULT 0,
        CONSTRAINT "petition_count_pkey" PRIMARY KEY ("petition_id", "shard"),
        CONSTRAINT "petition_count_petition_id_fkey" FOREIGN KEY ("petition_id") REFERENCES "petition"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "petition_count"`);
    await q.query(`DROP TABLE "signature"`);
    await q.query(`DROP TABLE "petition"`);
  }
}
