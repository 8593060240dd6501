import { OutboxMessage } from '@app/mail';
import { Member } from '@app/members';
import { Signature } from '@app/petitions';
import { createBranch, createMember, signIn } from '../factories';
import { TcpProxy } from '../support/tcp-proxy';
import { GraphqlResponse, TestSystem } from '../support/test-system';

const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const codeOf = (res: GraphqlResponse) => res.errors?.[0].extensions?.code ?? 'ok';

describe('public actions while Redis is away', () => {
  let system: TestSystem;
  let proxy: TcpProxy;
  let slug: string;

  const signer = (n: number) => ({
    petitionSlug: slug,
    fullName: `Signer ${n} Surname`,
    email: `redis-away-${n}@example.org`,
    postcode: 'KY1 1AA',
    emailOptIn: false,
  });

  beforeAll(async () => {
    const through = await TcpProxy.for(REDIS_URL, 6379);
    proxy = through.proxy;
    system = await TestSystem.start({
      env: {
        NODE_ENV: 'production',
        REDIS_URL: through.url(REDIS_URL),
        // Shared limit 20 a minute; while Redis is away each process allows half: 10.
        RATE_LIMIT_PUBLIC: '20',
        RATE_LIMIT_FALLBACK_PERCENT: '50',
        PETITION_BURST_LIMIT: '1000',
        PETITION_HOURLY_LIMIT: '1000',
        OUTBOX_SWEEP_INTERVAL_MS: '500',
        TRUST_PROXY: '1',
      },
    });
    const branch = await createBranch(system.db, { postcodeAreas: ['KY'] });
    const organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
    slug = 'naloxone-in-every-venue';
    const created = await system.graphql<{ createPetition: { id: string } }>(
      'mutation($input: CreatePetitionInput!) { createPetition(input: $input) { id } }',
      {
        input: {
          title: 'Naloxone in every venue',
          slug,
          summary: 'Naloxone kits and trained staff in every club and bar.',
          body: 'We call on the night-time industry to keep naloxone on site and train staff to use it.',
          targetName: 'Night-time industry',
          branchId: branch.id,
          goal: 100,
        },
      },
      organiser,
    );
    await system.graphql(
      'mutation($id: ID!) { openPetition(id: $id) { status } }',
      { id: created.data?.createPetition.id },
      organiser,
    );
  });
  afterAll(async () => {
    process.env.REDIS_URL = REDIS_URL;
    await proxy.restart().catch(() => undefined);
    await system.stop();
    await proxy.stop();
  });

  it('keeps accepting signatures within a local limit, and their mail goes out once Redis is back', async () => {
    expect(codeOf(await system.graphql(SIGN, { input: signer(0) }))).toBe('ok');
    await system.mail.waitFor(signer(0).email);

    await proxy.stop();
    // Live (an orchestrator must not restart the api for it), but not ready for a load balancer.
    const live = await system.http().get('/health').expect(200);
    expect(live.body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
    await system.http().get('/ready').expect(503);
    const during = await Promise.all(
      Array.from({ length: 10 }, (_, i) => system.graphql(SIGN, { input: signer(i + 1) })),
    );
    expect(during.map(codeOf)).toEqual(Array.from({ length: 10 }, () => 'ok'));
    expect(during.map((res) => res.data)).toEqual(
      Array.from({ length: 10 }, () => ({ signPetition: { status: 'CONFIRMATION_SENT' } })),
    );
    // The local limit still holds: the next one is refused as too many, not as a failure.
    const over = await system.graphql(SIGN, { input: signer(11) });
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'RATE_LIMITED',
    });
    // Another public action from someone else's address is counted apart.
    const join = await system
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({
        query: JOIN,
        variables: {
          input: {
            fullName: 'Kirsty Bell',
            email: 'kirsty@example.org',
            postcode: 'KY1 1AA',
            emailOptIn: true,
          },
        },
      });
    expect(join.body).toMatchObject({ data: { joinCampaign: { status: 'CONFIRMATION_SENT' } } });

    // Every signature is stored, its email waiting in the outbox.
    const emails = Array.from({ length: 10 }, (_, i) => signer(i + 1).email);
    const stored = await system.db
      .getRepository(Signature)
      .find({ where: emails.map((email) => ({ email })) });
    expect(stored).toHaveLength(10);
    expect(
      await system.db
        .getRepository(OutboxMessage)
        .countBy(emails.map((toAddress) => ({ toAddress, status: 'PENDING' as const }))),
    ).toBe(10);
    expect(await system.db.getRepository(Member).countBy({ email: 'kirsty@example.org' })).toBe(1);

    await proxy.restart();
    for (const email of emails) {
      await system.mail.waitFor(email, 1, 30_000);
    }
    await system.mail.waitFor('kirsty@example.org', 1, 30_000);
  });
});

