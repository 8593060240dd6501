import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signatures kept an unkeyed SHA-256 of the client address, which is reversed by trying every IPv4
 * address. New ones keep a keyed hash (ADDRESS_HASH_KEY); the old hashes are forgotten now rather
 * than at the end of their week. They only fed the fraud limits (one minute and one hour), so this
 * restarts those windows and changes nothing else.
 */
export class KeyedClientAddressHashes1765000000200 implements MigrationInterface {
  name = 'KeyedClientAddressHashes1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "signature" SET "ip_hash" = NULL WHERE "ip_hash" IS NOT NULL`);
  }

  async down(): Promise<void> {
    // Nothing to restore: the unkeyed hashes are gone on purpose.
  }
}
