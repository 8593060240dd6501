import { parse } from 'csv-parse/sync';
import { Branch } from '@app/branches';
import { Member } from '@app/members';
import { Petition, Signature } from '@app/petitions';
import { createBranch, createMember, signIn } from '../factories';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const CONFIRM = 'mutation($token: String!) { confirmSignature(token: $token) { slug signatureCount } }';
const COUNT = 'query($slug: String!) { petition(slug: $slug) { signatureCount } }';
const BY_CONSTITUENCY =
  'query($slug: String!) { petition(slug: $slug) { signaturesByConstituency { key count } } }';

describe('petitions', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let organiserEmail: string;
  let otherOrganiser: string;
  let admin: string;
  let counter = 0;

  async function openPetition(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; slug: string }> {
    counter += 1;
    const slug = `safer-spaces-${counter}`;
    const created = await system.graphql<{ createPetition: { id: string } }>(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          title: `Drug checking in every city ${counter}`,
          slug,
          summary: 'Free, confidential drug checking services.',
          body: 'We call on the Scottish Government to fund drug checking services.',
          targetName: 'Scottish Government',
          branchId: branch.id,
          goal: 100,
          ...overrides,
        },
      },
      organiser,
    );
    if (!created.data) {
      throw new Error(JSON.stringify(created.errors));
    }
    await system.graphql(
      `mutation { openPetition(id: "${created.data.createPetition.id}") { status } }`,
      {},
      organiser,
    );
    return { id: created.data.createPetition.id, slug };
  }

  const signer = (slug: string, n: number | string, extra: Record<string, unknown> = {}) => ({
    petitionSlug: slug,
    fullName: `Signer ${n} Surname`,
    email: `signer-${n}-${slug}@example.org`,
    postcode: 'dd1 4hn',
    emailOptIn: false,
    showName: false,
    ...extra,
  });

  async function signAndConfirm(
    slug: string,
    n: number | string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const input = signer(slug, n, extra);
    await system.graphql(SIGN, { input });
    const mail = await system.mail.waitFor(input.email);
    const confirmed = await system.graphql(CONFIRM, {
      token: tokenFromMail(mail.text, '/petitions/confirm'),
    });
    if (confirmed.errors) {
      throw new Error(JSON.stringify(confirmed.errors));
    }
  }

  beforeAll(async () => {
    system = await TestSystem.start({
      env: { PETITION_BURST_LIMIT: '5', PETITION_HOURLY_LIMIT: '20', SCHEDULE_INTERVAL_MS: '200' },
    });
    branch = await createBranch(system.db, { slug: 'dundee', name: 'Dundee', postcodeAreas: ['DD'] });
    const organiserMember = await createMember(system.db, {
      roles: [{ role: 'ORGANISER', branchId: branch.id }],
    });
    organiserEmail = organiserMember.email;
    organiser = await signIn(system, organiserMember);
    const other = await createBranch(system.db);
    otherOrganiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: other.id }] }),
    );
    admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    // The 2011 Scottish Parliament boundaries, with one example postcode per constituency:
    // AB2 1DD is in Aberdeen Central, AB24 2BQ in Aberdeen Donside; DD1 4HN and EH1 1AA are not listed.
    await importScotland(system);
  });
  afterAll(() => system.stop());

  it('counts a signature only once confirmed by the emailed link', async () => {
    const { slug } = await openPetition();
    const input = signer(slug, 1);
    expect((await system.graphql(SIGN, { input })).data).toEqual({
      signPetition: { status: 'CONFIRMATION_SENT' },
    });
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 0 } });

    const mail = await system.mail.waitFor(input.email);
    const token = tokenFromMail(mail.text, '/petitions/confirm');
    await system.http().get(`/petitions/confirm?token=${token}`).expect(200);
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 0 } });
    const page = await system.http().post('/petitions/confirm').type('form').send({ token }).expect(200);
    expect(page.text).toContain('your signature is counted');
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 1 } });

    const again = await system.graphql(CONFIRM, { token });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 1 } });
  });

  it('treats a repeat (another case, a +tag, dots) as the same person: one signature, same answer', async () => {
    const { id, slug } = await openPetition();
    const first = await system.graphql(SIGN, {
      input: signer(slug, 'a', { email: 'morag.brown@gmail.com' }),
    });
    // Still unconfirmed: a repeat sends a fresh link (the first may have been lost).
    const retry = await system.graphql(SIGN, {
      input: signer(slug, 'a', { email: 'Morag.Brown+again@gmail.com' }),
    });
    expect(retry).toEqual(first);
    const fresh = await system.mail.waitFor('morag.brown+again@gmail.com');
    expect(
      (await system.graphql(CONFIRM, { token: tokenFromMail(fresh.text, '/petitions/confirm') })).errors,
    ).toBeUndefined();

    const repeats = [];
    for (const email of [
      'Morag.Brown@Gmail.com',
      'moragbrown+petition@gmail.com',
      'm.o.r.a.g.brown@googlemail.com',
      'MORAG.BROWN@gmail.com',
      'morag.brown@gmail.com',
    ]) {
      repeats.push(await system.graphql(SIGN, { input: signer(slug, 'a', { email }) }));
    }
    for (const response of repeats) {
      expect(response).toEqual(first);
    }
    expect(await system.db.getRepository(Signature).countBy({ petitionId: id })).toBe(1);
    // Three emails at most after the first, whatever form the address came in: the fresh link
    // took one, so two say "already signed".
    await new Promise((resolve) => setTimeout(resolve, 800));
    const already = system.mail.messages.filter(
      (m) => m.subject.startsWith('You have already signed') && m.subject.endsWith(`${counter}`),
    );
    expect(already).toHaveLength(2);
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 1 } });
  });

  it('keeps one signature when 50 identical signings arrive at once', async () => {
    const { id, slug } = await openPetition();
    const input = signer(slug, 'parallel');
    const results = await Promise.all(Array.from({ length: 50 }, () => system.graphql(SIGN, { input })));
    expect(new Set(results.map((r) => JSON.stringify(r.data)))).toEqual(
      new Set([JSON.stringify({ signPetition: { status: 'CONFIRMATION_SENT' } })]),
    );
    expect(await system.db.getRepository(Signature).countBy({ petitionId: id })).toBe(1);
  });

  it('refuses a closed petition and a draft, storing nothing, and bad names', async () => {
    const { id, slug } = await openPetition();
    await system.graphql(`mutation { closePetition(id: "${id}") { status } }`, {}, organiser);
    const closed = await system.graphql(SIGN, { input: signer(slug, 'late') });
    expect(closed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'petitionSlug' }],
    });
    expect(await system.db.getRepository(Signature).countBy({ petitionId: id })).toBe(0);

    // A signature made while open cannot be confirmed after the petition closes.
    const late = await openPetition();
    await system.graphql(SIGN, { input: signer(late.slug, 'slow') });
    const slowMail = await system.mail.waitFor(signer(late.slug, 'slow').email);
    await system.graphql(`mutation { closePetition(id: "${late.id}") { status } }`, {}, organiser);
    const afterClose = await system.graphql(CONFIRM, {
      token: tokenFromMail(slowMail.text, '/petitions/confirm'),
    });
    expect(afterClose.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const draft = await system.graphql<{ createPetition: { id: string } }>(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          title: 'Draft one',
          slug: 'draft-one',
          summary: 's',
          body: 'b',
          targetName: 't',
          branchId: branch.id,
          goal: 5,
        },
      },
      organiser,
    );
    expect(draft.errors).toBeUndefined();
    expect(
      (await system.graphql(SIGN, { input: signer('draft-one', 'x') })).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await system.graphql(COUNT, { slug: 'draft-one' })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );

    const open = await openPetition();
    for (const fullName of ['=HYPERLINK("http://x")', 'Visit www.spam.example', '@everyone']) {
      const refused = await system.graphql(SIGN, { input: signer(open.slug, 'bad', { fullName }) });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'fullName' }],
      });
    }
    expect(await system.db.getRepository(Signature).countBy({ petitionId: open.id })).toBe(0);
  });

  it('silently keeps signatures over the per-address limit as suspect: never counted or confirmable', async () => {
    const { id, slug } = await openPetition();
    const answers = [];
    for (let n = 0; n < 7; n += 1) {
      answers.push(await system.graphql(SIGN, { input: signer(slug, `burst${n}`) }));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a.data))).size).toBe(1);
    const rows = await system.db
      .getRepository(Signature)
      .find({ where: { petitionId: id }, order: { createdAt: 'ASC' } });
    expect(rows.map((r) => r.status)).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
      'PENDING',
      'PENDING',
      'SUSPECT',
      'SUSPECT',
    ]);
    expect(rows[5].confirmTokenHash).toBeNull();
    await system.mail.waitFor(signer(slug, 'burst4').email);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(system.mail.to(signer(slug, 'burst5').email)).toHaveLength(0);
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 0 } });
  });

  it('shows only signers who chose to be, by first name and district; counts by day and constituency; milestones', async () => {
    const { slug } = await openPetition({ goal: 4 });
    await signAndConfirm(slug, 'shown', { showName: true, fullName: 'Isla Morrison', postcode: 'AB2 1DD' });
    await signAndConfirm(slug, 'hidden', { showName: false, fullName: 'Hidden Person' });
    await system.mail.waitFor(organiserEmail, 2);
    expect(
      system.mail
        .to(organiserEmail)
        .map((m) => m.subject.replace(/^.* has reached /, ''))
        .sort(),
    ).toEqual(['25% of its goal', '50% of its goal']);

    const res = await system.graphql<{
      petition: {
        signatureCount: number;
        recentSignatures: Array<Record<string, unknown>>;
        signaturesByDay: Array<{ key: string; count: number }>;
        signaturesByConstituency: Array<{ key: string; count: number }>;
      };
    }>(
      `query($slug: String!) { petition(slug: $slug) { signatureCount goal
         recentSignatures(first: 10) { firstName postcodeDistrict }
         signaturesByDay { key count } signaturesByConstituency { key count } } }`,
      { slug },
    );
    const petition = res.data!.petition;
    expect(petition.signatureCount).toBe(2);
    expect(petition.recentSignatures).toEqual([{ firstName: 'Isla', postcodeDistrict: 'AB2' }]);
    expect(JSON.stringify(res)).not.toContain('Morrison');
    expect(petition.signaturesByDay).toEqual([
      { key: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()), count: 2 },
    ]);
    expect(petition.signaturesByConstituency).toEqual([
      { key: 'Aberdeen Central', count: 1 },
      { key: 'unknown', count: 1 },
    ]);
  });

  it('counts confirmed signatures per constituency by name, unplaced ones under "unknown", for many petitions at once', async () => {
    const first = await openPetition();
    await signAndConfirm(first.slug, 'c1', { postcode: 'ab2 1dd' });
    await signAndConfirm(first.slug, 'c2', { postcode: 'AB2 1DD' });
    await signAndConfirm(first.slug, 'c3', { postcode: 'AB24 2BQ' });
    await signAndConfirm(first.slug, 'c4', { postcode: 'EH1 1AA' });
    await signAndConfirm(first.slug, 'c5', { postcode: 'SW1A 2AA' });
    // Signed but not confirmed: not counted anywhere.
    await system.graphql(SIGN, { input: signer(first.slug, 'c6', { postcode: 'AB2 1DD' }) });
    const second = await openPetition();
    await signAndConfirm(second.slug, 'c7', { postcode: 'AB24 2BQ' });

    const rows = await system.db.query<Array<{ postcode: string; constituency_code: string | null }>>(
      `SELECT postcode, constituency_code FROM signature WHERE petition_id = $1 AND status = 'CONFIRMED'
       ORDER BY confirmed_at`,
      [first.id],
    );
    expect(rows.map((r) => r.constituency_code)).toEqual(['S16000074', 'S16000074', 'S16000075', null, null]);

    const listed = await system.graphql<{
      petitions: {
        edges: Array<{
          node: { slug: string; signaturesByConstituency: Array<{ key: string; count: number }> };
        }>;
      };
    }>('{ petitions(first: 50) { edges { node { slug signaturesByConstituency { key count } } } } }');
    const counts = new Map(
      listed.data!.petitions.edges.map((e) => [e.node.slug, e.node.signaturesByConstituency]),
    );
    expect(counts.get(first.slug)).toEqual([
      { key: 'Aberdeen Central', count: 2 },
      { key: 'unknown', count: 2 },
      { key: 'Aberdeen Donside', count: 1 },
    ]);
    expect(counts.get(second.slug)).toEqual([{ key: 'Aberdeen Donside', count: 1 }]);
  });

  it('still confirms and counts a signature when the postcode lookup fails, as "unknown"', async () => {
    const { id, slug } = await openPetition();
    await system.db.query('ALTER TABLE postcode_constituency RENAME TO postcode_constituency_away');
    try {
      await signAndConfirm(slug, 'lookup-down', { postcode: 'AB2 1DD' });
    } finally {
      await system.db.query('ALTER TABLE postcode_constituency_away RENAME TO postcode_constituency');
    }
    const [row] = await system.db.query<Array<{ status: string; constituency_code: string | null }>>(
      'SELECT status, constituency_code FROM signature WHERE petition_id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'CONFIRMED', constituency_code: null });
    expect((await system.graphql(BY_CONSTITUENCY, { slug })).data).toEqual({
      petition: { signaturesByConstituency: [{ key: 'unknown', count: 1 }] },
    });
  });

  it('shows a confirmation in the counts by constituency at once, though the page was just read', async () => {
    const { slug } = await openPetition();
    await signAndConfirm(slug, 'fresh-1', { postcode: 'AB2 1DD' });
    expect((await system.graphql(BY_CONSTITUENCY, { slug })).data).toEqual({
      petition: { signaturesByConstituency: [{ key: 'Aberdeen Central', count: 1 }] },
    });
    await signAndConfirm(slug, 'fresh-2', { postcode: 'AB2 1DD' });
    expect((await system.graphql(BY_CONSTITUENCY, { slug })).data).toEqual({
      petition: { signaturesByConstituency: [{ key: 'Aberdeen Central', count: 2 }] },
    });
  });

  it('exports confirmed signatures for delivery, formula-safe and audited, to its organisers only', async () => {
    const { id, slug } = await openPetition();
    await signAndConfirm(slug, 'export1', { fullName: 'Export Person', postcode: 'AB2 1DD' });
    await system.graphql(SIGN, { input: signer(slug, 'unconfirmed') });
    // A name from before the rules (or typed by hand in the database) is still made safe.
    await system.db.query(
      `INSERT INTO signature (petition_id, full_name, email, email_canonical, postcode, postcode_district, status, confirmed_at)
       VALUES ($1, '=cmd|calc', 'x@example.org', 'x@example.org', 'DD1 4HN', 'DD1', 'CONFIRMED', now())`,
      [id],
    );
    const res = await system
      .http()
      .get(`/petitions/${id}/signatures.csv`)
      .set('Authorization', `Bearer ${organiser}`)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    const rows = parse<Record<string, string>>(res.body as string, { columns: true });
    expect(rows.map((r) => r.full_name).sort()).toEqual([`'=cmd|calc`, 'Export Person']);
    expect(rows.map((r) => [r.postcode, r.postcode_district, r.constituency])).toEqual([
      ['AB2 1DD', 'AB2', 'Aberdeen Central'],
      ['DD1 4HN', 'DD1', ''],
    ]);
    await system
      .http()
      .get(`/petitions/${id}/signatures.csv`)
      .set('Authorization', `Bearer ${otherOrganiser}`)
      .expect(404);
    const audited = await system.db.query<Array<{ row_count: number }>>(
      `SELECT row_count FROM audit_event WHERE action = 'petition.export' AND subject_id = $1`,
      [id],
    );
    expect(audited).toEqual([{ row_count: 2 }]);
  });

  it('keeps national petitions for admins, and moves through the states in order', async () => {
    const national = await system.graphql(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          title: 'National',
          slug: 'national-one',
          summary: 's',
          body: 'b',
          targetName: 'UK Government',
          goal: 10,
        },
      },
      organiser,
    );
    expect(national.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await system.graphql<{ createPetition: { id: string } }>(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          title: 'National',
          slug: 'national-one',
          summary: 's',
          body: 'b',
          targetName: 'UK Government',
          goal: 10,
        },
      },
      admin,
    );
    const id = byAdmin.data!.createPetition.id;
    await system.graphql(`mutation { openPetition(id: "${id}") { status } }`, {}, admin);
    const reword = await system.graphql(
      'mutation($input: UpdatePetitionInput!) { updatePetition(input: $input) { title } }',
      { input: { id, title: 'Something else entirely' } },
      admin,
    );
    expect(reword.errors?.[0].extensions?.code).toBe('CONFLICT');
    const higher = await system.graphql(
      'mutation($input: UpdatePetitionInput!) { updatePetition(input: $input) { goal } }',
      { input: { id, goal: 20 } },
      admin,
    );
    expect(higher.data).toEqual({ updatePetition: { goal: 20 } });
    const early = await system.graphql(
      `mutation { markPetitionDelivered(id: "${id}", deliveredAt: "2026-12-01T12:00:00Z", note: "Handed in") { status } }`,
      {},
      admin,
    );
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');

    await system.graphql(`mutation { closePetition(id: "${id}") { status } }`, {}, admin);
    const delivered = await system.graphql(
      `mutation { markPetitionDelivered(id: "${id}", deliveredAt: "2026-12-01T12:00:00Z", note: "Handed in at Holyrood") { status deliveryNote } }`,
      {},
      admin,
    );
    expect(delivered.data).toEqual({
      markPetitionDelivered: { status: 'DELIVERED', deliveryNote: 'Handed in at Holyrood' },
    });
    const listed = await system.graphql<{ petitions: { edges: Array<{ node: { slug: string } }> } }>(
      '{ petitions(status: DELIVERED) { edges { node { slug branch { slug } } } } }',
    );
    expect(listed.data!.petitions.edges.map((e) => e.node.slug)).toEqual(['national-one']);
  });

  it('forgets client addresses after a week', async () => {
    const { id, slug } = await openPetition();
    await system.graphql(SIGN, { input: signer(slug, 'recent') });
    await system.db.query(
      `INSERT INTO signature (petition_id, full_name, email, email_canonical, ip_hash, created_at)
       VALUES ($1, 'Old', 'old@example.org', 'old@example.org', 'abc', now() - interval '8 days')`,
      [id],
    );
    await system.eventually(async () => {
      const [old] = await system.db.query<Array<{ ip_hash: string | null }>>(
        `SELECT ip_hash FROM signature WHERE petition_id = $1 AND email = 'old@example.org'`,
        [id],
      );
      return old.ip_hash === null;
    });
    const [recent] = await system.db.query<Array<{ ip_hash: string | null }>>(
      `SELECT ip_hash FROM signature WHERE petition_id = $1 AND email <> 'old@example.org'`,
      [id],
    );
    expect(recent.ip_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('anonymises a signer who is erased, and the count stays', async () => {
    const { id, slug } = await openPetition();
    await signAndConfirm(slug, 'erase', { emailOptIn: true, fullName: 'Qwerty Zxcvbn', postcode: 'AB2 1DD' });
    const email = signer(slug, 'erase').email;
    const member = await system.db.getRepository(Member).findOneByOrFail({ email });
    expect(member.emailOptIn).toBe(true);
    await system.graphql('mutation($email: String!) { requestErasure(email: $email) }', { email });
    const mail = await system.mail.waitFor(email, 2);
    const token = /\/erase\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await system.graphql('mutation($token: String!) { confirmErasure(token: $token) }', { token });
    const rows = await system.db.query<Array<{ row: string }>>(
      'SELECT row_to_json(s)::text AS row FROM signature s WHERE petition_id = $1',
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toMatch(/Qwerty|Zxcvbn|signer-erase/);
    expect((await system.graphql(COUNT, { slug })).data).toEqual({ petition: { signatureCount: 1 } });
    expect((await system.graphql(BY_CONSTITUENCY, { slug })).data).toEqual({
      petition: { signaturesByConstituency: [{ key: 'Aberdeen Central', count: 1 }] },
    });
    expect(await system.db.getRepository(Petition).countBy({ id })).toBe(1);
  });
});
