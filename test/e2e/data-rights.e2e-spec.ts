import { AuditEvent } from '@app/core';
import { defineMailTemplate, OutboxService } from '@app/mail';
import { ConsentRecord, DataRightsService, Member, Suppression, suppressionKey } from '@app/members';
import { Signature } from '@app/petitions';
import { PledgeDecision, Venue } from '@app/pledges';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { createPledgedVenue } from '../factories/pledges';
import { TestSystem, tokenFromMail } from '../support/test-system';

const newsletter = defineMailTemplate<{ fullName: string; unsubscribeLink: string }>({
  name: 'test-newsletter',
  subject: 'Campaign news',
  text: 'Hello {{fullName}}\n\nUnsubscribe: {{unsubscribeLink}}\n',
  html: '<p>Hello {{fullName}}</p><p><a href="{{unsubscribeLink}}">Unsubscribe</a></p>',
});

describe('data rights and unsubscribing', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system.stop());

  it('mails a 24-hour download of everything held, and answers an unknown address the same', async () => {
    const branch = await createBranch(system.db, { name: 'Dundee' });
    await system.graphql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
      input: {
        fullName: 'Isla Morrison',
        email: 'isla@example.org',
        postcode: 'DD1 4HN',
        emailOptIn: true,
        branchSlug: branch.slug,
      },
    });
    await system.mail.waitFor('isla@example.org');

    const known = await system.graphql('mutation { requestMyData(email: "ISLA@example.org") }');
    const unknown = await system.graphql('mutation { requestMyData(email: "nobody@example.org") }');
    expect(known).toEqual(unknown);
    expect(known.data).toEqual({ requestMyData: true });

    const mail = await system.mail.waitFor('isla@example.org', 2);
    expect(mail.subject).toBe('Your data');
    const token = tokenFromMail(mail.text, '/my-data');
    const download = await system.http().get(`/my-data?token=${token}`).expect(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    const data = JSON.parse(download.text) as {
      member: Record<string, unknown>;
      consentRecords: Array<Record<string, unknown>>;
      emailsSent: Array<Record<string, unknown>>;
    };
    expect(data.member).toMatchObject({
      email: 'isla@example.org',
      fullName: 'Isla Morrison',
      postcode: 'DD1 4HN',
      emailOptIn: true,
      branch: { slug: branch.slug, name: 'Dundee' },
    });
    expect(data.consentRecords).toEqual([expect.objectContaining({ emailOptIn: true, source: 'join' })]);
    expect(data.emailsSent.map((e) => e.template)).toEqual(['join-confirmation', 'data-export']);

    // Valid for a second download, then not once expired.
    await system.http().get(`/my-data?token=${token}`).expect(200);
    await system.db.query(
      `UPDATE member_token SET expires_at = now() - interval '1 second' WHERE purpose = 'data-export'`,
    );
    await system.http().get(`/my-data?token=${token}`).expect(400);
    expect(system.mail.to('nobody@example.org')).toHaveLength(0);

    const audit = await system.db.getRepository(AuditEvent).findBy({ action: 'data-rights.access-download' });
    expect(audit).toHaveLength(2);
  });

  it('erases a person on confirmation, leaving no personal data in any table and counts intact', async () => {
    const branch = await createBranch(system.db);
    await system.graphql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
      input: {
        fullName: 'Zanthe Quirrell',
        email: 'zanthe@example.org',
        postcode: 'EH9 1QT',
        emailOptIn: true,
        branchSlug: branch.slug,
      },
    });
    await system.mail.waitFor('zanthe@example.org');
    const member = await system.db.getRepository(Member).findOneByOrFail({ email: 'zanthe@example.org' });
    await system.db.query(
      `INSERT INTO member_role (member_id, role, branch_id) VALUES ($1, 'ORGANISER', $2)`,
      [member.id, branch.id],
    );
    const session = await signIn(system, member);
    const membersBefore = await system.db.getRepository(Member).count();

    const asked = await system.graphql('mutation { requestErasure(email: "zanthe@example.org") }');
    expect(asked.data).toEqual({ requestErasure: true });
    const token = tokenFromMail((await system.mail.waitFor('zanthe@example.org', 2)).text, '/erase');

    // Opening the link changes nothing; the button (POST) erases.
    expect((await system.http().get(`/erase?token=${token}`).expect(200)).text).toContain('Erase my data');
    expect((await system.db.getRepository(Member).findOneByOrFail({ id: member.id })).erasedAt).toBeNull();
    const done = await system.http().post('/erase').type('form').send({ token }).expect(200);
    expect(done.text).toContain('Your data is erased');

    const tables = await system.db.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { tablename } of tables) {
      const rows = await system.db.query<Array<{ row: string }>>(
        `SELECT row_to_json(t)::text AS row FROM "${tablename}" t`,
      );
      for (const { row } of rows) {
        expect(row).not.toMatch(/zanthe|Quirrell|EH9 1QT/i);
      }
    }
    expect(await system.db.getRepository(Member).count()).toBe(membersBefore);
    expect(
      await system.db
        .getRepository(Suppression)
        .existsBy({ emailHash: suppressionKey('Zanthe@example.org') }),
    ).toBe(true);
    expect(await system.db.getRepository(ConsentRecord).countBy({ memberId: member.id })).toBe(0);

    const me = await system.graphql('{ me { id } }', {}, session);
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const again = await system.graphql('mutation($token: String!) { confirmErasure(token: $token) }', {
      token,
    });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      await system.db.getRepository(AuditEvent).countBy({ action: 'member.erase', subjectId: member.id }),
    ).toBe(1);

    // An organiser's import cannot bring the person back, nor can they reach the anonymised row or
    // add the address by hand.
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    const reimport = await system
      .http()
      .post(`/branches/${branch.id}/members/import`)
      .set('Authorization', `Bearer ${organiser}`)
      .set('Content-Type', 'text/csv')
      .send('email,full_name,postcode\nZANTHE@example.org,Zanthe Quirrell,EH9 1QT\n')
      .expect(200);
    expect(reimport.body).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    expect(await system.db.getRepository(Member).countBy({ email: 'zanthe@example.org' })).toBe(0);
    const hidden = await system.graphql(
      'query($id: ID!) { member(id: $id) { id } }',
      { id: member.id },
      organiser,
    );
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const byHand = await system.graphql(
      'mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }',
      { input: { email: 'zanthe@example.org', fullName: 'Z', branchId: branch.id, emailOptIn: true } },
      organiser,
    );
    expect(byHand.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'email' }],
    });
  });

  it('lets a signer who never joined download and erase their data by email, keeping the count', async () => {
    const petition = await createOpenPetition(system.db);
    const signer = {
      fullName: 'Morven Achterberg',
      email: 'morven.signer@example.org',
      postcode: 'KY16 9AJ',
    };
    await system.graphql('mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }', {
      input: { petitionSlug: petition.slug, ...signer, emailOptIn: false, showName: false },
    });
    const confirmation = await system.mail.waitFor(signer.email);
    await system.graphql('mutation($token: String!) { confirmSignature(token: $token) { slug } }', {
      token: tokenFromMail(confirmation.text, '/petitions/confirm'),
    });
    expect(await system.db.getRepository(Member).countBy({ email: signer.email })).toBe(0);
    const countOf = async () =>
      (
        await system.graphql<{ petition: { signatureCount: number } }>(
          'query($slug: String!) { petition(slug: $slug) { signatureCount } }',
          { slug: petition.slug },
        )
      ).data?.petition.signatureCount;
    expect(await countOf()).toBe(1);

    // The same answer as for an address nobody holds; only the signer gets a link.
    const known = await system.graphql(`mutation { requestMyData(email: "${signer.email.toUpperCase()}") }`);
    const unknown = await system.graphql('mutation { requestMyData(email: "never-here@example.org") }');
    expect(known).toEqual(unknown);
    const linkMail = await system.mail.waitFor(signer.email, 2);
    expect(linkMail.subject).toBe('Your data');
    expect(linkMail.text).toContain('Hello Morven Achterberg');
    const download = await system
      .http()
      .get(`/my-data?token=${tokenFromMail(linkMail.text, '/my-data')}`)
      .expect(200);
    const data = JSON.parse(download.text) as {
      member: unknown;
      signatures: Array<Record<string, unknown>>;
      emailsSent: Array<Record<string, unknown>>;
    };
    expect(data.member).toBeNull();
    expect(data.signatures).toEqual([
      expect.objectContaining({ fullName: signer.fullName, postcode: signer.postcode, status: 'CONFIRMED' }),
    ]);
    expect(data.emailsSent.map((e) => e.template)).toEqual(['signature-confirmation', 'data-export']);

    const asked = await system.graphql(`mutation { requestErasure(email: "${signer.email}") }`);
    const askedUnknown = await system.graphql('mutation { requestErasure(email: "never-here@example.org") }');
    expect(asked).toEqual(askedUnknown);
    const token = tokenFromMail((await system.mail.waitFor(signer.email, 3)).text, '/erase');
    await system.http().post('/erase').type('form').send({ token }).expect(200);

    for (const { tablename } of await system.db.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    )) {
      const rows = await system.db.query<Array<{ row: string }>>(
        `SELECT row_to_json(t)::text AS row FROM "${tablename}" t`,
      );
      for (const { row } of rows) {
        expect(row).not.toMatch(/morven|Achterberg|KY16 9AJ/i);
      }
    }
    // Still counted, and the link is used up.
    expect(await countOf()).toBe(1);
    expect(
      await system.db.getRepository(Signature).countBy({ petitionId: petition.id, status: 'CONFIRMED' }),
    ).toBe(1);
    expect(
      await system.db.getRepository(Suppression).existsBy({ emailHash: suppressionKey(signer.email) }),
    ).toBe(true);
    const again = await system.graphql('mutation($token: String!) { confirmErasure(token: $token) }', {
      token,
    });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(system.mail.to('never-here@example.org')).toHaveLength(0);
  });

  it("gives a venue's owner their pledge and its history; finds an address held only as a venue's contact or in the outbox", async () => {
    type Download = {
      member: unknown;
      venues: Array<Record<string, unknown> & { pledge: Record<string, unknown> | null }>;
      emailsSent: Array<Record<string, unknown>>;
    };
    const download = async (email: string, nth: number): Promise<Download> => {
      await system.graphql(`mutation { requestMyData(email: "${email}") }`);
      const mail = await system.mail.waitFor(email, nth);
      expect(mail.subject).toBe('Your data');
      const res = await system
        .http()
        .get(`/my-data?token=${tokenFromMail(mail.text, '/my-data')}`)
        .expect(200);
      return JSON.parse(res.text) as Download;
    };

    // An owner: their venue's pledge, its notes and what was decided.
    const { pledge, venue } = await createPledgedVenue(system.db, {
      owner: { email: 'fenella.owner@example.org' },
      commitments: ['welfare-space', 'free-water'],
      notes: 'The welfare room is on the first floor',
      publicEmail: 'bookings.tolbooth@example.org',
    });
    await system.db.getRepository(PledgeDecision).insert({
      pledgeId: pledge.id,
      action: 'verified',
      actorId: null,
      note: 'Visited on a club night',
    });
    const owned = await download('fenella.owner@example.org', 1);
    expect(owned.venues).toEqual([
      expect.objectContaining({ name: venue.name, publicEmail: 'bookings.tolbooth@example.org' }),
    ]);
    expect(owned.venues[0].pledge).toMatchObject({
      status: 'VERIFIED',
      commitments: ['welfare-space', 'free-water'],
      notes: 'The welfare room is on the first floor',
      history: [{ action: 'verified', note: 'Visited on a club night' }],
    });

    // An address that is only the venue's public contact: its venue, without the owner's pledge.
    const contact = await download('bookings.tolbooth@example.org', 1);
    expect(contact.member).toBeNull();
    expect(contact.venues).toEqual([
      expect.objectContaining({
        name: venue.name,
        publicEmail: 'bookings.tolbooth@example.org',
        pledge: null,
      }),
    ]);
    await system.graphql('mutation { requestErasure(email: "bookings.tolbooth@example.org") }');
    const eraseContact = tokenFromMail(
      (await system.mail.waitFor('bookings.tolbooth@example.org', 2)).text,
      '/erase',
    );
    await system.http().post('/erase').type('form').send({ token: eraseContact }).expect(200);
    expect((await system.db.getRepository(Venue).findOneByOrFail({ id: venue.id })).publicEmail).toBeNull();
    expect(
      await system.db.query(
        `SELECT 1 FROM outbox_message WHERE to_address = 'bookings.tolbooth@example.org'`,
      ),
    ).toEqual([]);

    // An address held only in the outbox (mailed once, nothing else kept).
    await system.db.query(
      `INSERT INTO outbox_message (template, to_address, subject, status, sent_at)
       VALUES ('event-invitation', 'only.mailed@example.org', 'An invitation', 'SENT', now())`,
    );
    const mailed = await download('only.mailed@example.org', 1);
    expect(mailed.member).toBeNull();
    expect(mailed.emailsSent.map((e) => e.template)).toEqual(['event-invitation', 'data-export']);
    await system.graphql('mutation { requestErasure(email: "only.mailed@example.org") }');
    const eraseMailed = tokenFromMail(
      (await system.mail.waitFor('only.mailed@example.org', 2)).text,
      '/erase',
    );
    await system.http().post('/erase').type('form').send({ token: eraseMailed }).expect(200);
    expect(
      await system.db.query(`SELECT 1 FROM outbox_message WHERE to_address = 'only.mailed@example.org'`),
    ).toEqual([]);
    expect(
      await system.db
        .getRepository(Suppression)
        .existsBy({ emailHash: suppressionKey('only.mailed@example.org') }),
    ).toBe(true);
  });

  it('carries one-click unsubscribe on campaign email, and a POST with no session unsubscribes', async () => {
    const member = await createMember(system.db, {
      emailOptIn: true,
      emailConfirmedAt: new Date(),
      fullName: 'Niamh',
    });
    const notOptedIn = await createMember(system.db, { emailOptIn: false, emailConfirmedAt: new Date() });
    const rights = system.api.get(DataRightsService);
    const sent = await system.api.get(OutboxService).transaction(async (manager, mail) => [
      await rights.addCampaignMail(manager, mail, member, newsletter, { fullName: member.fullName }),
      await rights.addCampaignMail(manager, mail, notOptedIn, newsletter, {
        fullName: notOptedIn.fullName,
      }),
    ]);
    expect(sent).toEqual([true, false]);

    const mail = await system.mail.waitFor(member.email);
    expect(mail.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<([^>]+)>$/.exec(mail.rawHeaders['list-unsubscribe'])?.[1] ?? '';
    expect(url).toContain('http://crm.test/unsubscribe?token=');
    expect(mail.text).toContain(url);
    const path = url.replace('http://crm.test', '');

    // A GET (a link preview) changes nothing.
    await system.http().get(path).expect(200);
    expect((await system.db.getRepository(Member).findOneByOrFail({ id: member.id })).emailOptIn).toBe(true);

    // The mail provider's one-click POST, with no session.
    await system.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await system.db.getRepository(Member).findOneByOrFail({ id: member.id })).emailOptIn).toBe(false);
    await system.http().post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const ledger = await system.db.getRepository(ConsentRecord).findBy({ memberId: member.id });
    expect(ledger.map((r) => [r.source, r.emailOptIn])).toEqual([['unsubscribe', false]]);
    expect(system.mail.to(notOptedIn.email)).toHaveLength(0);
  });

  it('shows admins the audit log, including role changes, and nobody else', async () => {
    const admin = await createMember(system.db, { roles: [{ role: 'ADMIN' }] });
    const adminToken = await signIn(system, admin);
    const branch = await createBranch(system.db);
    const organiser = await createMember(system.db);
    await system.graphql(
      'mutation($input: RoleInput!) { grantRole(input: $input) { id } }',
      { input: { memberId: organiser.id, role: 'ORGANISER', branchId: branch.id } },
      adminToken,
    );
    const log = await system.graphql<{
      auditLog: {
        totalCount: number;
        edges: Array<{ node: { action: string; actorId: string; subjectId: string } }>;
      };
    }>(
      '{ auditLog(first: 50) { totalCount edges { node { action actorId subjectId branchId rowCount detail at } } } }',
      {},
      adminToken,
    );
    expect(log.data!.auditLog.edges[0].node).toMatchObject({
      action: 'role.grant',
      actorId: admin.id,
      subjectId: organiser.id,
    });
    expect(log.data!.auditLog.edges.map((e) => e.node.action)).toEqual(
      expect.arrayContaining(['data-rights.access-request', 'data-rights.erasure-request', 'member.erase']),
    );
    const organiserToken = await signIn(system, organiser);
    const refused = await system.graphql('{ auditLog { totalCount } }', {}, organiserToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
