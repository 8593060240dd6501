import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditEvent, dataSourceOptions } from '@app/core';
import { ENTITIES, MIGRATIONS } from '@app/migrations';
import {
  ImportReport,
  ScottishParliamentImportService,
  scottishParliamentData,
  Target,
  TargetsImportService,
} from '@app/targets';
import { createMember, signIn } from '../factories';
import { importScotland, mspCsv } from '../support/scotland';
import { createDatabase, dropDatabase, TestSystem } from '../support/test-system';

type Row = Record<string, unknown>;
type Representative = { kind: string; name: string };

const HEADER = 'kind,name,email,constituency_code,region_code';
const csv = (...lines: string[]): string => `${HEADER}\n${lines.join('\n')}\n`;

/** The Scottish Parliament fixture files by name (without .json). */
async function spFiles(): Promise<Record<string, Row[]>> {
  const dir = join(__dirname, '../fixtures/scottish-parliament');
  const names = (await readdir(dir)).filter((name) => name !== 'fixups.json');
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => [
        name.replace(/\.json$/, ''),
        JSON.parse(await readFile(join(dir, name), 'utf8')) as Row[],
      ]),
    ),
  ) as Record<string, Row[]>;
}

/**
 * "One current constituency MSP per constituency, seven current list MSPs per region", whatever
 * writes MSPs (a targets CSV from the CLI or uploaded, the Scottish Parliament's data, two at once),
 * and `representatives` never answers more than one and seven.
 */
