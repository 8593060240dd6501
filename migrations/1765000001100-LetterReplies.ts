import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replies and stances: the "did you get a reply?" questionnaire a supporter is mailed once their
 * letters are sent, their answers per letter, and the stances organisers record per target and
 * campaign (append-only history).
 */
export class LetterReplies1765000001100 implements MigrationInterface {
  name = 'LetterReplies1765000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "letter_questionnaire" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "campaign_id" uuid NOT NULL,
      "token_hash" text NOT NULL,
      "reminder_token_hash" text,
      "reminder_sent_at" TIMESTAMP WITH TIME ZONE,
      "answered_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "letter_questionnaire_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "letter_questionnaire_campaign_id_fkey" FOREIGN KEY ("campaign_id")
        REFERENCES "letter_campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "letter_questionnaire_token_idx" ON "letter_questionnaire" ("token_hash")`);
    await q.query(
      `CREATE INDEX "letter_questionnaire_reminder_token_idx" ON "letter_questionnaire" ("reminder_token_hash")`,
    );
    await q.query(`CREATE INDEX "letter_questionnaire_reminder_due_idx" ON "letter_questionnaire" ("created_at")
      WHERE "answered_at" IS NULL AND "reminder_sent_at" IS NULL`);

    await q.query(`ALTER TABLE "letter" ADD "questionnaire_id" uuid`);
    await q.query(`CREATE INDEX "letter_questionnaire_idx" ON "letter" ("questionnaire_id")`);
    await q.query(
      `CREATE INDEX "letter_questionnaire_due_idx" ON "letter" ("sent_at") WHERE "questionnaire_id" IS NULL`,
    );

    await q.query(`CREATE TABLE "letter_answer" (
      "letter_id" uuid NOT NULL,
      "replied" text NOT NULL,
      "stance" text,
      "reply_text" text,
      "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "letter_answer_pkey" PRIMARY KEY ("letter_id"),
      CONSTRAINT "letter_answer_letter_id_fkey" FOREIGN KEY ("letter_id")
        REFERENCES "letter"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);

    await q.query(`CREATE TABLE "target_stance" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "campaign_id" uuid NOT NULL,
      "target_id" uuid NOT NULL,
      "stance" text NOT NULL,
      "source" text NOT NULL,
      "note" text NOT NULL DEFAULT '',
      "stated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "recorded_by_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "target_stance_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "target_stance_campaign_id_fkey" FOREIGN KEY ("campaign_id")
        REFERENCES "letter_campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT "target_stance_target_id_fkey" FOREIGN KEY ("target_id")
        REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(
      `CREATE INDEX "target_stance_campaign_target_idx" ON "target_stance" ("campaign_id", "target_id", "stated_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "target_stance"`);
    await q.query(`DROP TABLE "letter_answer"`);
    await q.query(`DROP INDEX "letter_questionnaire_due_idx"`);
    await q.query(`DROP INDEX "letter_questionnaire_idx"`);
    await q.query(`ALTER TABLE "letter" DROP COLUMN "questionnaire_id"`);
    await q.query(`DROP TABLE "letter_questionnaire"`);
  }
}
