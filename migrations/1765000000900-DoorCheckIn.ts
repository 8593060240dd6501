import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-in at the door: a QR check-in code per RSVP (only its hash kept, as for every emailed
 * token), and the idempotency keys of check-ins so a phone replaying its offline queue counts each
 * person once (the primary key is the rule: the same key twice is the same check-in).
 */
export class DoorCheckIn1765000000900 implements MigrationInterface {
  name = 'DoorCheckIn1765000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rsvp" ADD "check_in_code_hash" text`);
    await q.query(`ALTER TABLE "rsvp" ADD CONSTRAINT "rsvp_check_in_code_key" UNIQUE ("check_in_code_hash")`);
    await q.query(`
      CREATE TABLE "check_in_key" (
        "idempotency_key" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "rsvp_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "check_in_key_pkey" PRIMARY KEY ("idempotency_key"),
        CONSTRAINT "check_in_key_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE,
        CONSTRAINT "check_in_key_rsvp_id_fkey" FOREIGN KEY ("rsvp_id") REFERENCES "rsvp"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "check_in_key_rsvp_id_idx" ON "check_in_key" ("rsvp_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "check_in_key"`);
    await q.query(`ALTER TABLE "rsvp" DROP CONSTRAINT "rsvp_check_in_code_key"`);
    await q.query(`ALTER TABLE "rsvp" DROP COLUMN "check_in_code_hash"`);
  }
}