describe('MSP seats', () => {
  let system: TestSystem;
  let imports: TargetsImportService;
  let adminToken: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    imports = system.api.get(TargetsImportService);
    adminToken = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    await importScotland(system);
  });
  // The made-up MSPs list every seat, so importing them again gives each seat back to them.
  beforeEach(async () => {
    const reset = await imports.importTargets(Readable.from([mspCsv()]));
    expect(reset).toMatchObject({ rejected: [] });
  });
  afterAll(() => system.stop());

  const upload = (content: string) =>
    system
      .http()
      .post('/admin/imports/targets')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'text/csv')
      .send(content);

  const importCsv = (content: string): Promise<ImportReport> =>
    imports.importTargets(Readable.from([content]));

  /** Emails of the active MSPs in a seat, sorted. */
  const holders = async (kind: 'MSP_CONSTITUENCY' | 'MSP_REGIONAL', code: string): Promise<string[]> =>
    (
      await system.db.query<Array<{ email: string }>>(
        `SELECT email FROM target WHERE active AND kind = $1
           AND (CASE kind WHEN 'MSP_CONSTITUENCY' THEN constituency_code ELSE region_code END) = $2
         ORDER BY email`,
        [kind, code],
      )
    ).map((r) => r.email);

  /** Seats with more active MSPs than they have, anywhere in the table. */
  const overfull = (): Promise<unknown[]> =>
    system.db.query(
      `SELECT kind, coalesce(constituency_code, region_code) AS code, count(*)::int AS held FROM target
       WHERE active AND kind IN ('MSP_CONSTITUENCY', 'MSP_REGIONAL')
       GROUP BY kind, coalesce(constituency_code, region_code)
       HAVING count(*) > CASE kind WHEN 'MSP_CONSTITUENCY' THEN 1 ELSE 7 END`,
    );

  const representatives = async (postcode: string): Promise<Representative[]> => {
    const res = await system.graphql<{ representatives: Representative[] }>(
      'query($p: String!) { representatives(postcode: $p) { kind name } }',
      { p: postcode },
    );
    return res.data!.representatives;
  };

  it('gives a constituency to an MSP at another address (uploaded): the holder is made inactive and reported', async () => {
    const res = await upload(
      csv(
        'MSP_CONSTITUENCY,Ann Example,ann.example@parliament.example.org,S16000074,',
        'MSP_CONSTITUENCY,Bob Example,bob.example@parliament.example.org,S16000074,',
      ),
    ).expect(200);
    expect(res.body).toEqual({
      created: 1,
      updated: 0,
      rejected: [
        {
          line: 3,
          reason:
            'Bob Example: a second MSP for constituency Aberdeen Central (S16000074) (line 2 gives one); a constituency has one MSP',
        },
      ],
      warnings: [
        'Ann Example (line 2) is now the MSP for constituency Aberdeen Central (S16000074), in place of MSP for Aberdeen Central (s16000074@msp.example.org), who is made inactive.',
      ],
    });
    expect(await holders('MSP_CONSTITUENCY', 'S16000074')).toEqual(['ann.example@parliament.example.org']);
    // Nothing is lost: the former holder is kept, inactive; the refused one was never written.
    expect(
      await system.db.getRepository(Target).findOneBy({ email: 's16000074@msp.example.org' }),
    ).toMatchObject({ active: false });
    expect(
      await system.db.getRepository(Target).existsBy({ email: 'bob.example@parliament.example.org' }),
    ).toBe(false);
    // AB2 1DD (Aberdeen Central, North East Scotland): eight people, not nine.
    const found = await representatives('AB2 1DD');
    expect(found).toHaveLength(8);
    expect(found.filter((t) => t.kind === 'MSP_CONSTITUENCY')).toEqual([
      { kind: 'MSP_CONSTITUENCY', name: 'Ann Example' },
    ]);
  });

  it('changes a region’s list by name or as a whole, and refuses anything else with the reason, changing nothing', async () => {
    const northEast = await holders('MSP_REGIONAL', 'S17000014');
    expect(northEast).toHaveLength(7);

    // One more list MSP for a full region: which of the seven has gone cannot be known.
    const extra = await importCsv(
      csv('MSP_REGIONAL,Cat Newcomer,cat.newcomer@parliament.example.org,,S17000014'),
    );
    expect(extra).toMatchObject({ created: 0, updated: 0, warnings: [] });
    expect(extra.rejected).toEqual([
      {
        line: 2,
        reason: expect.stringContaining(
          'Cat Newcomer: region North East Scotland (S17000014) has 7 list MSPs already, and a region has seven.',
        ) as string,
      },
    ]);
    expect(await holders('MSP_REGIONAL', 'S17000014')).toEqual(northEast);
    expect(
      await system.db.getRepository(Target).existsBy({ email: 'cat.newcomer@parliament.example.org' }),
    ).toBe(false);

    // The same name at a new address: a corrected address for that seat.
    const corrected = await importCsv(
      csv('MSP_REGIONAL,List MSP 3 S17000014,list.three@parliament.example.org,,S17000014'),
    );
    expect(corrected).toMatchObject({ created: 1, rejected: [] });
    expect(corrected.warnings).toEqual([
      'List MSP 3 S17000014 (line 2) has a new address (list.three@parliament.example.org) as a list MSP for region North East Scotland (S17000014); the target at s17000014-3@msp.example.org is made inactive.',
    ]);
    expect(await holders('MSP_REGIONAL', 'S17000014')).toEqual(
      northEast
        .map((e) => (e === 's17000014-3@msp.example.org' ? 'list.three@parliament.example.org' : e))
        .sort(),
    );

    // The region's seven together replace its list; an eighth in the same file is refused.
    const lothian = Array.from(
      { length: 8 },
      (_, i) => `MSP_REGIONAL,Lothian Member ${i + 1},lothian.${i + 1}@parliament.example.org,,S17000012`,
    );
    const whole = await importCsv(csv(...lothian));
    expect(whole).toMatchObject({ created: 7, updated: 0 });
    expect(whole.rejected).toEqual([
      {
        line: 9,
        reason:
          'Lothian Member 8: an eighth list MSP for region Lothian (S17000012) (lines 2, 3, 4, 5, 6, 7, 8 give seven); a region has seven',
      },
    ]);
    expect(whole.warnings).toHaveLength(7);
    expect(whole.warnings[0]).toBe(
      'The seven list MSPs imported for region Lothian (S17000012) (lines 2, 3, 4, 5, 6, 7, 8) replace List MSP 1 S17000012 (s17000012-1@msp.example.org), who is made inactive.',
    );
    expect(await holders('MSP_REGIONAL', 'S17000012')).toEqual(
      Array.from({ length: 7 }, (_, i) => `lothian.${i + 1}@parliament.example.org`).sort(),
    );

    // An MSP must sit in the active geography set.
    const nowhere = await importCsv(
      csv('MSP_CONSTITUENCY,Dee Nowhere,dee@parliament.example.org,S16099999,'),
    );
    expect(nowhere.rejected).toEqual([
      { line: 2, reason: 'Dee Nowhere: constituency S16099999 is not in the active geography set "sp2011"' },
    ]);
    expect(await overfull()).toEqual([]);
    expect(await representatives('AB2 1DD')).toHaveLength(8);
  });

  it('lets the Parliament’s data take the seats of MSPs it does not know, even when some of it is rejected', async () => {
    const report = await system.api
      .get(ScottishParliamentImportService)
      .importMsps(scottishParliamentData(await spFiles()));
    // Two people could not be placed (no address; a code not in the set): the import is partial.
    expect(report.rejected).toHaveLength(2);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        'Morag Baird (PersonID 101) is now the MSP for constituency Aberdeen Central (S16000074), in place of MSP for Aberdeen Central (s16000074@msp.example.org), who is made inactive.',
        expect.stringMatching(
          /^List MSP \d S17000012 \(s17000012-\d@msp\.example\.org\) is not a list MSP in the imported data, and is made inactive to make room in region Lothian \(S17000012\)/,
        ) as string,
      ]),
    );
    expect(await holders('MSP_CONSTITUENCY', 'S16000074')).toEqual([
      'Morag.Baird.msp@parliament.example.org',
    ]);
    const lothian = await holders('MSP_REGIONAL', 'S17000012');
    expect(lothian).toHaveLength(7);
    expect(lothian).toEqual(
      expect.arrayContaining([
        'mhairi.hughes.msp@parliament.example.org',
        'niall.irvine.msp@parliament.example.org',
      ]),
    );
    expect(await overfull()).toEqual([]);
    const found = await representatives('AB2 1DD');
    expect(found).toHaveLength(8);
    expect(found.map((t) => t.name)).toEqual(expect.arrayContaining(['Morag Baird', 'Sandy Cameron']));
  });

  it('keeps the seats right when imports run at once', async () => {
    const file = (who: string): string =>
      csv(
        `MSP_CONSTITUENCY,Parallel ${who},parallel.${who}@parliament.example.org,S16000075,`,
        ...Array.from(
          { length: 7 },
          (_, i) => `MSP_REGIONAL,Mid ${who} ${i + 1},mid.${who}.${i + 1}@parliament.example.org,,S17000013`,
        ),
      );
    const [a, b, c] = await Promise.all([
      upload(file('a')),
      upload(file('b')),
      upload(file('c')),
      system.api.get(ScottishParliamentImportService).importMsps(scottishParliamentData(await spFiles())),
    ]);
    for (const res of [a, b, c]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 8, rejected: [] });
    }
    expect(await overfull()).toEqual([]);
    const [holder] = await holders('MSP_CONSTITUENCY', 'S16000075');
    const who = /^parallel\.(\w)@/.exec(holder)![1];
    expect(await holders('MSP_REGIONAL', 'S17000013')).toEqual(
      Array.from({ length: 7 }, (_, i) => `mid.${who}.${i + 1}@parliament.example.org`).sort(),
    );
    // AB24 2BQ is in Aberdeen Donside.
    expect(await representatives('AB24 2BQ')).toHaveLength(8);
  });

  it('has the database refuse a second constituency MSP, and answers no more than one and seven', async () => {
    const insert = (kind: string, email: string, constituency: string | null, region: string | null) =>
      system.db.query(
        `INSERT INTO target (kind, name, email, constituency_code, region_code) VALUES ($1, $2, $3, $4, $5)`,
        [kind, email, email, constituency, region],
      );
    await expect(insert('MSP_CONSTITUENCY', 'second@example.org', 'S16000074', null)).rejects.toMatchObject({
      code: '23505',
      constraint: 'target_one_constituency_msp',
    });
    // Written past the imports, an eighth list MSP is not answered.
    await insert('MSP_REGIONAL', 'eighth@example.org', null, 'S17000014');
    try {
      const found = await representatives('AB2 1DD');
      expect(found).toHaveLength(8);
      expect(found.filter((t) => t.kind === 'MSP_REGIONAL')).toHaveLength(7);
    } finally {
      await system.db.query(`DELETE FROM target WHERE email = 'eighth@example.org'`);
    }
  });
});

