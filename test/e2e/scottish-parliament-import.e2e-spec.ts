import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createReadStream, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AuditEvent } from '@app/core';
import { Member } from '@app/members';
import {
  ScottishParliamentImportService,
  scottishParliamentData,
  Target,
  TargetsImportService,
} from '@app/targets';
import { createMember, signIn } from '../factories';
import { scotland } from '../support/scotland';
import { TestSystem } from '../support/test-system';

const fixtures = join(__dirname, '../fixtures');
const spDir = join(fixtures, 'scottish-parliament');
type Row = Record<string, unknown>;

/** The eight fixture files by name (without .json), as the upload's body takes them. */
async function spFiles(): Promise<Record<string, Row[]>> {
  const names = (await readdir(spDir)).filter((name) => name !== 'fixups.json');
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => [
        name.replace(/\.json$/, ''),
        JSON.parse(await readFile(join(spDir, name), 'utf8')) as Row[],
      ]),
    ),
  ) as Record<string, Row[]>;
}

const FIXUPS = JSON.parse(readFileSync(join(spDir, 'fixups.json'), 'utf8')) as Row;

describe('MSPs from the Scottish Parliament open data, and the admin import uploads', () => {
  let system: TestSystem;
  let msps: ScottishParliamentImportService;
  let admin: Member;
  let adminToken: string;

  const target = (email: string, kind = 'MSP_CONSTITUENCY'): Promise<Target | null> =>
    system.db.getRepository(Target).findOneBy({ email, kind: kind as Target['kind'] });

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    msps = system.api.get(ScottishParliamentImportService);
    admin = await createMember(system.db, { roles: [{ role: 'ADMIN' }] });
    adminToken = await signIn(system, admin);
  });
  afterAll(() => system.stop());

  it('imports the current MSPs, fixes known wrong codes, rejects what it cannot place, and re-imports', async () => {
    const geography = await system.api
      .get(TargetsImportService)
      .importGeography(createReadStream(scotland('sp2011-geography.csv')), 'sp2011', true);
    expect(geography).toMatchObject({ created: 73, rejected: [], warnings: [] });
    // An MSP target from elsewhere (not in the Parliament's data) is never touched by the import.
    await system.api
      .get(TargetsImportService)
      .importTargets(
        Readable.from([
          'kind,name,email,constituency_code\nMSP_CONSTITUENCY,Other MSP,other.msp@example.org,S16000076\n',
        ]),
      );
    const logged = [
      jest.spyOn(console, 'log').mockImplementation(() => undefined),
      jest.spyOn(console, 'info').mockImplementation(() => undefined),
      jest.spyOn(console, 'warn').mockImplementation(() => undefined),
    ];

    // An earlier state of the data: Hamish Ewing still held his seat and Morag Baird was Labour.
    const files = await spFiles();
    const earlier = structuredClone(files);
    earlier.MemberElectionConstituencyStatuses.find((s) => s.PersonID === 104)!.ValidUntilDate = null;
    earlier.MemberParties.find((p) => p.ID === 305)!.ValidUntilDate = null;
    earlier.MemberParties = earlier.MemberParties.filter((p) => p.ID !== 302);
    earlier.MemberParties.find((p) => p.ID === 301)!.ValidUntilDate = null;
    const first = await msps.importMsps(scottishParliamentData(earlier));
    expect(first).toMatchObject({ created: 6, updated: 0 });
    expect(first.rejected).toEqual([
      { line: 4, reason: 'Kirsty Fraser (PersonID 105): no active email address' },
      {
        line: 5,
        reason: expect.stringContaining(
          'Lewis Grant (PersonID 106): constituency Aberdeen Donside has code S16000999, which is not in the active geography set "sp2011"',
        ) as string,
      },
    ]);
    expect(first.warnings).toEqual([
      'There are 4 constituency and 3 regional MSPs; the Scottish Parliament has 73 and 56 (a difference of -69 and -53).',
    ]);
    expect(await target('hamish.ewing.msp@parliament.example.org')).toMatchObject({ active: true });
    expect(await target('Morag.Baird.msp@parliament.example.org')).toMatchObject({
      party: 'Scottish Labour',
    });

    // The data as it is now: re-importing updates by email + kind, and the MSP who left is inactive.
    const now = await msps.importMsps(scottishParliamentData(files));
    expect(now).toMatchObject({ created: 0, updated: 5 });
    expect(now.rejected).toHaveLength(2);
    expect(now.warnings).toEqual([
      '1 MSP target made inactive: no longer holding that seat.',
      'There are 3 constituency and 3 regional MSPs; the Scottish Parliament has 73 and 56 (a difference of -70 and -53).',
    ]);
    for (const spy of logged) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }

    const rows = await system.db
      .getRepository(Target)
      .find({ where: { organisation: 'Scottish Parliament' }, order: { name: 'ASC' } });
    expect(
      rows.map((t) => [t.name, t.kind, t.party, t.constituencyCode, t.regionCode, t.email, t.active]),
    ).toEqual([
      [
        'Hamish Ewing',
        'MSP_CONSTITUENCY',
        'Scottish National Party',
        'S16000130',
        null,
        'hamish.ewing.msp@parliament.example.org',
        false,
      ],
      // Glasgow Provan: S16000120 in the Parliament's data, S16000147 by the built-in fix-up.
      [
        'Isla Dunn',
        'MSP_CONSTITUENCY',
        'Scottish Labour',
        'S16000147',
        null,
        'isla.dunn.msp@parliament.example.org',
        true,
      ],
      // PreferredName as given in full.
      [
        'Mhairi Hughes',
        'MSP_REGIONAL',
        'Scottish Green Party',
        null,
        'S17000012',
        'mhairi.hughes.msp@parliament.example.org',
        true,
      ],
      // The active default address, not the inactive one; the party changed from Labour to SNP.
      [
        'Morag Baird',
        'MSP_CONSTITUENCY',
        'Scottish National Party',
        'S16000074',
        null,
        'Morag.Baird.msp@parliament.example.org',
        true,
      ],
      // A party missing from Parties, named by the built-in fix-up.
      [
        'Niall Irvine',
        'MSP_REGIONAL',
        'Reform UK',
        null,
        'S17000012',
        'niall.irvine.msp@parliament.example.org',
        true,
      ],
      // PreferredName "Sandy" for ParliamentaryName "Cameron, Alasdair James"; no default address: the first active one.
      [
        'Sandy Cameron',
        'MSP_REGIONAL',
        'Scottish Conservative and Unionist Party',
        null,
        'S17000014',
        'sandy.cameron.msp@parliament.example.org',
        true,
      ],
    ]);
    expect(rows.every((t) => t.title === 'MSP')).toBe(true);
    expect(await target('other.msp@example.org')).toMatchObject({ active: true });
    // Imports from the service (the CLI) are audited without an actor.
    expect(
      await system.db
        .getRepository(AuditEvent)
        .find({ where: { action: 'msps.import' }, order: { createdAt: 'ASC' } }),
    ).toEqual([
      expect.objectContaining({ actorId: null, rowCount: 6 }),
      expect.objectContaining({ actorId: null, rowCount: 5 }),
    ]);
  });

  it('takes the Parliament files as one JSON upload from admins only, with a fix-up table, and audits it', async () => {
    const files = await spFiles();
    const body: Record<string, unknown> = { ...files, fixups: FIXUPS };
    // Thousands of former members: larger than the default JSON limit of 100 kB.
    for (let n = 0; n < 2000; n += 1) {
      files.Members.push({
        PersonID: 10_000 + n,
        ParliamentaryName: `Former, Member ${n}`,
        PreferredName: null,
        IsCurrent: false,
        Notes: 'Served in an earlier session.',
      });
    }
    expect(JSON.stringify(body).length).toBeGreaterThan(150_000);
    const upload = (token: string | null, payload: unknown = body) => {
      const req = system.http().post('/admin/imports/msps');
      return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(payload as object);
    };

    await upload(null, {}).expect(401);
    // Only this route takes large bodies, and only from admins: elsewhere the limit stays 100 kB.
    await system.http().post('/graphql').send(body).expect(413);
    await upload(null).expect(401);
    const member = await signIn(system, await createMember(system.db));
    expect((await upload(member, {}).expect(403)).body).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ALLOWED',
    });
    expect(
      (
        await system
          .http()
          .post('/admin/imports/msps')
          .set('Authorization', `Bearer ${adminToken}`)
          .set('Content-Type', 'text/csv')
          .send('Members\n')
          .expect(400)
      ).body,
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'Content-Type' }] });
    const malformed = await system
      .http()
      .post('/admin/imports/msps')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'application/json')
      .send('{"Members": [')
      .expect(400);
    expect(malformed.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] });
    const { Parties: _parties, ...withoutParties } = body;
    expect((await upload(adminToken, withoutParties).expect(400)).body).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'Parties', message: 'is missing' }],
    });
    expect(
      (await upload(adminToken, { ...body, fixups: { constituency: {} } }).expect(400)).body,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'fixups' }],
    });

    // The uploaded fix-up maps the Parliament's constituency ID 9099 to Aberdeen Donside.
    const res = await upload(adminToken).expect(200);
    expect(res.body).toEqual({
      created: 1,
      updated: 5,
      rejected: [{ line: 4, reason: 'Kirsty Fraser (PersonID 105): no active email address' }],
      warnings: [
        'There are 4 constituency and 3 regional MSPs; the Scottish Parliament has 73 and 56 (a difference of -69 and -53).',
      ],
    });
    expect(await target('lewis.grant.msp@parliament.example.org')).toMatchObject({
      name: 'Lewis Grant',
      constituencyCode: 'S16000075',
      party: 'Scottish National Party',
      active: true,
    });
    const audit = await system.db
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'msps.import', actorId: admin.id });
    expect(audit).toMatchObject({ rowCount: 6 });
    expect(audit.detail).toMatchObject({ via: 'http', created: 1, updated: 5, rejected: 1, complete: true });
    expect(JSON.stringify(audit.detail)).not.toContain('Kirsty');
  });

  it('takes the CSV imports as uploads too, with clear errors for bad input', async () => {
    const csv = (path: string, content: string, contentType = 'text/csv') =>
      system
        .http()
        .post(path)
        .set('Authorization', `Bearer ${adminToken}`)
        .set('Content-Type', contentType)
        .send(content);
    const geography = readFileSync(scotland('sp2011-geography.csv'), 'utf8');

    expect((await csv('/admin/imports/geography', geography).expect(400)).body).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'set' }],
    });
    expect(
      (await csv('/admin/imports/geography?set=sp2011', geography, 'application/octet-stream').expect(400))
        .body,
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'Content-Type' }] });
    const badHeader = await csv('/admin/imports/geography?set=broken', 'code,name\nS1,X\n').expect(400);
    expect(badHeader.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'header' }] });
    expect((badHeader.body as { message: string }).message).toContain(
      'missing constituency_code, constituency_name',
    );
    expect(
      (await csv('/admin/imports/postcodes?set=nowhere', 'postcode,constituency_code\n').expect(400)).body,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_GEOGRAPHY_SET',
      message: 'There is no geography set "nowhere".',
    });

    expect(
      (await csv('/admin/imports/geography?set=sp2011&activate=true', geography).expect(200)).body,
    ).toEqual({ created: 0, updated: 73, rejected: [], warnings: [] });
    const postcodes = readFileSync(scotland('sp2011-example-postcodes.csv'), 'utf8');
    expect((await csv('/admin/imports/postcodes', postcodes).expect(200)).body).toMatchObject({
      created: 73,
      rejected: [],
    });
    const targets = await csv(
      '/admin/imports/targets',
      'kind,name,title,organisation,email\nINSTITUTION,Scottish Grocers,,,office@grocers.example.org\nMAYOR,X,,,x@example.org\n',
    ).expect(200);
    expect(targets.body).toMatchObject({ created: 1, rejected: [{ line: 3 }] });

    const audited = await system.db
      .getRepository(AuditEvent)
      .find({ where: { actorId: admin.id }, order: { createdAt: 'ASC' } });
    expect(audited.map((a) => [a.action, a.detail.complete])).toEqual(
      expect.arrayContaining([
        ['geography.import', false],
        ['geography.import', true],
        ['postcodes.import', true],
        ['targets.import', true],
      ]),
    );
    // The bad first line left no empty set behind.
    expect(await system.db.query(`SELECT name FROM geography_set WHERE name = 'broken'`)).toEqual([]);
  });

  it('runs from the CLI: import-msps DIR --fixups FILE, and names a missing file', async () => {
    const { CliModule } = await import('../../apps/cli/src/cli.module.js');
    const { ImportMspsCommand } = await import('../../apps/cli/src/import.commands.js');
    const cli: INestApplicationContext = await NestFactory.createApplicationContext(CliModule, {
      logger: false,
    });
    const printed: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    jest.spyOn(console, 'warn').mockImplementation((line: string) => printed.push(line));
    const partial = await mkdtemp(join(tmpdir(), 'sp-'));
    try {
      await cli.get(ImportMspsCommand).run([spDir], { fixups: join(spDir, 'fixups.json') });
      expect(printed).toEqual([
        'Created 0, updated 6, rejected 1.',
        '  line 4: Kirsty Fraser (PersonID 105): no active email address',
        expect.stringContaining('Warning: There are 4 constituency and 3 regional MSPs') as string,
      ]);

      for (const name of await readdir(spDir)) {
        if (name !== 'Parties.json') {
          await copyFile(join(spDir, name), join(partial, name.toLowerCase()));
        }
      }
      await expect(cli.get(ImportMspsCommand).run([partial], {})).rejects.toThrow(/lacks Parties\.json/);
    } finally {
      jest.restoreAllMocks();
      await rm(partial, { recursive: true, force: true });
      await cli.close();
    }
  });
});
