import { Job, Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { InstallationIdentity, InstallationRegistry, MAIL_QUEUE, redisOptionsFromUrl } from '@app/core';
import { OutboxMessage, OutboxService } from '@app/mail';
import { createMember } from '../factories';
import { TestSystem } from '../support/test-system';

const REQUEST_LINK = 'mutation($email: String!) { requestSignInLink(email: $email) }';

type Report = { status: string; checks: Record<string, { status: string; message?: string }> };

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * Two installations (each its own database) left running against one Redis with the same key
 * prefix: each worker takes jobs from the same queue. None may lose the other's mail.
 */
describe('two installations on one Redis and prefix', () => {
  const prefix = `crmtest-shared-${randomBytes(4).toString('hex')}`;
  let first: TestSystem;
  let second: TestSystem;
  const workerPorts: number[] = [];

  beforeAll(async () => {
    workerPorts.push(await freePort(), await freePort());
    first = await TestSystem.start({
      redisPrefix: prefix,
      env: { WORKER_HEALTH_PORT: String(workerPorts[0]) },
    });
    second = await TestSystem.start({
      redisPrefix: prefix,
      env: { WORKER_HEALTH_PORT: String(workerPorts[1]) },
    });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    delete process.env.WORKER_HEALTH_PORT;
  });

  const statusOf = async (system: TestSystem, to: string) =>
    (await system.db.getRepository(OutboxMessage).findOneByOrFail({ toAddress: to })).status;

  it("delivers every installation's own mail: a worker of the other leaves its jobs", async () => {
    const members = await Promise.all(Array.from({ length: 8 }, () => createMember(first.db)));
    for (const member of members) {
      await first.graphql(REQUEST_LINK, { email: member.email });
    }
    const others = await Promise.all(Array.from({ length: 4 }, () => createMember(second.db)));
    for (const member of others) {
      await second.graphql(REQUEST_LINK, { email: member.email });
    }
    // Well before any sweep (OUTBOX_SWEEP_INTERVAL_MS is a minute here): nothing was completed
    // by the wrong worker and left for the sweep to find. Each time the wrong worker takes a job it
    // leaves it for a second, so on a loaded machine a job may bounce for a while: up to 40 s.
    for (const member of members) {
      await first.mail.waitFor(member.email, 1, 40_000);
      expect(await first.eventually(async () => (await statusOf(first, member.email)) === 'SENT')).toBe(true);
    }
    for (const member of others) {
      await second.mail.waitFor(member.email, 1, 40_000);
    }
    expect(first.mail.messages.filter((m) => others.some((o) => m.to.includes(o.email)))).toHaveLength(0);
    expect(second.mail.messages.filter((m) => members.some((o) => m.to.includes(o.email)))).toHaveLength(0);
    for (const member of members) {
      expect(first.mail.to(member.email)).toHaveLength(1);
    }
  }, 120_000);

  it('says so in /health, on the api and the worker, and is not ready (a restart would not mend it)', async () => {
    const firstId = await first.api.get(InstallationIdentity).id();
    const secondId = await second.api.get(InstallationIdentity).id();
    expect(firstId).not.toBe(secondId);
    for (const [system, other, workerPort] of [
      [first, secondId, workerPorts[0]],
      [second, firstId, workerPorts[1]],
    ] as const) {
      // Liveness stays 200 (an orchestrator restarting the api or the worker would not help)...
      const res = await system.http().get('/health').expect(200);
      expect(res.body).toMatchObject({
        status: 'degraded',
        checks: { database: { status: 'up' }, redis: { status: 'up' }, installation: { status: 'down' } },
      });
      const message = (res.body as Report).checks.installation.message;
      expect(message).toContain(other.slice(0, 8));
      expect(message).toContain(`REDIS_PREFIX "${prefix}"`);
      // ...and so does the worker's own port, with the same report.
      const worker = await fetch(`http://127.0.0.1:${workerPort}/health`);
      expect(worker.status).toBe(200);
      expect(worker.headers.get('x-content-type-options')).toBe('nosniff');
      const workerReport = (await worker.json()) as Report;
      expect(workerReport.status).toBe('degraded');
      expect(workerReport.checks.installation.message).toContain(other.slice(0, 8));
      // ...but neither is ready: a load balancer holds the mixed-up installation back.
      const ready = await system.http().get('/ready').expect(503);
      expect((ready.body as Report).checks.installation).toMatchObject({ status: 'down' });
      expect((await fetch(`http://127.0.0.1:${workerPort}/ready`)).status).toBe(503);
      expect(await system.worker!.get(InstallationRegistry).beat()).toEqual([other]);
    }
  });

  it('recovers, through the sweep, mail whose job a worker elsewhere completed', async () => {
    // An installation running a version that does not know whose a job is takes the job, finds
    // no such outbox row in its own database and completes it as "nothing to do".
    await first.stopWorker();
    await second.stopWorker();
    const connection = redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const completed: string[] = [];
    const elsewhere = new Worker(
      MAIL_QUEUE,
      async (job: Job<{ outboxId: string }>) => {
        completed.push(job.data.outboxId);
        return 'skipped';
      },
      { connection, prefix: `${prefix}:bull` },
    );
    const member = await createMember(first.db);
    try {
      await first.graphql(REQUEST_LINK, { email: member.email });
      const row = await first.db.getRepository(OutboxMessage).findOneByOrFail({ toAddress: member.email });
      // What the first installation's relay does when its worker runs.
      await first.api.get(OutboxService).relay();
      await first.eventually(async () => completed.includes(row.id));
    } finally {
      await elsewhere.close();
    }
    const queue = new Queue(MAIL_QUEUE, { connection, prefix: `${prefix}:bull` });
    try {
      const row = await first.db.getRepository(OutboxMessage).findOneByOrFail({ toAddress: member.email });
      expect(await (await queue.getJob(row.id))?.getState()).toBe('completed');
      expect(row.status).toBe('PENDING');
    } finally {
      await queue.close();
    }

    await first.startWorker();
    expect(await first.worker!.get(OutboxService).sweep()).toBeGreaterThanOrEqual(1);
    await first.mail.waitFor(member.email);
    await first.eventually(async () => (await statusOf(first, member.email)) === 'SENT');
  });
});
