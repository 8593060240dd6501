import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Near-copy scores: each letter's MinHash signature and how close it was, when written, to the
 * latest letters to the same recipient under the campaign (read through a per-target index).
 */
export class LetterNearCopies1765000001120 implements MigrationInterface {
  name = 'LetterNearCopies1765000001120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "letter" ADD "minhash" integer array`);
    await q.query(`ALTER TABLE "letter" ADD "near_copy_score" real`);
    await q.query(
      `CREATE INDEX "letter_campaign_target_created_idx" ON "letter" ("campaign_id", "target_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "letter_campaign_target_created_idx"`);
    await q.query(`ALTER TABLE "letter" DROP COLUMN "near_copy_score"`);
    await q.query(`ALTER TABLE "letter" DROP COLUMN "minhash"`);
  }
}
