import { MigrationInterface, QueryRunner } from 'typeorm';

/** Joining: consent flags and ledger, confirmation links, tags, archiving. */
export class Membership1763971200000 implements MigrationInterface {
  name = 'Membership1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "member"
        ADD "email_opt_in" boolean NOT NULL DEFAULT false,
        ADD "email_confirmed_at" timestamptz,
        ADD "tags" text array NOT NULL DEFAULT '{}'::text[],
        ADD "archived_at" timestamptz`);

    await q.query(`
      CREATE TABLE "consent_record" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "member_id" uuid NOT NULL,
        "email_opt_in" boolean NOT NULL,
        "wording" text NOT NULL,
        "wording_version" text NOT NULL,
        "source" text NOT NULL,
        "recorded_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "consent_record_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "consent_record_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "consent_record_member_idx" ON "consent_record" ("member_id", "created_at")`);
    // The ledger is append-only: records are never changed (they go only with an erased member).
    await q.query(`
      CREATE FUNCTION consent_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consent records cannot be changed';
      END $$`);
    await q.query(`
      CREATE TRIGGER consent_record_no_update BEFORE UPDATE ON "consent_record"
      FOR EACH ROW EXECUTE FUNCTION consent_record_is_append_only()`);

    await q.query(`
      CREATE TABLE "member_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "member_id" uuid NOT NULL,
        "purpose" text NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "member_token_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "member_token_hash_key" UNIQUE ("token_hash"),
        CONSTRAINT "member_token_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "member_token"`);
    await q.query(`DROP TABLE "consent_record"`);
    await q.query(`DROP FUNCTION consent_record_is_append_only()`);
    await q.query(`
      ALTER TABLE "member" DROP "archived_at", DROP "tags", DROP "email_confirmed_at", DROP "email_opt_in"`);
  }
}
