import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';
import { Branch } from '@app/branches';
import { dataSourceOptions } from '@app/core';
import { LetterCampaign } from '@app/letters';
import { Member, MemberRole } from '@app/members';
import { ENTITIES, MIGRATIONS } from '@app/migrations';
import { Petition } from '@app/petitions';
import { GeographySet, Target } from '@app/targets';
import { createDatabase, dropDatabase, TestSystem } from '../support/test-system';

const DEMO_SEEDED =
  'Seeded the open petition "drug-checking-in-dundee"; the events "Naloxone training" and "Welfare volunteers’ briefing" (the second full); the verified venue pledges of "The Example Rooms" and "Example Students’ Association".';

describe('the CLI', () => {
  let system: TestSystem;
  let cli: INestApplicationContext;
  const printed: string[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    const { CliModule } = await import('../../apps/cli/src/cli.module.js');
    cli = await NestFactory.createApplicationContext(CliModule, { logger: false });
    jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cli.close();
    await system.stop();
  });

  async function run(name: string, options: Record<string, string> = {}): Promise<void> {
    const { CreateAdminCommand } = await import('../../apps/cli/src/create-admin.command.js');
    const { SeedDemoCommand } = await import('../../apps/cli/src/seed-demo.command.js');
    const { MigrateCommand } = await import('../../apps/cli/src/migrate.command.js');
    const command = {
      'create-admin': CreateAdminCommand,
      'seed-demo': SeedDemoCommand,
      migrate: MigrateCommand,
    }[name];
    await cli.get<CommandRunner>(command!).run([], options);
  }

  it('reports the schema up to date, seeds the demo only once', async () => {
    await run('migrate');
    expect(printed.pop()).toBe('Database schema is up to date.');
    await run('seed-demo');
    await run('seed-demo');
    expect(printed.splice(-5)).toEqual([
      'Seeded 3 demo branches.',
      'Seeded the 2011 boundaries, 129 made-up MSPs (msp.example.org) and the open letter campaign "drug-checking-now".',
      DEMO_SEEDED,
      'Branches exist already; nothing seeded.',
      'A geography set exists already; no demo MSPs seeded.',
    ]);
    const slugs = (await system.db.getRepository(Branch).find({ order: { slug: 'ASC' } })).map((b) => b.slug);
    expect(slugs).toEqual(['dundee', 'edinburgh', 'glasgow']);
    // A newcomer can try the letters at once: a real Dundee postcode finds its eight (made-up) MSPs.
    const preview = await system.graphql<{ previewLetters: Array<{ subject: string }> }>(
      '{ previewLetters(campaignSlug: "drug-checking-now", postcode: "DD4 8TR", fullName: "Sam") { subject } }',
    );
    expect(preview.data?.previewLetters).toHaveLength(8);

    // Something to sign: an open petition, counted, with the signers who chose to be shown.
    const petition = await system.graphql<{
      petition: {
        status: string;
        signatureCount: number;
        recentSignatures: Array<{ firstName: string; postcodeDistrict: string }>;
        signaturesByConstituency: Array<{ key: string; count: number }>;
      };
    }>(
      '{ petition(slug: "drug-checking-in-dundee") { status signatureCount recentSignatures { firstName postcodeDistrict } signaturesByConstituency { key count } } }',
    );
    expect(petition.data?.petition).toEqual({
      status: 'OPEN',
      signatureCount: 5,
      recentSignatures: expect.arrayContaining([
        { firstName: 'Morven', postcodeDistrict: 'DD4' },
        { firstName: 'Callum', postcodeDistrict: 'DD3' },
        { firstName: 'Ravi', postcodeDistrict: 'DD4' },
      ]) as unknown,
      signaturesByConstituency: expect.arrayContaining([{ key: 'Dundee City East', count: 2 }]) as unknown,
    });
    expect(petition.data?.petition.recentSignatures).toHaveLength(3);

    // Two published events in Dundee, soonest first; the second is full, so it offers the waiting list.
    const events = await system.graphql<{
      events: { edges: Array<{ node: { title: string; capacity: number; spacesLeft: number } }> };
    }>('{ events(branchSlug: "dundee") { edges { node { title capacity spacesLeft } } } }');
    expect(events.data?.events.edges.map((edge) => edge.node)).toEqual([
      { title: 'Naloxone training', capacity: 20, spacesLeft: 20 },
      { title: 'Welfare volunteers’ briefing', capacity: 2, spacesLeft: 0 },
    ]);

    // And a directory with two verified venues.
    const venues = await system.graphql<{
      pledgedVenues: { edges: Array<{ node: { name: string; commitments: Array<{ code: string }> } }> };
    }>('{ pledgedVenues(branchSlug: "dundee") { edges { node { name commitments { code } } } } }');
    expect(venues.data?.pledgedVenues.edges.map((edge) => edge.node.name).sort()).toEqual([
      'Example Students’ Association',
      'The Example Rooms',
    ]);
  });

  it('creates an admin and prints a sign-in link that works once', async () => {
    await run('create-admin', { email: 'first.admin@example.org', name: 'First Admin' });
    const link = printed.find((line) => line.includes('/sign-in?token='))!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(link)![1];
    const member = await system.db
      .getRepository(Member)
      .findOneByOrFail({ email: 'first.admin@example.org' });
    expect(await system.db.getRepository(MemberRole).findBy({ memberId: member.id })).toEqual([
      expect.objectContaining({ role: 'ADMIN', branchId: null }),
    ]);
    const session = await system.graphql(
      'mutation($token: String!) { signIn(token: $token) { member { roles { role } } } }',
      {
        token,
      },
    );
    expect(session.data).toEqual({ signIn: { member: { roles: [{ role: 'ADMIN' }] } } });

    // Running it again for the same person changes nothing but prints a fresh link.
    await run('create-admin', { email: 'FIRST.ADMIN@example.org', name: 'First Admin' });
    expect(await system.db.getRepository(MemberRole).countBy({ memberId: member.id })).toBe(1);
    await expect(run('create-admin', { email: 'not-an-email', name: 'X' })).rejects.toThrow(/--email/);
  });

  it('seeds no made-up MSPs or demo campaign in production unless asked (--demo), and says so', async () => {
    const database = await createDatabase();
    const db = new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS));
    const saved = { NODE_ENV: process.env.NODE_ENV, DATABASE_URL: process.env.DATABASE_URL };
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let production: INestApplicationContext | undefined;
    try {
      await db.initialize();
      await db.runMigrations({ transaction: 'each' });
      // As `npm start` with NODE_ENV=production runs it (the configuration is read at start).
      Object.assign(process.env, { NODE_ENV: 'production', DATABASE_URL: database.url });
      delete process.env.SEED_DEMO;
      const { CliModule } = await import('../../apps/cli/src/cli.module.js');
      const { SeedDemoCommand } = await import('../../apps/cli/src/seed-demo.command.js');
      production = await NestFactory.createApplicationContext(CliModule, { logger: false });
      const seed = production.get(SeedDemoCommand);

      await seed.run([], {});
      expect(printed.splice(-2)).toEqual([
        'Seeded 3 demo branches.',
        'No made-up MSPs or demo letter campaign seeded (NODE_ENV=production): import the real MSPs with import-msps. To seed the demo anyway: --demo (npm start -- --demo) or SEED_DEMO=1.',
      ]);
      expect(await db.getRepository(Target).count()).toBe(0);
      expect(await db.getRepository(GeographySet).count()).toBe(0);
      expect(await db.getRepository(LetterCampaign).count()).toBe(0);
      expect(await db.getRepository(Petition).count()).toBe(0);
      expect(warned).not.toHaveBeenCalled();

      await seed.run([], { demo: true });
      expect(printed.splice(-3)).toEqual([
        'Branches exist already; nothing seeded.',
        'Seeded the 2011 boundaries, 129 made-up MSPs (msp.example.org) and the open letter campaign "drug-checking-now".',
        DEMO_SEEDED,
      ]);

      // Started again without --demo, an install seeded before is told its made-up MSPs are active.
      await seed.run([], {});
      expect(warned).toHaveBeenCalledWith(
        'Warning: 129 made-up MSPs (msp.example.org) from an earlier demo seed are active, and letters to them are never delivered: import the real MSPs (import-msps), which take their seats.',
      );
    } finally {
      Object.assign(process.env, saved);
      warned.mockRestore();
      await production?.close();
      await db.destroy();
      await dropDatabase(database.name);
    }
  });
});
