import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Near-copy digests: a campaign may gather letters that copy others into one daily digest per
 * recipient; such letters wait flagged `in_digest` until a digest message carries them.
 */
export class LetterDigests1765000001130 implements MigrationInterface {
  name = 'LetterDigests1765000001130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "letter_campaign" ADD "near_copies" text NOT NULL DEFAULT 'DELIVER'`);
    await q.query(`ALTER TABLE "letter_campaign" ADD "near_copy_threshold" real NOT NULL DEFAULT 0.8`);
    await q.query(`ALTER TABLE "letter" ADD "in_digest" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "letter" ADD "digest_message_id" uuid`);
    await q.query(`CREATE INDEX "letter_digest_message_idx" ON "letter" ("digest_message_id")`);
    await q.query(`CREATE INDEX "letter_digest_waiting_idx" ON "letter" ("queued_at")
      WHERE "in_digest" AND "status" = 'QUEUED' AND "digest_message_id" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "letter_digest_waiting_idx"`);
    await q.query(`DROP INDEX "letter_digest_message_idx"`);
    await q.query(`ALTER TABLE "letter" DROP COLUMN "digest_message_id"`);
    await q.query(`ALTER TABLE "letter" DROP COLUMN "in_digest"`);
    await q.query(`ALTER TABLE "letter_campaign" DROP COLUMN "near_copy_threshold"`);
    await q.query(`ALTER TABLE "letter_campaign" DROP COLUMN "near_copies"`);
  }
}
