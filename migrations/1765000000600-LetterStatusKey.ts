import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery-status page of a confirmed writing: its letters carry the hash of a key derived from
 * the confirmation link (only the person who confirmed learns the key), so the page shows their
 * letters and nobody else's.
 */
export class LetterStatusKey1765000000600 implements MigrationInterface {
  name = 'LetterStatusKey1765000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "letter" ADD "status_key_hash" text`);
    await q.query(`CREATE INDEX "letter_status_key_idx" ON "letter" ("status_key_hash")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "letter_status_key_idx"`);
    await q.query(`ALTER TABLE "letter" DROP COLUMN "status_key_hash"`);
  }
}
