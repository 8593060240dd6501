import { DataSource } from 'typeorm';
import { preparedQuery } from '@app/core';
import { PetitionsModule } from '@app/petitions';
import { DomainHarness } from '../support/domain-harness';

/**
 * preparedQuery (the public writes' statements, issue 15) gives the rows DataSource.query gives,
 * and PostgreSQL parses and plans the statement once per connection: the second run on a
 * connection executes the statement prepared by the first.
 */
describe('preparedQuery (real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;

  beforeAll(async () => {
    harness = await DomainHarness.start([PetitionsModule]);
    db = harness.db;
  });
  afterAll(() => harness.stop());

  it('returns the rows DataSource.query returns: numbers, arrays, JSON, nulls', async () => {
    const text = `SELECT $1::int AS n, $2::text[] AS words, json_build_object('a', $1::int) AS j, NULL::text AS nothing`;
    const values = [7, ['one', 'two']];
    expect(await preparedQuery(db, text, values)).toEqual(await db.query(text, values));
    expect(await preparedQuery(db, text, values)).toEqual([
      { n: 7, words: ['one', 'two'], j: { a: 7 }, nothing: null },
    ]);
  });

  it('prepares a statement once per connection and runs it again by its name', async () => {
    const text = `SELECT $1::int + 1 AS next /* prepared-query spec */`;
    // One after another, the pool hands out the connection just released.
    for (let i = 0; i < 3; i++) {
      expect(await preparedQuery<{ next: number }>(db, text, [i])).toEqual([{ next: i + 1 }]);
    }
    const prepared = await preparedQuery<{ name: string; runs: number }>(
      db,
      `SELECT name, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements WHERE statement = $1`,
      [text],
    );
    expect(prepared).toHaveLength(1);
    expect(prepared[0].name).toMatch(/^crm_[0-9a-f]{32}$/);
    expect(prepared[0].runs).toBe(3);
  });

  it('gives PostgreSQL’s error and leaves the connection usable', async () => {
    const text = `SELECT 1 / $1::int AS quotient`;
    await expect(preparedQuery(db, text, [0])).rejects.toThrow('division by zero');
    expect(await preparedQuery(db, text, [1])).toEqual([{ quotient: 1 }]);
  });

  it('the public actions’ functions use generic plans', async () => {
    const rows = await db.query<Array<{ proname: string; proconfig: string[] | null }>>(
      `SELECT proname, proconfig FROM pg_proc WHERE proname IN ('sign_petition', 'rsvp_reply') ORDER BY proname`,
    );
    expect(rows).toEqual([
      { proname: 'rsvp_reply', proconfig: ['plan_cache_mode=force_generic_plan'] },
      { proname: 'sign_petition', proconfig: ['plan_cache_mode=force_generic_plan'] },
    ]);
  });
});
