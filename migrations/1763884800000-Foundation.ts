import { MigrationInterface, QueryRunner } from 'typeorm';

/** Branches, members and roles, sign-in links and sessions, and the mail outbox. */
export class Foundation1763884800000 implements MigrationInterface {
  name = 'Foundation1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);

    await q.query(`
      CREATE TABLE "branch" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "postcode_areas" text array NOT NULL DEFAULT '{}'::text[],
        "contact_email" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "branch_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "branch_slug_key" UNIQUE ("slug"),
        CONSTRAINT "branch_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
      )`);

    await q.query(`
      CREATE TABLE "member" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" citext NOT NULL,
        "full_name" text NOT NULL,
        "postcode" text,
        "branch_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "member_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "member_email_key" UNIQUE ("email"),
        CONSTRAINT "member_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "member_branch_id_idx" ON "member" ("branch_id")`);

    await q.query(`
      CREATE TABLE "member_role" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "member_id" uuid NOT NULL,
        "role" text NOT NULL,
        "branch_id" uuid,
        "granted_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "member_role_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "member_role_scope" CHECK (("role" = 'ADMIN' AND "branch_id" IS NULL) OR ("role" = 'ORGANISER' AND "branch_id" IS NOT NULL)),
        CONSTRAINT "member_role_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE,
        CONSTRAINT "member_role_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "member_role_admin_key" ON "member_role" ("member_id") WHERE "role" = 'ADMIN'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "member_role_organiser_key" ON "member_role" ("member_id", "branch_id") WHERE "role" = 'ORGANISER'`,
    );
    await q.query(`CREATE INDEX "member_role_branch_id_idx" ON "member_role" ("branch_id")`);

    await q.query(`
      CREATE TABLE "sign_in_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" text NOT NULL,
        "member_id" uuid NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "sign_in_token_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "sign_in_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "sign_in_token_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "sign_in_token_member_created_idx" ON "sign_in_token" ("member_id", "created_at")`,
    );

    await q.query(`
      CREATE TABLE "session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" text NOT NULL,
        "member_id" uuid NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "session_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "session_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "session_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "session_member_id_idx" ON "session" ("member_id")`);

    await q.query(`
      CREATE TABLE "outbox_message" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "template" text NOT NULL,
        "to_address" text NOT NULL,
        "subject" text NOT NULL,
        "text_body" text,
        "html_body" text,
        "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "status" text NOT NULL DEFAULT 'PENDING',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "smtp_message_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "sent_at" timestamptz,
        "failed_at" timestamptz,
        CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE INDEX "outbox_message_pending_idx" ON "outbox_message" ("created_at") WHERE "status" = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox_message"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TABLE "sign_in_token"`);
    await q.query(`DROP TABLE "member_role"`);
    await q.query(`DROP TABLE "member"`);
    await q.query(`DROP TABLE "branch"`);
  }
}