describe('the migration to one MSP per seat', () => {
  it('keeps the most recently imported holders of an overfull seat, and lists the others in the audit log', async () => {
    const database = await createDatabase();
    const earlier = MIGRATIONS.filter((m) => new m().name !== 'OneMspPerSeat1765000000500');
    const before = new DataSource(dataSourceOptions(database.url, ENTITIES, earlier));
    const after = new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS));
    try {
      await before.initialize();
      await before.runMigrations({ transaction: 'each' });
      // As an import could leave it: two holders of one constituency, nine list MSPs in one region.
      const rows = [
        ['MSP_CONSTITUENCY', 'old@example.org', 'S16000074', null, 2],
        ['MSP_CONSTITUENCY', 'new@example.org', 'S16000074', null, 1],
        ...Array.from({ length: 9 }, (_, i) => [
          'MSP_REGIONAL',
          `list${i}@example.org`,
          null,
          'S17000014',
          i,
        ]),
      ];
      for (const [kind, email, constituency, region, daysAgo] of rows) {
        await before.query(
          `INSERT INTO target (kind, name, email, constituency_code, region_code, updated_at)
           VALUES ($1, $2::text, $2::text, $3, $4, now() - make_interval(days => $5))`,
          [kind, email, constituency, region, daysAgo],
        );
      }
      await before.destroy();
      await after.initialize();
      expect(await after.runMigrations({ transaction: 'each' })).toHaveLength(1);
      const inactive = await after.query<Array<{ email: string }>>(
        `SELECT email FROM target WHERE NOT active ORDER BY email`,
      );
      expect(inactive.map((r) => r.email)).toEqual([
        'list7@example.org',
        'list8@example.org',
        'old@example.org',
      ]);
      const [audit] = await after.getRepository(AuditEvent).findBy({ action: 'targets.msp-seats-repaired' });
      expect(audit).toMatchObject({ rowCount: 3 });
    } finally {
      if (before.isInitialized) {
        await before.destroy();
      }
      if (after.isInitialized) {
        await after.destroy();
      }
      await dropDatabase(database.name);
    }
  });
});
