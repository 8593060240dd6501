import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows reach the mail queue through the worker's relay (OutboxRelay) instead of being queued
 * by the process that wrote them: `queued_at` is when the relay handed a row to the queue (null:
 * not yet), found by the relay's short poll through a partial index of the rows not yet queued.
 * Rows written before this migration were queued by their writer: they keep the time it ran.
 * (No NOTIFY trigger: PostgreSQL serialises the commits of transactions that notify, which halved
 * the commit rate of concurrent writers when it was tried.)
 */
export class OutboxRelay1765000001515 implements MigrationInterface {
  name = 'OutboxRelay1765000001515';

  async up(q: QueryRunner): Promise<void> {
    // A constant default fills the existing rows without rewriting the table; new rows get null.
    await q.query(`ALTER TABLE "outbox_message" ADD "queued_at" TIMESTAMP WITH TIME ZONE DEFAULT now()`);
    await q.query(`ALTER TABLE "outbox_message" ALTER COLUMN "queued_at" DROP DEFAULT`);
    await q.query(
      `CREATE INDEX "outbox_message_unqueued_idx" ON "outbox_message" ("created_at") WHERE "queued_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "outbox_message_unqueued_idx"`);
    await q.query(`ALTER TABLE "outbox_message" DROP COLUMN "queued_at"`);
  }
}
