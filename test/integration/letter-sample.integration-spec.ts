import type { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { LetterRepository, LettersModule, SampledSignature } from '@app/letters';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { DomainHarness } from '../support/domain-harness';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/**
 * The near-copy check's sample (the latest few confirmed letters to each target) reads those few,
 * however many letters are still awaiting confirmation: during a surge of writers who have not
 * confirmed yet it once walked back past every one of them on each writing.
 */
describe("the letters' near-copy sample (real database)", () => {
  let harness: DomainHarness;
  let db: DataSource;

  beforeAll(async () => {
    harness = await DomainHarness.start([LettersModule]);
    db = harness.db;
  });
  afterAll(() => harness.stop());

  it('reads the confirmed letters it samples, not the 2,000 newer ones awaiting confirmation', async () => {
    const target = await createTarget(db);
    const campaign = await createOpenLetterCampaign(db, { targetIds: [target.id] });
    const letter = (status: string, n: number, ageSeconds: number) =>
      db.query(
        `INSERT INTO letter (campaign_id, target_id, full_name, email, email_canonical, postcode, subject, body,
           status, minhash, created_at)
         VALUES ($1, $2, 'Writer', $3, $3, 'DD1 1AA', 'Drug checking', 'Please fund it.', $4,
           ARRAY[1, 2, 3], now() - make_interval(secs => $5))`,
        [campaign.id, target.id, `writer-${status}-${n}@example.org`, status, ageSeconds],
      );
    for (let n = 0; n < 5; n += 1) {
      await letter('QUEUED', n, 3_600 + n);
    }
    await db.query(
      `INSERT INTO letter (campaign_id, target_id, full_name, email, email_canonical, postcode, subject, body,
         status, minhash)
       SELECT $1, $2, 'Writer', 'waiting-' || n || '@example.org', 'waiting-' || n || '@example.org', 'DD1 1AA',
         'Drug checking', 'Please fund it.', 'AWAITING_CONFIRMATION', ARRAY[1, 2, 3]
       FROM generate_series(1, 2000) AS n`,
      [campaign.id, target.id],
    );
    await db.query('ANALYZE letter');

    // The repository's own statement, as it runs it, explained with what it actually read.
    const repository = harness.get(LetterRepository);
    const source = (repository as unknown as { dataSource: DataSource }).dataSource;
    // Watched on the connection the pool hands out: the statement runs prepared (preparedQuery),
    // not through DataSource.query.
    const pool = (source.driver as PostgresDriver).master as Pool;
    const statements: Array<[string, unknown[]]> = [];
    const watched: Array<() => void> = [];
    const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
    const spy = jest.spyOn(pool, 'connect').mockImplementation((async () => {
      const client = await connect();
      // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, below
      const query = client.query;
      client.query = ((...args: unknown[]) => {
        const [first, values] = args;
        const config = (typeof first === 'string' ? { text: first, values } : first) as QueryConfig;
        statements.push([config.text, config.values ?? []]);
        return (query as (...a: unknown[]) => unknown).apply(client, args);
      }) as typeof client.query;
      watched.push(() => {
        client.query = query;
      });
      return client;
    }) as never);
    let sample: Map<string, SampledSignature[]>;
    try {
      sample = await repository.recentSignatures(campaign.id, [target.id], 3);
    } finally {
      spy.mockRestore();
      watched.forEach((restore) => restore());
    }
    expect(sample.get(target.id)).toHaveLength(3);
    expect(statements).toHaveLength(1);
    const [[{ 'QUERY PLAN': explained }]] = [
      await db.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${statements[0][0]}`,
        statements[0][1],
      ),
    ];
    const plan = nodes(explained[0].Plan);
    // Past the awaiting letters by filter: 2,000 removed through the (campaign, target, created) index.
    const removed = plan.reduce((sum, node) => sum + (node['Rows Removed by Filter'] ?? 0), 0);
    expect(removed).toBeLessThan(10);
    expect(plan.some((node) => node['Index Name'] === 'letter_confirmed_sample_idx')).toBe(true);
  });
});
