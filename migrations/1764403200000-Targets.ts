import { MigrationInterface, QueryRunner } from 'typeorm';

/** Geography as data (named sets, one active), postcodes placed in constituencies, and targets. */
export class Targets1764403200000 implements MigrationInterface {
  name = 'Targets1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "geography_set" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "active" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "geography_set_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "geography_set_name_key" UNIQUE ("name")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "geography_set_one_active" ON "geography_set" ("active") WHERE "active"`,
    );
    await q.query(`
      CREATE TABLE "region" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "set_id" uuid NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        CONSTRAINT "region_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "region_set_code_key" UNIQUE ("set_id", "code"),
        CONSTRAINT "region_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "geography_set"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "constituency" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "set_id" uuid NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "region_id" uuid NOT NULL,
        CONSTRAINT "constituency_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "constituency_set_code_key" UNIQUE ("set_id", "code"),
        CONSTRAINT "constituency_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "geography_set"("id") ON DELETE CASCADE,
        CONSTRAINT "constituency_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "postcode_constituency" (
        "set_id" uuid NOT NULL,
        "postcode" text NOT NULL,
        "constituency_code" text NOT NULL,
        CONSTRAINT "postcode_constituency_pkey" PRIMARY KEY ("set_id", "postcode"),
        CONSTRAINT "postcode_constituency_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "geography_set"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "target" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "name" text NOT NULL,
        "title" text NOT NULL DEFAULT '',
        "organisation" text NOT NULL DEFAULT '',
        "email" citext NOT NULL,
        "party" text,
        "constituency_code" text,
        "region_code" text,
        "branch_id" uuid,
        "active" boolean NOT NULL DEFAULT true,
        "delivery_status" text NOT NULL DEFAULT 'OK',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "target_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "target_email_kind_key" UNIQUE ("email", "kind"),
        CONSTRAINT "target_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "target_constituency_idx" ON "target" ("kind", "constituency_code")`);
    await q.query(`CREATE INDEX "target_region_idx" ON "target" ("kind", "region_code")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "target"`);
    await q.query(`DROP TABLE "postcode_constituency"`);
    await q.query(`DROP TABLE "constituency"`);
    await q.query(`DROP TABLE "region"`);
    await q.query(`DROP TABLE "geography_set"`);
  }
}
