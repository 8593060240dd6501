import type { NestExpressApplication } from '@nestjs/platform-express';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { Branch } from '@app/branches';
import { Rsvp } from '@app/events';
import { OutboxMessage } from '@app/mail';
import { Petition, Signature } from '@app/petitions';
import { Venue } from '@app/pledges';
import { Target } from '@app/targets';
import { createBranch, createMember, signIn } from '../factories';
import { GraphqlResponse, TestSystem, tokenFromMail } from '../support/test-system';

/** REPEAT_WINDOW_SECONDS here. */
const WINDOW_MS = 5000; // long enough that ten requests at once all start within it, even on a busy machine
const HOUR = 3_600_000;

const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const CONFIRM_SIGNATURE = 'mutation($token: String!) { confirmSignature(token: $token) { signatureCount } }';
const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const CONFIRM_LETTERS = 'mutation($token: String!) { confirmLetters(token: $token) { queued } }';
const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const REGISTER =
  'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }';
const RSVP = 'mutation($input: RsvpInput!) { rsvp(input: $input) { status } }';
const CANCEL_RSVP = 'mutation($token: String!) { cancelRsvp(token: $token) }';
const REQUEST_LINK = 'mutation($email: String!) { requestSignInLink(email: $email) }';
const SIGN_IN = 'mutation($token: String!) { signIn(token: $token) { token } }';

/**
 * A double-click, a form sent again, ten identical requests at once: the first is the only one
 * that writes or mails anything, and every link already mailed keeps working until it is used.
 */
