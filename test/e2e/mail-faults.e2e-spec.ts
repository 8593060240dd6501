import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { MAIL_QUEUE, MailJob } from '@app/core';
import { defineMailTemplate, MAIL_CAP_WITHHELD, OutboxMessage, OutboxService } from '@app/mail';
import { createMember } from '../factories';
import { TestSystem } from '../support/test-system';

const REQUEST_LINK = 'mutation($email: String!) { requestSignInLink(email: $email) }';

describe('mail delivery faults', () => {
  let system: TestSystem;
  const outboxFor = (to: string) => system.db.getRepository(OutboxMessage).findOneByOrFail({ toAddress: to });

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
  });
  afterAll(() => system.stop());
  afterEach(() => system.stopWorker());

  it('keeps a requested link while the worker is stopped and delivers it when the worker starts', async () => {
    const member = await createMember(system.db);
    expect((await system.graphql(REQUEST_LINK, { email: member.email })).data).toEqual({
      requestSignInLink: true,
    });

    // Nothing can send it yet: the row waits in Postgres, for the worker's relay to queue it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(system.mail.to(member.email)).toHaveLength(0);
    expect(await outboxFor(member.email)).toMatchObject({ status: 'PENDING', attempts: 0, queuedAt: null });

    await system.startWorker();
    await system.mail.waitFor(member.email);
    expect(await system.eventually(async () => (await outboxFor(member.email)).status === 'SENT')).toBe(true);
  });

  it('re-queues mail whose job was lost (Redis emptied) through the sweep, and sends it once', async () => {
    const member = await createMember(system.db);
    await system.graphql(REQUEST_LINK, { email: member.email });
    const row = await outboxFor(member.email);
    const queue = system.api.get<Queue>(getQueueToken(MAIL_QUEUE));
    // The worker's relay would queue it; with no worker running, a relay run here does. Then the
    // job is lost.
    expect(await system.api.get(OutboxService).relay()).toBeGreaterThanOrEqual(1);
    expect(await queue.getJob(row.id)).toBeDefined();
    await queue.obliterate({ force: true });
    expect(await queue.getJob(row.id)).toBeUndefined();

    // Only a sweep can deliver it now: the worker's own (on start) or this one.
    await system.startWorker();
    const outbox = system.worker!.get(OutboxService);
    await outbox.sweep();
    await system.mail.waitFor(member.email);
    await system.eventually(async () => (await outboxFor(member.email)).status === 'SENT');

    // A second sweep finds nothing waiting and sends nothing again.
    expect(await outbox.sweep()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(system.mail.to(member.email)).toHaveLength(1);
  });

  it('relays written mail to the queue once, however many relays run at once', async () => {
    const members = await Promise.all(Array.from({ length: 30 }, () => createMember(system.db)));
    await Promise.all(members.map((member) => system.graphql(REQUEST_LINK, { email: member.email })));
    const rows = await Promise.all(members.map((member) => outboxFor(member.email)));
    expect(rows.every((row) => row.queuedAt === null)).toBe(true);

    const outbox = system.api.get(OutboxService);
    const counts = await Promise.all([outbox.relay(), outbox.relay(), outbox.relay()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const queue = system.api.get<Queue>(getQueueToken(MAIL_QUEUE));
    for (const row of rows) {
      expect(((await queue.getJob(row.id))?.data as { outboxId?: string } | undefined)?.outboxId).toBe(
        row.id,
      );
      expect((await outboxFor(row.toAddress)).queuedAt).not.toBeNull();
    }
    const waiting = await queue.getJobs(['waiting', 'delayed']);
    expect(waiting.filter((job) => job.name === MailJob.Deliver)).toHaveLength(30);
    expect(await outbox.relay()).toBe(0);

    await system.startWorker();
    for (const member of members) {
      await system.mail.waitFor(member.email);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(members.map((member) => system.mail.to(member.email).length)).toEqual(members.map(() => 1));
  });

  it('counts mail written for the relay to cap once, however many relays run at once, and gives up what is over', async () => {
    // Twelve emails of one kind to one inbox (written as a signing writes its confirmation, the cap
    // left to the relay), in one case and another, and three to another inbox.
    const note = defineMailTemplate<{ n: number }>({
      name: 'test-capped',
      subject: 'Note {{n}}',
      text: 'Note {{n}}',
      html: '<p>Note {{n}}</p>',
    });
    const outbox = system.api.get(OutboxService);
    await outbox.transaction(async (_manager, mail) => {
      for (let n = 0; n < 12; n += 1) {
        const to = n % 2 === 0 ? 'capped@example.org' : 'Capped@Example.org';
        await mail.add(note, to, { n }, {}, [], { mailCapKind: 'petition' });
      }
      for (let n = 0; n < 3; n += 1) {
        await mail.add(note, 'other@example.org', { n }, {}, [], { mailCapKind: 'petition' });
      }
    });
    const counts = await Promise.all([outbox.relay(), outbox.relay(), outbox.relay()]);
    // MAIL_CAP_PER_KIND (5) for the first inbox however its address is written; all three for the other.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5 + 3);
    const rows = await system.db.query<
      Array<{ subject: string; status: string; queued: boolean; body: string | null }>
    >(
      `SELECT subject, status, queued_at IS NOT NULL AS queued, text_body AS body, last_error
       FROM outbox_message WHERE template = 'test-capped' AND lower(to_address) = 'capped@example.org'
       ORDER BY created_at, subject`,
    );
    expect(rows.filter((row) => row.status === 'PENDING')).toHaveLength(5);
    expect(rows.filter((row) => row.status === 'FAILED')).toHaveLength(7);
    for (const row of rows.filter((r) => r.status === 'FAILED')) {
      expect(row).toMatchObject({ queued: true, body: null, last_error: MAIL_CAP_WITHHELD });
    }
    expect(await outbox.relay()).toBe(0);

    await system.startWorker();
    await system.mail.waitFor('other@example.org', 3);
    await system.mail.waitFor('capped@example.org', 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(system.mail.to('capped@example.org')).toHaveLength(5);
  });

  it("queues written mail within the worker's relay poll, and not before it", async () => {
    await system.startWorker({ OUTBOX_RELAY_POLL_MS: '3000' });
    // After the poll the worker makes as it starts: the next is about 3 s away.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const member = await createMember(system.db);
    await system.graphql(REQUEST_LINK, { email: member.email });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(system.mail.to(member.email)).toHaveLength(0);
    await system.mail.waitFor(member.email, 1, 10_000);
    expect((await outboxFor(member.email)).queuedAt).not.toBeNull();
  });

  it('retries a temporary SMTP failure (4xx) with backoff and then delivers', async () => {
    const member = await createMember(system.db);
    system.mail.refuse(member.email, 451, 2);
    await system.startWorker();
    await system.graphql(REQUEST_LINK, { email: member.email });

    await system.mail.waitFor(member.email);
    const row = await system.eventually(async () => {
      const current = await outboxFor(member.email);
      return current.status === 'SENT' ? current : undefined;
    });
    expect(row.attempts).toBe(3);
    expect(system.mail.to(member.email)).toHaveLength(1);
  });

  it('records a permanent SMTP failure (5xx) with the reason and does not retry', async () => {
    const member = await createMember(system.db);
    system.mail.refuse(member.email, 550);
    await system.startWorker();
    await system.graphql(REQUEST_LINK, { email: member.email });

    const row = await system.eventually(async () => {
      const current = await outboxFor(member.email);
      return current.status === 'FAILED' ? current : undefined;
    });
    expect(row.lastError).toContain('550');
    expect(row.failedAt).toBeInstanceOf(Date);
    // Backoff here is 100 ms, so a retry would have happened well within this wait.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await outboxFor(member.email)).attempts).toBe(1);
    expect(system.mail.to(member.email)).toHaveLength(0);
  });

  it('never gives up on a failure that stays temporary: it keeps trying past MAIL_RETRY_ATTEMPTS and delivers', async () => {
    // It used to be FAILED after MAIL_RETRY_ATTEMPTS (4 here): a long outage lost the message.
    const member = await createMember(system.db);
    system.mail.refuse(member.email, 421, 6);
    await system.startWorker();
    await system.graphql(REQUEST_LINK, { email: member.email });

    const row = await system.eventually(async () => {
      const current = await outboxFor(member.email);
      return current.status !== 'PENDING' ? current : undefined;
    });
    expect(row).toMatchObject({ status: 'SENT', attempts: 7, lastError: null, failedAt: null });
    expect(system.mail.to(member.email)).toHaveLength(1);
  });
});
