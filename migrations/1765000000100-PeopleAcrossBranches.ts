import { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalEmail } from '@app/core';

/**
 * A branch's records of people are its own: provisional member records (an address the campaign
 * knows elsewhere, recorded by a branch, kept apart until the person confirms), and RSVPs that keep
 * what was given with them (name, address, the address in canonical form for one reply per person),
 * with a count of "you had already replied" notices.
 */
export class PeopleAcrossBranches1765000000100 implements MigrationInterface {
  name = 'PeopleAcrossBranches1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" ADD "provisional" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "member_email_key"`);
    await q.query(`CREATE UNIQUE INDEX "member_email_key" ON "member" ("email") WHERE NOT "provisional"`);
    await q.query(
      `CREATE UNIQUE INDEX "member_provisional_key" ON "member" ("branch_id", "email") WHERE "provisional"`,
    );

    await q.query(`
      ALTER TABLE "rsvp"
        ADD "full_name" text,
        ADD "email" citext,
        ADD "email_canonical" text,
        ADD "repeat_notices" integer NOT NULL DEFAULT 0`);
    // Replies made before this kept nothing of their own: the member record's name is the best there is.
    const rows = (await q.query(
      `SELECT r.id, r.event_id, m.email::text AS email, m.full_name
       FROM rsvp r JOIN member m ON m.id = r.member_id ORDER BY r.event_id, r.queued_at, r.id`,
    )) as Array<{ id: string; event_id: string; email: string; full_name: string }>;
    const seen = new Set<string>();
    const keys = rows.map((r) => {
      // Two old replies of one person (in canonical form) to one event keep distinct keys.
      const canonical = canonicalEmail(r.email);
      const key = seen.has(`${r.event_id} ${canonical}`) ? `${canonical}#${r.id}` : canonical;
      seen.add(`${r.event_id} ${canonical}`);
      return key;
    });
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await q.query(
        `UPDATE "rsvp" r SET "full_name" = b.full_name, "email" = b.email, "email_canonical" = b.canonical
         FROM unnest($1::uuid[], $2::text[], $3::citext[], $4::text[]) AS b(id, full_name, email, canonical)
         WHERE r.id = b.id`,
        [
          batch.map((r) => r.id),
          batch.map((r) => r.full_name),
          batch.map((r) => r.email),
          keys.slice(i, i + 1000),
        ],
      );
    }
    await q.query(`
      ALTER TABLE "rsvp"
        ALTER "full_name" SET NOT NULL,
        ALTER "email" SET NOT NULL,
        ALTER "email_canonical" SET NOT NULL,
        ADD CONSTRAINT "rsvp_event_email_key" UNIQUE ("event_id", "email_canonical")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "rsvp"
        DROP CONSTRAINT "rsvp_event_email_key",
        DROP "repeat_notices", DROP "email_canonical", DROP "email", DROP "full_name"`);
    // The old schema has one record per address: provisional records (and their replies) go.
    await q.query(`DELETE FROM "member" WHERE "provisional"`);
    await q.query(`DROP INDEX "member_provisional_key"`);
    await q.query(`DROP INDEX "member_email_key"`);
    await q.query(`ALTER TABLE "member" ADD CONSTRAINT "member_email_key" UNIQUE ("email")`);
    await q.query(`ALTER TABLE "member" DROP "provisional"`);
  }
}