describe('repeated public requests', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let n = 0;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { REPEAT_WINDOW_SECONDS: String(WINDOW_MS / 1000) } });
    branch = await createBranch(system.db, { postcodeAreas: ['DD'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
  });
  afterAll(() => system.stop());

  const tenAtOnce = <T>(request: () => Promise<T>): Promise<T[]> =>
    Promise.all(Array.from({ length: 10 }, request));

  /** Waits for mail to settle, then returns everything `address` received. */
  async function settledMail(address: string, atLeast = 1) {
    await system.mail.waitFor(address, atLeast);
    await sleep(800);
    return system.mail.to(address);
  }

  async function openPetition(): Promise<string> {
    n += 1;
    const created = await system.graphql<{ createPetition: { id: string } }>(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          title: `Safer consumption facilities ${n}`,
          slug: `safer-consumption-${n}`,
          summary: 'Open safer drug consumption facilities.',
          body: 'We call on the Scottish Government to open safer drug consumption facilities.',
          targetName: 'Scottish Government',
          branchId: branch.id,
          goal: 100,
        },
      },
      organiser,
    );
    await system.graphql(
      `mutation { openPetition(id: "${created.data!.createPetition.id}") { status } }`,
      {},
      organiser,
    );
    return `safer-consumption-${n}`;
  }

  async function publishedEvent(title: string, capacity: number): Promise<string> {
    n += 1;
    const startsAt = new Date(Date.now() + (7 + n) * 24 * HOUR);
    const created = await system.graphql<{ createEvent: { id: string } }>(
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          branchId: branch.id,
          title,
          kind: 'TRAINING',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * HOUR),
          location: { name: 'Community hall', address: '1 High Street', postcode: 'dd1 1aa' },
          capacity,
        },
      },
      organiser,
    );
    const eventId = created.data!.createEvent.id;
    await system.graphql(`mutation($id: ID!) { publishEvent(id: $id) { id } }`, { id: eventId }, organiser);
    return eventId;
  }

  const signer = (slug: string, who: string) => ({
    petitionSlug: slug,
    fullName: `Morven ${who} Reid`,
    email: `signer-${who}-${slug}@example.org`,
    postcode: 'DD1 4HN',
    emailOptIn: false,
    showName: false,
  });

  it('signs and mails once for ten identical signings at once, and that link works', async () => {
    const slug = await openPetition();
    const input = signer(slug, 'ten');
    const answers = await tenAtOnce(() => system.graphql(SIGN, { input }));
    expect(new Set(answers.map((a) => JSON.stringify(a.data)))).toEqual(
      new Set([JSON.stringify({ signPetition: { status: 'CONFIRMATION_SENT' } })]),
    );
    const mails = await settledMail(input.email);
    expect(mails).toHaveLength(1);
    const confirmed = await system.graphql(CONFIRM_SIGNATURE, {
      token: tokenFromMail(mails[0].text, '/petitions/confirm'),
    });
    expect(confirmed.data).toEqual({ confirmSignature: { signatureCount: 1 } });
  });

  it('keeps a signature link working when a later repeat mails a fresh one', async () => {
    const slug = await openPetition();
    const input = signer(slug, 'later');
    await system.graphql(SIGN, { input });
    const first = await system.mail.waitFor(input.email);
    await sleep(WINDOW_MS + 200);
    // Past the window: the first email may have been lost, so a new link goes out.
    await system.graphql(SIGN, { input });
    const second = await system.mail.waitFor(input.email, 2);
    expect(tokenFromMail(second.text, '/petitions/confirm')).not.toBe(
      tokenFromMail(first.text, '/petitions/confirm'),
    );
    // The first email to arrive is the one people click.
    const confirmed = await system.graphql(CONFIRM_SIGNATURE, {
      token: tokenFromMail(first.text, '/petitions/confirm'),
    });
    expect(confirmed.data).toEqual({ confirmSignature: { signatureCount: 1 } });
    // Used: neither link counts it again.
    const again = await system.graphql(CONFIRM_SIGNATURE, {
      token: tokenFromMail(second.text, '/petitions/confirm'),
    });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets a signing that failed after its claim be sent again at once, and then it mails', async () => {
    const slug = await openPetition();
    const input = signer(slug, 'failed');
    await system.graphql(SIGN, { input });
    await system.mail.waitFor(input.email);
    // Signing again (not identical: another postcode) reaches the repeat signer's path, which a
    // trigger here makes fail after the signing's statement (and its claim) committed.
    const again = { ...input, postcode: 'DD1 5EH' };
    await system.db.query(`
      CREATE FUNCTION test_refuse_signature_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
      CREATE TRIGGER test_refuse_signature_update BEFORE UPDATE ON signature
        FOR EACH ROW EXECUTE FUNCTION test_refuse_signature_update();`);
    try {
      const failed = await system.graphql(SIGN, { input: again });
      expect(failed.errors).toBeDefined();
    } finally {
      await system.db.query(`DROP TRIGGER test_refuse_signature_update ON signature;
        DROP FUNCTION test_refuse_signature_update();`);
    }
    // The same request again, within the window: not taken for a double-click of the failed one.
    expect((await system.graphql(SIGN, { input: again })).data).toEqual({
      signPetition: { status: 'CONFIRMATION_SENT' },
    });
    const fresh = await system.mail.waitFor(input.email, 2);
    expect(fresh.text).toContain('/petitions/confirm');
  });

  it('refuses the same signing again when the petition closed a moment ago, on another api', async () => {
    // A second api replica (as behind a load balancer). Each api keeps an open petition it looked up
    // for PUBLIC_READ_CACHE_MS (this one for a minute, so the test does not race the clock); a
    // refusal in the statement forgets it on that api only. So the repeat, sent to the other api,
    // reaches the signing's statement (and its claim) rather than being refused before.
    const { createApi } = await import('../../apps/api/src/bootstrap.js');
    const cacheMs = process.env.PUBLIC_READ_CACHE_MS;
    process.env.PUBLIC_READ_CACHE_MS = '60000';
    const replica: NestExpressApplication = await createApi().finally(() => {
      if (cacheMs === undefined) {
        delete process.env.PUBLIC_READ_CACHE_MS;
      } else {
        process.env.PUBLIC_READ_CACHE_MS = cacheMs;
      }
    });
    try {
      type Signed = GraphqlResponse<{ signPetition: { status: string } | null }>;
      const onReplica = async (input: Record<string, unknown>): Promise<Signed> => {
        const res = await request(replica.getHttpServer())
          .post('/graphql')
          .set('Content-Type', 'application/json')
          .send({ query: SIGN, variables: { input } });
        return { status: res.status, ...(res.body as Omit<Signed, 'status'>) };
      };
      const slug = await openPetition();
      const { id } = await system.db.getRepository(Petition).findOneByOrFail({ slug });
      // Someone signs through each api while the petition is open: both now take it for open.
      expect((await system.graphql(SIGN, { input: signer(slug, 'early') })).errors).toBeUndefined();
      expect((await onReplica(signer(slug, 'early-too'))).errors).toBeUndefined();
      await system.graphql(`mutation { closePetition(id: "${id}") { status } }`, {}, organiser);

      // The same request twice in a row, from the same address, the second on the other api.
      const input = signer(slug, 'closed');
      const first: Signed = await system.graphql(SIGN, { input });
      const second = await onReplica(input);
      for (const answer of [first, second]) {
        expect(answer.data?.signPetition ?? null).toBeNull();
        expect(answer.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'petitionSlug' }],
        });
      }
      expect(second.errors).toEqual(first.errors);
      expect(await system.db.getRepository(Signature).countBy({ petitionId: id, email: input.email })).toBe(
        0,
      );
      expect(await system.db.getRepository(OutboxMessage).countBy({ toAddress: input.email })).toBe(0);
    } finally {
      await replica.close();
    }
  });

  describe('letters', () => {
    let slug: string;

    beforeAll(async () => {
      const target = await system.db.getRepository(Target).save({
        kind: 'INSTITUTION',
        name: 'Minister for Drugs and Alcohol Policy',
        title: 'Minister',
        organisation: 'Scottish Government',
        email: 'minister-repeats@gov.example.org',
      });
      const created = await system.graphql<{ createLetterCampaign: { id: string } }>(
        `mutation($input: CreateLetterCampaignInput!) { createLetterCampaign(input: $input) { id } }`,
        {
          input: {
            title: 'Drug checking now',
            slug: 'drug-checking-repeats',
            branchId: branch.id,
            targeting: 'SELECTED_TARGETS',
            targetIds: [target.id],
            subjectTemplate: 'Drug checking services',
            bodyTemplate: 'Dear {{target.name}},\n\nPlease fund drug checking.\n\n{{supporter.fullName}}',
            requirePersonalisation: false,
          },
        },
        organiser,
      );
      const id = created.data!.createLetterCampaign.id;
      await system.graphql(`mutation { openLetterCampaign(id: "${id}") { status } }`, {}, organiser);
      slug = 'drug-checking-repeats';
    });

    const writer = (who: string) => ({
      campaignSlug: slug,
      fullName: `Alasdair ${who}`,
      email: `writer-${who}@example.org`,
      postcode: 'DD1 4HN',
      subject: 'Drug checking services',
      body: 'Dear Minister,\n\nPlease fund drug checking: it keeps people who use drugs alive.\n\nAlasdair',
      emailOptIn: false,
    });

    it('writes and mails once for ten identical writings at once, and that link sends the letter', async () => {
      const input = writer('ten');
      await tenAtOnce(() => system.graphql(WRITE, { input }));
      const mails = await settledMail(input.email);
      expect(mails).toHaveLength(1);
      const confirmed = await system.graphql(CONFIRM_LETTERS, {
        token: tokenFromMail(mails[0].text, '/letters/confirm'),
      });
      expect(confirmed.data).toEqual({ confirmLetters: { queued: 1 } });
    });

    it('keeps the link of the same letter working when a later repeat mails a fresh one', async () => {
      const input = writer('later');
      await system.graphql(WRITE, { input });
      const first = await system.mail.waitFor(input.email);
      await sleep(WINDOW_MS + 200);
      await system.graphql(WRITE, { input });
      const second = await system.mail.waitFor(input.email, 2);
      const confirmed = await system.graphql(CONFIRM_LETTERS, {
        token: tokenFromMail(first.text, '/letters/confirm'),
      });
      expect(confirmed.data).toEqual({ confirmLetters: { queued: 1 } });
      const again = await system.graphql(CONFIRM_LETTERS, {
        token: tokenFromMail(second.text, '/letters/confirm'),
      });
      expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('joins and mails once for ten identical joinings at once', async () => {
    const input = {
      fullName: 'Catriona Bell',
      email: 'catriona@example.org',
      postcode: 'DD1 4HN',
      emailOptIn: true,
    };
    await tenAtOnce(() => system.graphql(JOIN, { input }));
    const mails = await settledMail(input.email);
    expect(mails.map((m) => m.subject)).toEqual(['Please confirm your email address']);
  });

  it('registers one venue and mails once for ten identical registrations at once', async () => {
    const input = {
      venue: {
        name: 'The Reading Rooms',
        kind: 'CLUB',
        address: '57 Blackness Road, Dundee',
        postcode: 'dd1 5pn',
      },
      owner: { fullName: 'Ewan Doig', email: 'ewan@venue.example.org', role: 'licensee' },
      commitments: ['welfare-space', 'free-water'],
      notes: 'Welfare team on every club night.',
    };
    const answers = await tenAtOnce(() => system.graphql(REGISTER, { input }));
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    const mails = await settledMail(input.owner.email);
    expect(mails).toHaveLength(1);
    expect(await system.db.getRepository(Venue).countBy({ name: 'The Reading Rooms' })).toBe(1);
  });

  it('mails one data-rights link for ten identical requests at once', async () => {
    const member = await createMember(system.db);
    await tenAtOnce(() =>
      system.graphql('mutation($email: String!) { requestMyData(email: $email) }', { email: member.email }),
    );
    expect(await settledMail(member.email)).toHaveLength(1);
  });

  it('mails one sign-in link for ten identical requests at once, and that link signs in', async () => {
    const member = await createMember(system.db);
    const answers = await tenAtOnce(() => system.graphql(REQUEST_LINK, { email: member.email }));
    expect(answers.map((a) => a.data)).toEqual(
      Array.from({ length: 10 }, () => ({ requestSignInLink: true })),
    );
    const mails = await settledMail(member.email);
    expect(mails).toHaveLength(1);
    expect(await system.db.getRepository(OutboxMessage).countBy({ toAddress: member.email })).toBe(1);
    const signedIn = await system.graphql(SIGN_IN, { token: tokenFromMail(mails[0].text, '/sign-in') });
    expect(signedIn.errors).toBeUndefined();
  });

  it('replies once and mails once for ten identical RSVPs at once, all answered alike', async () => {
    const eventId = await publishedEvent('Naloxone training', 5);
    const input = { eventId, fullName: 'Isla Double', email: 'isla.double@example.org', emailOptIn: false };
    const answers = await tenAtOnce(() => system.graphql(RSVP, { input }));
    expect(answers.map((a) => a.data)).toEqual(
      Array.from({ length: 10 }, () => ({ rsvp: { status: 'GOING' } })),
    );
    const mails = await settledMail(input.email);
    expect(mails).toHaveLength(1);
    expect(await system.db.getRepository(Rsvp).countBy({ eventId })).toBe(1);
    // The one link mailed works.
    const cancelled = await system.graphql(CANCEL_RSVP, {
      token: tokenFromMail(mails[0].text, '/rsvp/cancel'),
    });
    expect(cancelled.errors).toBeUndefined();
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'CANCELLED' })).toBe(1);
    // Changing their mind within the window, in the same words, is a new reply: recorded and mailed.
    const again = await system.graphql(RSVP, { input });
    expect(again.data).toEqual({ rsvp: { status: 'GOING' } });
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(1);
    expect(await settledMail(input.email, 2)).toHaveLength(2); // going, and going again
  });

  it("keeps the waiting-list email's cancel link working after a place comes free", async () => {
    const eventId = await publishedEvent('Overdose response training', 1);
    const going = { eventId, fullName: 'Iona Going', email: 'iona@example.org', emailOptIn: false };
    const waiting = { eventId, fullName: 'Fraser Waiting', email: 'fraser@example.org', emailOptIn: false };
    await system.graphql(RSVP, { input: going });
    await system.graphql(RSVP, { input: waiting });
    const waitlisted = await system.mail.waitFor(waiting.email);
    expect(waitlisted.subject).toContain('waiting list');

    // A place comes free: the person waiting is emailed a new link; the old one must still work.
    const goingMail = await system.mail.waitFor(going.email);
    await system.graphql(CANCEL_RSVP, { token: tokenFromMail(goingMail.text, '/rsvp/cancel') });
    await system.mail.waitFor(waiting.email, 2);
    const cancelled = await system.graphql(CANCEL_RSVP, {
      token: tokenFromMail(waitlisted.text, '/rsvp/cancel'),
    });
    expect(cancelled.errors).toBeUndefined();
    expect(await system.db.getRepository(Rsvp).countBy({ eventId, status: 'GOING' })).toBe(0);
  });
});
