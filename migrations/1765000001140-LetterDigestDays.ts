import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One digest per recipient, campaign and London day: a mark per digest made. And the indexes the
 * questionnaire job's look-ups per writer use ("none of their letters still queued", "the
 * questionnaire already asking about their earlier letters"): without them each is a scan of the
 * letter table per candidate, every minute.
 */
export class LetterDigestDays1765000001140 implements MigrationInterface {
  name = 'LetterDigestDays1765000001140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "letter_digest_day" (
      "campaign_id" uuid NOT NULL,
      "target_id" uuid NOT NULL,
      "day" date NOT NULL,
      "digest_message_id" uuid,
      CONSTRAINT "letter_digest_day_pkey" PRIMARY KEY ("campaign_id", "target_id", "day"))`);
    await q.query(`CREATE INDEX "letter_queued_writer_idx" ON "letter" ("campaign_id", "email_canonical")
      WHERE "status" = 'QUEUED'`);
    await q.query(`CREATE INDEX "letter_asked_writer_idx" ON "letter" ("campaign_id", "email_canonical", "questionnaire_id")
      WHERE "questionnaire_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "letter_asked_writer_idx"`);
    await q.query(`DROP INDEX "letter_queued_writer_idx"`);
    await q.query(`DROP TABLE "letter_digest_day"`);
  }
}
