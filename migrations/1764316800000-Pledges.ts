import { MigrationInterface, QueryRunner } from 'typeorm';

const COMMITMENTS: Array<[string, string, string]> = [
  [
    'welfare-space',
    'A welfare space',
    'A calm, staffed place where anyone who feels unwell can rest and be looked after.',
  ],
  [
    'naloxone-on-site',
    'Naloxone kept on site',
    'Naloxone is kept where staff can reach it quickly, and they know how to use it.',
  ],
  [
    'staff-overdose-training',
    'Staff trained in overdose response',
    'Staff have been trained to recognise and respond to an overdose; the pledge says how many and when.',
  ],
  [
    'drug-checking-signposting',
    'Signposting to drug checking',
    'People are told where they can have substances checked.',
  ],
  ['free-water', 'Free drinking water', 'Free drinking water is available to everyone, all night.'],
  [
    'harm-reduction-information',
    'Harm-reduction information displayed',
    'Clear, non-judgemental information on reducing harm is on display.',
  ],
  [
    'welfare-first',
    'Welfare first',
    'Nobody is ejected into danger, and nobody is handed over to the police for possession: their welfare comes first.',
  ],
  ['welfare-lead', 'A named welfare lead', 'A named person on every shift is responsible for welfare.'],
];

/** Venue pledges: the commitment catalogue (seeded), venues, pledges and their history. */
export class Pledges1764316800000 implements MigrationInterface {
  name = 'Pledges1764316800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "pledge_commitment" (
        "code" text NOT NULL,
        "title" text NOT NULL,
        "description" text NOT NULL,
        "sort_order" integer NOT NULL DEFAULT 0,
        "retired_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pledge_commitment_pkey" PRIMARY KEY ("code")
      )`);
    for (const [index, [code, title, description]] of COMMITMENTS.entries()) {
      await q.query(
        `INSERT INTO "pledge_commitment" (code, title, description, sort_order) VALUES ($1, $2, $3, $4)`,
        [code, title, description, index],
      );
    }
    await q.query(`
      CREATE TABLE "venue" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "address" text NOT NULL,
        "postcode" text NOT NULL,
        "postcode_district" text NOT NULL,
        "website" text,
"licence_number" text,
        "public_email" text,
        "branch_id" uuid,
        "owner_id" uuid NOT NULL,
        "owner_role" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "venue_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "venue_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE SET NULL,
        CONSTRAINT "venue_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "member"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "venue_branch_idx" ON "venue" ("branch_id")`);
    await q.query(`CREATE INDEX "venue_owner_idx" ON "venue" ("owner_id")`);
    await q.query(`
      CREATE TABLE "pledge" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "venue_id" uuid NOT NULL,
        "status" text NOT NULL,
        "commitments" text array NOT NULL,
        "notes" text NOT NULL DEFAULT '',
        "confirm_token_hash" text,
        "verified_at" timestamptz,
        "expires_at" timestamptz,
        "reminded30_at" timestamptz,
        "reminded7_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pledge_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "pledge_venue_key" UNIQUE ("venue_id"),
        CONSTRAINT "pledge_confirm_token_key" UNIQUE ("confirm_token_hash"),
        CONSTRAINT "pledge_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "pledge_status_expires_idx" ON "pledge" ("status", "expires_at")`);
    await q.query(`
      CREATE TABLE "pledge_decision" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "pledge_id" uuid NOT NULL,
        "action" text NOT NULL,
        "actor_id" uuid,
        "note" text NOT NULL DEFAULT '',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pledge_decision_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "pledge_decision_pledge_id_fkey" FOREIGN KEY ("pledge_id") REFERENCES "pledge"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "pledge_decision_pledge_idx" ON "pledge_decision" ("pledge_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pledge_decision"`);
    await q.query(`DROP TABLE "pledge"`);
    await q.query(`DROP TABLE "venue"`);
    await q.query(`DROP TABLE "pledge_commitment"`);
  }
}
