import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-MSP petition briefings: one row per petition and MSP, so a briefing goes once unless re-sent. */
export class PetitionBriefings1765000001110 implements MigrationInterface {
  name = 'PetitionBriefings1765000001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "petition_briefing" (
      "petition_id" uuid NOT NULL,
      "target_id" uuid NOT NULL,
      "signers" integer NOT NULL,
      "outbox_message_id" uuid,
      "sendings" integer NOT NULL DEFAULT 1,
      "sent_by_id" uuid,
      "first_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "petition_briefing_pkey" PRIMARY KEY ("petition_id", "target_id"),
      CONSTRAINT "petition_briefing_petition_id_fkey" FOREIGN KEY ("petition_id")
        REFERENCES "petition"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT "petition_briefing_target_id_fkey" FOREIGN KEY ("target_id")
        REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "petition_briefing"`);
  }
}
