import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `mail_cap_kind`: the kind under which the per-address mail cap counts the message when the
 * worker's relay queues it (AddressMailCap), instead of where it was written; null: not counted
 * there (counted by its writer, or not a public action's mail). A signing writes its confirmation
 * in the one statement that signs, before it can know whether the cap allows it; the relay gives up
 * what the cap refuses (FAILED, never sent).
 */
export class OutboxMailCap1765000001535 implements MigrationInterface {
  name = 'OutboxMailCap1765000001535';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_message" ADD "mail_cap_kind" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_message" DROP COLUMN "mail_cap_kind"`);
  }
}
