import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A worker about to hand a message to SMTP leases its outbox row until this time: a pause or
 * cancellation of a mailing leaves a leased row alone (it may be on its way), and another worker
 * (a stalled job run twice) waits for the lease. A worker killed mid-send leaves a lease that
 * simply runs out.
 */
export class OutboxLease1765000001313 implements MigrationInterface {
  name = 'OutboxLease1765000001313';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_message" ADD "leased_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_message" DROP COLUMN "leased_until"`);
  }
}
