import { OutboxMessage } from '@app/mail';
import { createMember } from '../factories';
import { StallPhase } from '../support/mail-sink';
import { TestSystem } from '../support/test-system';

const REQUEST_LINK = 'mutation($email: String!) { requestSignInLink(email: $email) }';

/** SMTP servers that stall or stay away for long: nothing is lost, and nothing waits on a dead session. */
describe('mail through SMTP outages', () => {
  let system: TestSystem;
  const outboxFor = (to: string) => system.db.getRepository(OutboxMessage).findOneByOrFail({ toAddress: to });

  beforeAll(async () => {
    // The api is told to retry once, ten minutes later; the worker to retry every 100 ms doubling
    // to 800 ms. Retrying is the worker's business: only its settings may count.
    system = await TestSystem.start({
      worker: false,
      env: {
        SMTP_GREETING_TIMEOUT_MS: '1500',
        SMTP_SOCKET_TIMEOUT_MS: '1500',
        MAIL_RETRY_ATTEMPTS: '1',
        MAIL_RETRY_DELAY_MS: '600000',
      },
    });
    await system.startWorker({ MAIL_RETRY_ATTEMPTS: '4', MAIL_RETRY_DELAY_MS: '100' });
  });
  afterAll(() => system.stop());
  afterEach(() => system.mail.stall(null));

  it.each<[StallPhase]>([['data'], ['greeting']])(
    'gives up a session stalled at %s as a temporary failure and retries it on a fresh connection',
    async (phase) => {
      // A message first, so the worker holds kept-open connections to the server when it goes wrong.
      const early = await createMember(system.db);
      await system.graphql(REQUEST_LINK, { email: early.email });
      await system.mail.waitFor(early.email, 1, 30_000);

      // The server goes wrong, dropping the sessions open at that moment (as a restart would). More
      // stalled messages than the worker has slots (5): before the timeouts, every slot waited on
      // nodemailer's ten-minute default and nothing else moved.
      const stalledBefore = system.mail.stalledSessions;
      system.mail.stall(phase);
      const stuck = await Promise.all(Array.from({ length: 6 }, () => createMember(system.db)));
      for (const member of stuck) {
        await system.graphql(REQUEST_LINK, { email: member.email });
      }
      await system.eventually(async () => system.mail.stalledSessions - stalledBefore >= 5);

      // The server recovers; the sessions it left hanging never get an answer.
      const recoveredAt = Date.now();
      system.mail.stall(null);
      const later = await createMember(system.db);
      await system.graphql(REQUEST_LINK, { email: later.email });
      await system.mail.waitFor(later.email, 1, 30_000);
      for (const member of stuck) {
        await system.mail.waitFor(member.email, 1, 30_000);
      }

      for (const member of stuck) {
        const row = await system.eventually(async () => {
          const current = await outboxFor(member.email);
          return current.status === 'SENT' ? current : undefined;
        });
        // Each one sent once, after at least one attempt that timed out, over a connection opened
        // after the server recovered.
        expect(system.mail.to(member.email)).toHaveLength(1);
        expect(system.mail.to(member.email)[0].connectedAt).toBeGreaterThanOrEqual(recoveredAt);
        expect(row.attempts).toBeGreaterThanOrEqual(1);
      }
      const timedOut = await system.db
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.to_address IN (:...to)', { to: stuck.map((m) => m.email) })
        .andWhere('m.attempts > 1')
        .getCount();
      expect(timedOut).toBeGreaterThanOrEqual(5);
    },
  );

  /**
   * Stops the SMTP server, runs `work` (which returns the addresses it mailed), and starts the
   * server again once each of those messages has been tried more than `attempts` times (and
   * `meanwhile` has run).
   */
  async function duringOutage(
    attempts: number,
    work: () => Promise<string[]>,
    meanwhile: () => Promise<unknown> = async () => undefined,
  ): Promise<void> {
    const port = system.mail.port;
    await system.mail.stop();
    try {
      const addresses = await work();
      await system.eventually(async () => {
        const rows = await system.db
          .getRepository(OutboxMessage)
          .findBy(addresses.map((toAddress) => ({ toAddress })));
        return rows.length === addresses.length && rows.every((r) => r.attempts > attempts);
      }, 30_000);
      await meanwhile();
    } finally {
      await system.mail.start(port);
    }
  }

  it('keeps confirmations, sign-in links and data-rights mail through an outage longer than the retries', async () => {
    const member = await createMember(system.db);
    const asker = await createMember(system.db);
    const joiner = `joiner-${Date.now()}@example.org`;
    // Past MAIL_RETRY_ATTEMPTS (4) tries each, where they used to be given up for good.
    await duringOutage(5, async () => {
      await system.graphql(REQUEST_LINK, { email: member.email });
      await system.graphql('mutation($email: String!) { requestMyData(email: $email) }', {
        email: asker.email,
      });
      await system.graphql(
        'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }',
        {
          input: { fullName: 'Eilidh Grant', email: joiner, postcode: 'DD1 4HN', emailOptIn: false },
        },
      );
      return [member.email, asker.email, joiner];
    });
    for (const address of [member.email, asker.email, joiner]) {
      await system.mail.waitFor(address, 1, 30_000);
      const row = await system.eventually(async () => {
        const current = await outboxFor(address);
        return current.status === 'SENT' ? current : undefined;
      });
      expect(row.attempts).toBeGreaterThan(6);
      expect(system.mail.to(address)).toHaveLength(1);
    }
  });

  it('gives up, unsent, only mail that has itself expired (a sign-in link past its 15 minutes)', async () => {
    const member = await createMember(system.db);
    const asker = await createMember(system.db);
    await duringOutage(
      1,
      async () => {
        await system.graphql(REQUEST_LINK, { email: member.email });
        await system.graphql('mutation($email: String!) { requestMyData(email: $email) }', {
          email: asker.email,
        });
        return [member.email, asker.email];
      },
      // The link is dead by the time the server is back: a quarter of an hour passes (the row is
      // moved back in time rather than the test waiting 15 minutes).
      () =>
        system.db.query(
          `UPDATE outbox_message SET expires_at = now() - interval '1 second' WHERE to_address = $1`,
          [member.email],
        ),
    );
    const expired = await system.eventually(async () => {
      const current = await outboxFor(member.email);
      return current.status === 'FAILED' ? current : undefined;
    }, 30_000);
    expect(expired).toMatchObject({
      lastError: 'expired before it could be sent',
      textBody: null,
      htmlBody: null,
    });
    await system.mail.waitFor(asker.email, 1, 30_000);
    expect(system.mail.to(member.email)).toHaveLength(0);
    // Sign-in links, data-rights links and confirm-email links carry their link's expiry.
    expect((await outboxFor(asker.email)).expiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  it("retries by the worker's own settings, not those of the process that queued the mail", async () => {
    // A message first, so the worker holds a kept-open connection when the refusals come.
    const early = await createMember(system.db);
    await system.graphql(REQUEST_LINK, { email: early.email });
    await system.mail.waitFor(early.email, 1, 30_000);
    const queuedAt = Date.now();

    const member = await createMember(system.db);
    system.mail.refuse(member.email, 451, 2);
    await system.graphql(REQUEST_LINK, { email: member.email });
    const received = await system.mail.waitFor(member.email, 1, 30_000);
    // A temporary failure is tried again over a connection of its own, never a kept-open one (a
    // refused recipient leaves the pooled connection open and reusable).
    expect(received.connectedAt).toBeGreaterThanOrEqual(queuedAt);
    const row = await system.eventually(async () => {
      const current = await outboxFor(member.email);
      return current.status === 'SENT' ? current : undefined;
    });
    expect(row.attempts).toBe(3);
  });
});
