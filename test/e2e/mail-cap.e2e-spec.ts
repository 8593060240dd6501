import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { Branch } from '@app/branches';
import { Letter } from '@app/letters';
import { MAIL_CAP_WITHHELD, OutboxMessage, OutboxService } from '@app/mail';
import { Petition } from '@app/petitions';
import { Target } from '@app/targets';
import { createBranch, createMember, signIn } from '../factories';
import { TestSystem, tokenFromMail } from '../support/test-system';

const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const MY_DATA = 'mutation($email: String!) { requestMyData(email: $email) }';
const ERASURE = 'mutation($email: String!) { requestErasure(email: $email) }';
const SIGN_IN = 'mutation($email: String!) { requestSignInLink(email: $email) }';
const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const CONFIRM_LETTERS = 'mutation($token: String!) { confirmLetters(token: $token) { queued } }';
const RSVP = 'mutation($input: RsvpInput!) { rsvp(input: $input) { status } }';
const REGISTER =
  'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }';
const HOUR = 3_600_000;

/** MAIL_CAP_PER_KIND and MAIL_CAP_PER_DAY at their defaults. */
const PER_KIND = 5;
const PER_DAY = 20;

describe('mail to one address from public actions is capped, whoever asks', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let client = 0;

  /** A public request from a client address of its own (TRUST_PROXY=1), as an attacker with many would send. */
  async function fromNewClient<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: unknown[] }> {
    client += 1;
    const res = await system
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', `198.51.${Math.floor(client / 250)}.${(client % 250) + 1}`)
      .send({ query, variables });
    return res.body as { data?: T; errors?: unknown[] };
  }

  /**
   * Outbox rows to any of these addresses (in any case), optionally of these templates, that will
   * be sent: after the relay has queued what was written (a signing's confirmation is counted by
   * the cap then, and given up past it), those it did not give up.
   */
  async function mailTo(addresses: string[], templates?: string[]): Promise<number> {
    await system.api.get(OutboxService).relay();
    const [{ n }] = await system.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM outbox_message
       WHERE lower(to_address) = ANY($1) AND ($2::text[] IS NULL OR template = ANY($2))
         AND last_error IS DISTINCT FROM $3`,
      [addresses.map((a) => a.toLowerCase()), templates ?? null, MAIL_CAP_WITHHELD],
    );
    return n;
  }

  async function publishedEvent(n: number, branchId = branch.id, as = organiser): Promise<string> {
    const startsAt = new Date(Date.now() + (7 + n) * 24 * HOUR);
    const created = await system.graphql<{ createEvent: { id: string } }>(
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          branchId,
          title: `Naloxone training ${n}`,
          kind: 'MEETING',
          startsAt,
          endsAt: new Date(startsAt.getTime() + HOUR),
          onlineUrl: 'https://meet.example.org/naloxone',
        },
      },
      as,
    );
    const id = created.data!.createEvent.id;
    await system.graphql(`mutation { publishEvent(id: "${id}") { id } }`, {}, as);
    return id;
  }

  beforeAll(async () => {
    // The cap on its own: identical requests are merged earlier by the repeat window (tested in
    // repeats.e2e-spec), which would hide whether the cap holds. Here every request counts.
    system = await TestSystem.start({ worker: false, env: { TRUST_PROXY: '1', REPEAT_WINDOW_SECONDS: '0' } });
    branch = await createBranch(system.db, { postcodeAreas: ['DD'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
  });
  afterAll(() => system.stop());

  it('sends five of each of joinCampaign, requestMyData and requestErasure for ten parallel requests from ten clients, with the same answers', async () => {
    const email = 'bombed@example.org';
    const joins = await Promise.all(
      Array.from({ length: 10 }, () =>
        fromNewClient(JOIN, {
          input: { fullName: 'Bombed Person', email, postcode: 'DD1 4HN', emailOptIn: false },
        }),
      ),
    );
    expect(new Set(joins.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify({ data: { joinCampaign: { status: 'CONFIRMATION_SENT' } } })]),
    );
    expect(await mailTo([email], ['join-confirmation', 'already-member'])).toBe(PER_KIND);

    for (const [mutation, field, template] of [
      [MY_DATA, 'requestMyData', 'data-export'],
      [ERASURE, 'requestErasure', 'erasure-confirmation'],
    ] as const) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => fromNewClient(mutation, { email })));
      expect(answers).toEqual(Array.from({ length: 10 }, () => ({ data: { [field]: true } })));
      expect(await mailTo([email], [template])).toBe(PER_KIND);
    }
  });

  it('counts one inbox however the address is written (case, dots and +tags where the provider ignores them)', async () => {
    const forms = Array.from(
      { length: 8 },
      (_, i) =>
        [`j.o.smith+${i}@gmail.com`, `Jo.Smith+x${i}@googlemail.com`, `josmith+${i}@GMAIL.com`][i % 3],
    );
    for (const email of forms) {
      await fromNewClient(JOIN, {
        input: { fullName: 'Jo Smith', email, postcode: 'DD1 4HN', emailOptIn: false },
      });
    }
    expect(await mailTo(forms)).toBe(PER_KIND);
  });

  it('caps signatures across petitions and repeats, letters written again, RSVPs and venue pledges', async () => {
    const signer = 'signer@example.org';
    for (let n = 0; n < 8; n += 1) {
      const petition = await system.db.getRepository(Petition).save({
        slug: `capped-${n}`,
        title: `Drug checking in every city ${n}`,
        summary: 'Free, confidential drug checking services.',
        body: 'We call on the Scottish Government to fund drug checking services.',
        targetName: 'Scottish Government',
        goal: 100,
        status: 'OPEN',
      });
      const input = {
        petitionSlug: petition.slug,
        fullName: 'Signer Person',
        email: signer,
        postcode: 'DD1 4HN',
        emailOptIn: false,
        showName: false,
      };
      expect(await fromNewClient(SIGN, { input })).toEqual({
        data: { signPetition: { status: 'CONFIRMATION_SENT' } },
      });
    }
    expect(await mailTo([signer])).toBe(PER_KIND);
    // The confirmations past the cap were written with their signatures and given up unsent by the
    // relay, their words (and links) dropped; their signatures wait unconfirmed.
    const withheld = await system.db.query<Array<{ status: string; text_body: string | null }>>(
      `SELECT status, text_body FROM outbox_message WHERE to_address = $1 AND last_error = $2`,
      [signer, MAIL_CAP_WITHHELD],
    );
    expect(withheld).toEqual(Array(8 - PER_KIND).fill({ status: 'FAILED', text_body: null }));
    const [{ pending }] = await system.db.query<Array<{ pending: number }>>(
      `SELECT count(*)::int AS pending FROM signature WHERE email = $1 AND status = 'PENDING'`,
      [signer],
    );
    expect(pending).toBe(8);
    // Signing again (an unconfirmed signer gets a fresh link) is within the same cap.
    expect(
      await fromNewClient(SIGN, {
        input: {
          petitionSlug: 'capped-7',
          fullName: 'Signer Person',
          email: signer,
          postcode: 'DD1 4HN',
          emailOptIn: true,
          showName: false,
        },
      }),
    ).toEqual({ data: { signPetition: { status: 'CONFIRMATION_SENT' } } });
    expect(await mailTo([signer])).toBe(PER_KIND);

    const target = await system.db.getRepository(Target).save({
      kind: 'INSTITUTION',
      name: 'Minister for Drugs Policy',
      title: 'Minister',
      organisation: 'Scottish Government',
      email: 'minister@gov.example.org',
    });
    const created = await system.graphql<{ createLetterCampaign: { id: string } }>(
      `mutation($input: CreateLetterCampaignInput!) { createLetterCampaign(input: $input) { id } }`,
      {
        input: {
          title: 'Fund drug checking',
          slug: 'capped-letters',
          branchId: branch.id,
          targeting: 'SELECTED_TARGETS',
          targetIds: [target.id],
          subjectTemplate: 'Drug checking',
          bodyTemplate: 'Please fund drug checking services.',
          requirePersonalisation: false,
        },
      },
      organiser,
    );
    await system.graphql(
      `mutation { openLetterCampaign(id: "${created.data!.createLetterCampaign.id}") { status } }`,
      {},
      organiser,
    );
    const writer = 'writer@example.org';
    for (let n = 0; n < 8; n += 1) {
      const input = {
        campaignSlug: 'capped-letters',
        fullName: 'Robin Writer',
        email: writer,
        postcode: 'DD1 4HN',
        subject: 'Drug checking',
        body: `Please fund drug checking services. (Draft ${n})`,
        emailOptIn: false,
      };
      expect(await fromNewClient(WRITE, { input })).toEqual({
        data: { writeLetters: { status: 'CONFIRMATION_SENT' } },
      });
    }
    expect(await mailTo([writer])).toBe(PER_KIND);
    // Writes past the cap changed nothing: the last link sent still confirms the words it showed.
    const [lastLink] = await system.db.getRepository(OutboxMessage).find({
      where: { toAddress: writer },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    const confirmed = await system.graphql<{ confirmLetters: { queued: number } }>(CONFIRM_LETTERS, {
      token: tokenFromMail(lastLink.textBody!, '/letters/confirm'),
    });
    expect(confirmed.data).toEqual({ confirmLetters: { queued: 1 } });
    const [letter] = await system.db.getRepository(Letter).findBy({ email: writer });
    expect(letter.body).toContain(`(Draft ${PER_KIND - 1})`);

    const guest = 'guest@example.org';
    for (let n = 0; n < 7; n += 1) {
      const eventId = await publishedEvent(n);
      expect(
        await fromNewClient(RSVP, {
          input: { eventId, fullName: 'Guest Person', email: guest, emailOptIn: false },
        }),
      ).toEqual({ data: { rsvp: { status: 'GOING' } } });
    }
    expect(await mailTo([guest])).toBe(PER_KIND);

    const owner = 'owner@venue.example.org';
    for (let n = 0; n < 7; n += 1) {
      const input = {
        venue: { name: `The Sub Club ${n}`, kind: 'CLUB', address: '22 Jamaica Street', postcode: 'G1 4QD' },
        owner: { fullName: 'Owner Person', email: owner, role: 'general manager' },
        commitments: ['welfare-space', 'free-water'],
      };
      expect(await fromNewClient(REGISTER, { input })).toEqual({
        data: { registerVenuePledge: { status: 'CONFIRMATION_SENT' } },
      });
    }
    expect(await mailTo([owner])).toBe(PER_KIND);
  });

  it('caps "is this record yours?" emails as a kind of their own: replies naming a member to six other branches mail five', async () => {
    const person = await createMember(system.db, { branchId: branch.id });
    const admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    for (let i = 0; i < 6; i += 1) {
      const eventId = await publishedEvent(200 + i, (await createBranch(system.db)).id, admin);
      expect(
        await fromNewClient(RSVP, {
          input: { eventId, fullName: 'Someone Else', email: person.email, emailOptIn: false },
        }),
      ).toEqual({ data: { rsvp: { status: 'GOING' } } });
    }
    expect(await mailTo([person.email], ['link-reply'])).toBe(PER_KIND);
  });

  it('caps all kinds together per day, sign-in links included', async () => {
    const email = 'busy@example.org';
    await fromNewClient(JOIN, {
      input: { fullName: 'Busy Person', email, postcode: 'DD1 4HN', emailOptIn: false },
    });
    for (let n = 0; n < PER_KIND; n += 1) {
      await fromNewClient(SIGN_IN, { email });
      await fromNewClient(MY_DATA, { email });
      await fromNewClient(ERASURE, { email });
    }
    expect(await mailTo([email])).toBe(1 + 3 * PER_KIND);
    const eventId = await publishedEvent(99);
    for (let n = 0; n < PER_KIND; n += 1) {
      await fromNewClient(RSVP, {
        input: { eventId: await publishedEvent(100 + n), fullName: 'Busy', email, emailOptIn: false },
      });
    }
    expect(await mailTo([email])).toBe(PER_DAY);
    expect(
      await fromNewClient(RSVP, { input: { eventId, fullName: 'Busy', email, emailOptIn: false } }),
    ).toEqual({
      data: { rsvp: { status: 'GOING' } },
    });
    expect(await mailTo([email])).toBe(PER_DAY);
  });

  it('keeps no address in its Redis keys, only keyed hashes', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`${process.env.REDIS_PREFIX!}:mailcap:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const address of ['bombed@example.org', 'josmith@gmail.com', 'busy@example.org']) {
        const plain = createHash('sha256').update(address).digest('hex');
        expect(keys.filter((k) => k.includes(address) || k.includes(plain))).toEqual([]);
      }
    } finally {
      redis.disconnect();
    }
  });
});
