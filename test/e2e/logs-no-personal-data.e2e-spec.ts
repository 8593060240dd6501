import { setLogDestination } from '@app/core';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { createEvent } from '../factories/events';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

/**
 * Every public flow, run with known names, addresses and postcodes, with the api's and the
 * worker's logs captured (both log through the same pino set-up, to the destination set here):
 * none of what the people gave, nor any link token mailed to them, may appear in them.
 */
describe('logs hold no personal data', () => {
  let system: TestSystem;
  const lines: string[] = [];
  const tokens: string[] = [];

  const people = {
    joiner: { fullName: 'Ailsa Frobisher', email: 'ailsa.frobisher@example.org', postcode: 'KY16 9AJ' },
    signer: { fullName: 'Torcuil Vanderbeck', email: 'torcuil.v@example.org', postcode: 'KY11 3BX' },
    writer: { fullName: 'Morag Quillinane', email: 'morag.quill@example.org', postcode: 'AB2 1DD' },
    replier: { fullName: 'Seonaid Brackenbury', email: 'seonaid.b@example.org', postcode: 'DD4 8TR' },
    owner: { fullName: 'Lachlan Oyelaran', email: 'lachlan.oye@nightlife.example.org', postcode: 'G1 4QD' },
    pageSigner: { fullName: 'Iona Featherstonehaugh', email: 'iona.fh@example.org', postcode: 'KY12 7BB' },
  };

  beforeAll(async () => {
    setLogDestination({ write: (line: string) => void lines.push(line) });
    system = await TestSystem.start({ env: { LOG_LEVEL: 'debug', LETTER_TARGET_INTERVAL_MS: '0' } });
    await importScotland(system);
  });
  afterAll(async () => {
    setLogDestination(undefined);
    await system.stop();
  });

  /** Waits for the next mail to `email` and remembers the link token in it. */
  async function linkFrom(email: string, count: number, path: string): Promise<string> {
    const token = tokenFromMail((await system.mail.waitFor(email, count)).text, path);
    tokens.push(token);
    return token;
  }

  const gql = async (query: string, variables: Record<string, unknown> = {}, session?: string) => {
    const res = await system.graphql(query, variables, session);
    expect(res.errors).toBeUndefined();
    return res;
  };

  it('runs every public flow without a name, address, postcode or token reaching the logs', async () => {
    const branch = await createBranch(system.db, { postcodeAreas: ['KY', 'DD', 'G', 'AB'] });

    // Joining, confirming the address, signing in.
    const { joiner } = people;
    await gql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
      input: { ...joiner, emailOptIn: true, branchSlug: branch.slug },
    });
    const confirmEmail = await linkFrom(joiner.email, 1, '/confirm-email');
    await system.http().post('/confirm-email').type('form').send({ token: confirmEmail }).expect(200);
    await gql(`mutation { requestSignInLink(email: "${joiner.email}") }`);
    const signInToken = await linkFrom(joiner.email, 2, '/sign-in');
    const session = await system.graphql<{ signIn: { token: string } }>(
      'mutation($token: String!) { signIn(token: $token) { token } }',
      { token: signInToken },
    );
    tokens.push(session.data!.signIn.token);
    await gql('{ me { id } }', {}, session.data!.signIn.token);

    // Signing a petition (GraphQL) and confirming; signing from the page form.
    const petition = await createOpenPetition(system.db);
    const { signer, pageSigner } = people;
    await gql('mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }', {
      input: { petitionSlug: petition.slug, ...signer, emailOptIn: false, showName: true },
    });
    const signature = await linkFrom(signer.email, 1, '/petitions/confirm');
    await system.http().post('/petitions/confirm').type('form').send({ token: signature }).expect(200);
    await system
      .http()
      .post(`/petitions/${petition.slug}`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...pageSigner, emailOptIn: 'true' })
      .expect(303);
    await linkFrom(pageSigner.email, 1, '/petitions/confirm');

    // Writing to an MSP-like target and confirming: the worker delivers it.
    const minister = await createTarget(system.db, { email: 'minister@gov.example.org' });
    const campaign = await createOpenLetterCampaign(system.db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [minister.id],
    });
    const { writer } = people;
    await gql('mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }', {
      input: {
        campaignSlug: campaign.slug,
        ...writer,
        subject: 'Drug checking in Aberdeen',
        body: `Dear Minister,\n\nPlease fund drug checking.\n\n${writer.fullName}, ${writer.postcode}`,
        emailOptIn: false,
      },
    });
    const letters = await linkFrom(writer.email, 1, '/letters/confirm');
    await gql('mutation($token: String!) { confirmLetters(token: $token) { queued } }', { token: letters });
    await system.mail.waitFor('minister@gov.example.org');

    // Replying to an event, and cancelling by the emailed link.
    const event = await createEvent(system.db, { branchId: branch.id });
    const { replier } = people;
    await gql('mutation($input: RsvpInput!) { rsvp(input: $input) { status } }', {
      input: { eventId: event.id, ...replier, emailOptIn: false },
    });
    const cancel = await linkFrom(replier.email, 1, '/rsvp/cancel');
    await system.http().post('/rsvp/cancel').type('form').send({ token: cancel }).expect(200);

    // Registering a venue pledge and confirming it.
    const { owner } = people;
    await gql(
      'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }',
      {
        input: {
          venue: {
            name: 'The Frobisher Rooms',
            kind: 'CLUB',
            address: '22 Jamaica Street',
            postcode: owner.postcode,
          },
          owner: { fullName: owner.fullName, email: owner.email, role: 'general manager' },
          commitments: ['welfare-space', 'free-water'],
          notes: '',
        },
      },
    );
    const pledge = await linkFrom(owner.email, 1, '/pledges/confirm');
    await system.http().post('/pledges/confirm').type('form').send({ token: pledge }).expect(200);

    // Asking for one's data and its erasure (a signer who never joined), and a bad input.
    await gql(`mutation { requestMyData(email: "${signer.email}") }`);
    const download = await linkFrom(signer.email, 2, '/my-data');
    await system.http().get(`/my-data?token=${download}`).expect(200);
    await gql(`mutation { requestErasure(email: "${signer.email}") }`);
    const erase = await linkFrom(signer.email, 3, '/erase');
    await system.http().post('/erase').type('form').send({ token: erase }).expect(200);
    const bad = await system.graphql(
      'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }',
      {
        input: {
          fullName: joiner.fullName,
          email: joiner.email,
          postcode: 'not a postcode',
          emailOptIn: false,
        },
      },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // An organiser's export (audited, and a download full of personal data).
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    await system
      .http()
      .get(`/branches/${branch.id}/members.csv`)
      .set('Authorization', `Bearer ${organiser}`)
      .expect(200);
    tokens.push(organiser);

    // The logs were written (so this test can see them) …
    await system.eventually(async () => lines.some((l) => l.includes('Sent email')));
    const output = lines.join('');
    expect(output).toContain('POST /graphql 200');
    expect(output).toContain('POST /petitions/confirm 200');
    // … and hold none of it.
    const secrets = Object.values(people).flatMap((p) => [
      p.fullName,
      ...p.fullName.split(' '),
      p.email,
      p.email.split('@')[0],
      p.postcode,
      p.postcode.replace(' ', ''),
    ]);
    for (const secret of [...secrets, ...tokens]) {
      expect({ secret, found: output.toLowerCase().includes(secret.toLowerCase()) }).toEqual({
        secret,
        found: false,
      });
    }
  });
});
