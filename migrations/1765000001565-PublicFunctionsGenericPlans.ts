import { MigrationInterface, QueryRunner } from 'typeorm';

const SIGN_PETITION = `sign_petition(text, double precision, uuid, text[], int, int, text, text, text, text,
  text, boolean, boolean, text)`;
const RSVP_REPLY = `rsvp_reply(text, double precision, uuid, timestamptz, text, citext, text, text, boolean, text,
  text, text, text)`;

/**
 * The public actions' functions plan their statements once per connection (issue 15). PL/pgSQL
 * keeps each statement's plan, but with the default plan_cache_mode PostgreSQL plans a query with
 * parameters afresh on every call for as long as it judges a fresh plan better than the generic
 * one, and for the limits and places counts it always did: planning was a tenth of PostgreSQL's
 * CPU for a signing. Each of these statements has one sensible plan whatever the values (an index
 * lookup by petition and client address, by event, by key), so the generic plan is the plan.
 */
export class PublicFunctionsGenericPlans1765000001565 implements MigrationInterface {
  name = 'PublicFunctionsGenericPlans1765000001565';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${SIGN_PETITION} SET plan_cache_mode = force_generic_plan`);
    await q.query(`ALTER FUNCTION ${RSVP_REPLY} SET plan_cache_mode = force_generic_plan`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${SIGN_PETITION} RESET plan_cache_mode`);
    await q.query(`ALTER FUNCTION ${RSVP_REPLY} RESET plan_cache_mode`);
  }
}
