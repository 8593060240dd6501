import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows reach the mail queue through the worker's relay (OutboxRelay) instead of being queued
 * by the process that wrote them: `queued_at` is when the relay handed a row to the queue (null:
 * not yet), and every INSERT notifies the relay (one notification per statement, sent on commit).
 * Rows written before this migration were queued by their writer: they keep the time it ran.
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
    await q.query(`CREATE FUNCTION outbox_message_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_message', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_message_written AFTER INSERT ON "outbox_message"
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_written()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_message_written ON "outbox_message"`);
    await q.query(`DROP FUNCTION outbox_message_written()`);
    await q.query(`DROP INDEX "outbox_message_unqueued_idx"`);
    await q.query(`ALTER TABLE "outbox_message" DROP COLUMN "queued_at"`);
  }
}
