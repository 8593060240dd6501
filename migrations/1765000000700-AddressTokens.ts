import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data-rights links for people who never joined (a petition signer, a letter writer): the token is
 * tied to the address it was mailed to, not to a member record.
 */
export class AddressTokens1765000000700 implements MigrationInterface {
  name = 'AddressTokens1765000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "address_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "purpose" text NOT NULL,
        "token_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "address_token_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "address_token_hash_key" UNIQUE ("token_hash")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "address_token"`);
  }
}