describe('public actions when Redis was never there', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({
      worker: false,
      env: { REDIS_URL: 'redis://127.0.0.1:1', TRUST_PROXY: '1', RATE_LIMIT_PUBLIC: '20' },
    });
    await createBranch(system.db, { postcodeAreas: ['KY'] });
  });
  afterAll(async () => {
    process.env.REDIS_URL = REDIS_URL;
    await system.stop();
  });

  /** Ten requests at once, each from a client address of its own (198.51.100.`from`…). */
  const tenFromTenClients = (from: number, body: (i: number) => Record<string, unknown>) =>
    Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        system
          .http()
          .post('/graphql')
          .set('Content-Type', 'application/json')
          .set('X-Forwarded-For', `198.51.100.${i + from}`)
          .send(body(i)),
      ),
    );

  it('accepts a new member and keeps their email in the outbox', async () => {
    const res = await system.graphql(JOIN, {
      input: { fullName: 'Ailsa Gray', email: 'ailsa@example.org', postcode: 'KY1 1AA', emailOptIn: false },
    });
    expect(res.data).toEqual({ joinCampaign: { status: 'CONFIRMATION_SENT' } });
    expect(
      await system.db
        .getRepository(OutboxMessage)
        .countBy({ toAddress: 'ailsa@example.org', status: 'PENDING' }),
    ).toBe(1);
  });

  it('still caps mail to one address (five of a kind), counted in this process, across client addresses', async () => {
    const email = 'flooded@venue.example.org';
    // A venue each, so the repeat guard does not merge them: only the cap holds.
    const answers = await tenFromTenClients(1, (i) => ({
      query: 'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }',
      variables: {
        input: {
          venue: { name: `The Venue ${i}`, kind: 'CLUB', address: '1 High Street', postcode: 'KY1 1AA' },
          owner: { fullName: 'Owner Person', email, role: 'manager' },
          commitments: ['welfare-space', 'free-water'],
        },
      },
    }));
    expect(answers.map((res) => res.body as unknown)).toEqual(
      Array.from({ length: 10 }, () => ({ data: { registerVenuePledge: { status: 'CONFIRMATION_SENT' } } })),
    );
    expect(await system.db.getRepository(OutboxMessage).countBy({ toAddress: email })).toBe(5);
  });

  it('keeps every join’s mail unqueued, for the cap to count when the relay can queue it again', async () => {
    const email = 'joined-often@example.org';
    // Each worded differently, so the repeat guard does not merge them.
    const answers = await tenFromTenClients(101, (i) => ({
      query: JOIN,
      variables: { input: { fullName: `Often ${i}`, email, postcode: 'KY1 1AA', emailOptIn: false } },
    }));
    expect(answers.map((res) => res.body as unknown)).toEqual(
      Array.from({ length: 10 }, () => ({ data: { joinCampaign: { status: 'CONFIRMATION_SENT' } } })),
    );
    const rows = await system.db.getRepository(OutboxMessage).findBy({ toAddress: email });
    expect(rows.map((r) => [r.template, r.mailCapKind, r.queuedAt, r.status]).sort()).toEqual([
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['already-member', 'join', null, 'PENDING'],
      ['join-confirmation', 'join', null, 'PENDING'],
    ]);
    expect(await system.db.getRepository(Member).countBy({ email })).toBe(1);
  });
});
