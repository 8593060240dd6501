import { parse } from 'csv-parse/sync';
import { Branch } from '@app/branches';
import { AuditEvent } from '@app/core';
import { ConsentRecord, Member, Suppression, suppressionKey } from '@app/members';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem } from '../support/test-system';

describe('member CSV import and export', () => {
  let system: TestSystem;
  let leith: Branch;
  let perth: Branch;
  let organiser: string;
  let perthOrganiser: string;

  const importCsv = (csv: string, token = organiser, branchId = leith.id) =>
    system
      .http()
      .post(`/branches/${branchId}/members/import`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/csv')
      .send(csv);

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    leith = await createBranch(system.db, { slug: 'leith', name: 'Leith', postcodeAreas: ['EH6'] });
    perth = await createBranch(system.db, { slug: 'perth', name: 'Perth', postcodeAreas: ['PH'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: leith.id }] }),
    );
    perthOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: perth.id }] }),
    );
  });
  afterAll(() => system.stop());

  it('imports good rows, reports bad and duplicate ones by line, and skips erased people', async () => {
    await createMember(system.db, {
      email: 'known@example.org',
      fullName: 'Known',
      branchId: leith.id,
      emailOptIn: true,
      tags: ['stall'],
    });
    await createMember(system.db, { email: 'perth@example.org', fullName: 'Of Perth', branchId: perth.id });
    await system.db.getRepository(Suppression).save({ emailHash: suppressionKey('erased@example.org') });

    const csv = [
      'Email,Full Name,Postcode,Email Opt In,Tags',
      'new.one@example.org,New One,eh6 6qq,yes,volunteer;stall', // line 2: created, opted in
      'not-an-email,Bad Email,,,', // 3: rejected
      'new.two@example.org,New Two,nowhere,no,', // 4: rejected postcode
      'known@example.org,Known Renamed,,no,naloxone-trained', // 5: updated, opted out
      'NEW.ONE@example.org,Duplicate,,,', // 6: rejected duplicate of line 2
      'perth@example.org,Not Yours,,,', // 7: created, as for a new address (Perth's record untouched)
      'erased@example.org,Erased Person,,yes,', // 8: skipped
      'new.three@example.org,"Three, with comma",,,', // 9: created, not opted in
      'new.four@example.org,Four,,maybe,', // 10: rejected opt-in
    ].join('\n');
    const res = await importCsv(csv).expect(200);
    // An address of another branch is answered as a new one: the report never says it is known.
    expect(res.body).toEqual({
      created: 3,
      updated: 1,
      skipped: 1,
      rejectedCount: 4,
      rejected: [
        { line: 3, reason: 'email is not an email address' },
        { line: 4, reason: 'postcode is not a UK postcode' },
        { line: 6, reason: 'the same email as line 2' },
        { line: 10, reason: 'email_opt_in must be yes or no' },
      ],
    });

    const members = system.db.getRepository(Member);
    expect(await members.findOneByOrFail({ email: 'new.one@example.org' })).toMatchObject({
      fullName: 'New One',
      postcode: 'EH6 6QQ',
      branchId: leith.id,
      emailOptIn: true,
      tags: ['stall', 'volunteer'],
    });
    expect(await members.findOneByOrFail({ email: 'new.three@example.org' })).toMatchObject({
      fullName: 'Three, with comma',
      emailOptIn: false,
    });
    const known = await members.findOneByOrFail({ email: 'known@example.org' });
    expect(known).toMatchObject({
      fullName: 'Known Renamed',
      emailOptIn: false,
      tags: ['naloxone-trained', 'stall'],
    });
    // Perth's own record is untouched; Leith holds only what it imported, apart from it.
    expect(await members.findOneByOrFail({ email: 'perth@example.org', provisional: false })).toMatchObject({
      fullName: 'Of Perth',
      branchId: perth.id,
    });
    expect(await members.findOneByOrFail({ email: 'perth@example.org', branchId: leith.id })).toMatchObject({
      fullName: 'Not Yours',
      provisional: true,
    });
    expect(await members.countBy({ email: 'erased@example.org' })).toBe(0);

    const newOne = await members.findOneByOrFail({ email: 'new.one@example.org' });
    expect(await system.db.getRepository(ConsentRecord).findBy({ memberId: newOne.id })).toEqual([
      expect.objectContaining({ source: 'import', emailOptIn: true }),
    ]);
    expect(await system.db.getRepository(ConsentRecord).findBy({ memberId: known.id })).toEqual([
      expect.objectContaining({ source: 'import', emailOptIn: false }),
    ]);
    const audit = await system.db.getRepository(AuditEvent).findOneByOrFail({ action: 'member.import' });
    expect(audit).toMatchObject({
      branchId: leith.id,
      rowCount: 4,
      detail: { created: 3, updated: 1, skipped: 1, rejected: 4, complete: true },
    });
  });

  it('never opts someone back in by import', async () => {
    await createMember(system.db, {
      email: 'left@example.org',
      fullName: 'Left',
      branchId: leith.id,
      emailOptIn: false,
    });
    await importCsv('email,full_name,email_opt_in\nleft@example.org,Left,yes\n').expect(200);
    expect(
      (await system.db.getRepository(Member).findOneByOrFail({ email: 'left@example.org' })).emailOptIn,
    ).toBe(false);
  });

  it('refuses a file without the needed columns, other branches, and anonymous callers', async () => {
    const noHeader = await importCsv('someone@example.org,Someone\n').expect(400);
    expect(noHeader.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'header' }] });
    await importCsv('email,full_name\nx@example.org,X\n', perthOrganiser).expect(403);
    await system
      .http()
      .post(`/branches/${leith.id}/members/import`)
      .set('Content-Type', 'text/csv')
      .send('email,full_name\n')
      .expect(401);
    await system
      .http()
      .post(`/branches/${leith.id}/members/import`)
      .set('Authorization', `Bearer ${organiser}`)
      .send({ email: 'json@example.org' })
      .expect(400);
    expect(await system.db.getRepository(Member).countBy({ email: 'x@example.org' })).toBe(0);
  });

  it('exports the branch as CSV that spreadsheets cannot run as formulas, and audits it', async () => {
    await createMember(system.db, {
      email: 'formula@example.org',
      fullName: '=HYPERLINK("http://evil.example","click")',
      postcode: null,
      branchId: leith.id,
      tags: ['+sum'],
    });
    await createMember(system.db, {
      email: 'gone@example.org',
      fullName: 'Gone',
      branchId: leith.id,
      erasedAt: new Date(),
    });

    const res = await system
      .http()
      .get(`/branches/${leith.id}/members.csv`)
      .set('Authorization', `Bearer ${organiser}`)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse<Record<string, string>>(res.body as string, { columns: true });
    const emails = rows.map((r) => r.email);
    expect(emails).toEqual(
      expect.arrayContaining(['new.one@example.org', 'known@example.org', 'formula@example.org']),
    );
    // Perth's member never appears in Leith's export: only the record Leith itself imported.
    expect(rows.filter((r) => r.email === 'perth@example.org').map((r) => r.full_name)).toEqual([
      'Not Yours',
    ]);
    expect(res.body as string).not.toContain('Of Perth');
    expect(emails).not.toContain('gone@example.org');
    const formula = rows.find((r) => r.email === 'formula@example.org')!;
    expect(formula.full_name).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(formula.tags).toBe(`'+sum`);
    expect(rows.find((r) => r.email === 'new.one@example.org')).toMatchObject({
      email_opt_in: 'yes',
      email_confirmed: 'no',
      tags: 'stall;volunteer',
    });

    const audit = await system.db.getRepository(AuditEvent).findOneByOrFail({ action: 'member.export' });
    expect(audit).toMatchObject({ branchId: leith.id, rowCount: rows.length });

    const refused = await system
      .http()
      .get(`/branches/${leith.id}/members.csv`)
      .set('Authorization', `Bearer ${perthOrganiser}`);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/json');
  });
});
