import { createServer } from 'node:net';
import { once } from 'node:events';
import { AuthService } from '@app/auth';
import { defineMailTemplate, OutboxService } from '@app/mail';
import { Member } from '@app/members';
import { createBranch, createMember, signIn } from '../factories';
import { TcpProxy } from '../support/tcp-proxy';
import { TestSystem } from '../support/test-system';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';

const pacedNote = defineMailTemplate<{ n: number }>({
  name: 'test-paced',
  subject: 'Letter {{n}}',
  text: 'Letter {{n}}',
  html: '<p>Letter {{n}}</p>',
});

type Report = { status: string; checks: Record<string, { status: string; message?: string }> };

/** The value of a series in Prometheus text (with its labels, if any). */
function gauge(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  if (!line) {
    throw new Error(`No ${name}${labels} in the metrics`);
  }
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

describe('operations: queue dashboard, metrics, readiness', () => {
  let system: TestSystem;
  let proxy: TcpProxy;
  let workerPort: number;
  let admin: string;
  let organiser: string;
  let adminId: string;
  let organiserId: string;

  beforeAll(async () => {
    const through = await TcpProxy.for(REDIS_URL, 6379);
    proxy = through.proxy;
    workerPort = await freePort();
    system = await TestSystem.start({
      env: {
        REDIS_URL: through.url(REDIS_URL),
        METRICS_TOKEN,
        WORKER_HEALTH_PORT: String(workerPort),
      },
    });
    const branch = await createBranch(system.db);
    const adminMember = await createMember(system.db, { roles: [{ role: 'ADMIN' }] });
    const organiserMember = await createMember(system.db, {
      roles: [{ role: 'ORGANISER', branchId: branch.id }],
    });
    admin = await signIn(system, adminMember);
    organiser = await signIn(system, organiserMember);
    adminId = adminMember.id;
    organiserId = organiserMember.id;
    // A public flow, so the queues and the outbox have something in them.
    await system.graphql('mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }', {
      input: {
        fullName: 'Eilidh Dashboard',
        email: 'eilidh.ops@example.org',
        postcode: 'KY16 9AJ',
        emailOptIn: false,
      },
    });
    await system.mail.waitFor('eilidh.ops@example.org');
  });
  afterAll(async () => {
    process.env.REDIS_URL = REDIS_URL;
    await proxy.restart().catch(() => undefined); // already listening unless a test stopped midway
    await system.stop();
    await proxy.stop();
  }, 120_000); // stopping waits for connections that lived through a Redis outage to wind down

  it('shows the queue dashboard to admins only, with job ids and states and no personal data', async () => {
    const api = '/admin/queues/api/queues';
    const anonymous = await system.http().get(api).expect(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    await system.http().get(api).set('Authorization', 'Bearer not-a-session').expect(401);
    const refused = await system.http().get(api).set('Authorization', `Bearer ${organiser}`).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    await system.http().get('/admin/queues').set('Authorization', `Bearer ${organiser}`).expect(403);

    const page = await system.http().get('/admin/queues').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(page.text).toContain('<div id="root">');
    const shown = await system
      .http()
      .get(`${api}?activeQueue=mail&status=completed&page=1`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const body = shown.body as {
      queues: Array<{ name: string; jobs: Array<{ id: string; data: unknown }> }>;
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['mail', 'mailing', 'schedule']);
    const mail = body.queues.find((q) => q.name === 'mail')!;
    const [outboxRow] = await system.db.query<Array<{ id: string }>>(
      `SELECT id FROM outbox_message WHERE to_address = 'eilidh.ops@example.org'`,
    );
    expect(mail.jobs.map((j) => j.id)).toContain(outboxRow.id);
    expect(JSON.stringify(body)).not.toMatch(/eilidh|Dashboard|KY16/i);
  });

  it("lets the dashboard's cookie through for an admin, and refuses an organiser's", async () => {
    /** Signs in through the emailed link's button, as a browser does, and returns the cookie. */
    const cookieOf = async (memberId: string): Promise<string> => {
      const member = await system.db.getRepository(Member).findOneByOrFail({ id: memberId });
      const { link } = await system.api.get(AuthService).createSignInLink(member);
      const res = await system
        .http()
        .post('/sign-in')
        .type('form')
        .send({ token: new URL(link).searchParams.get('token')! });
      expect(res.status).toBe(303);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0];
      return setCookie.split(';')[0];
    };
    const adminCookie = await cookieOf(adminId);
    const organiserCookie = await cookieOf(organiserId);
    expect(adminCookie).toMatch(/^crm_session=\S+/);

    const page = await system.http().get('/admin/queues').set('Cookie', adminCookie).expect(200);
    expect(page.text).toContain('<div id="root">');
    const shown = await system.http().get('/admin/queues/api/queues').set('Cookie', adminCookie).expect(200);
    expect((shown.body as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort()).toEqual([
      'mail',
      'mailing',
      'schedule',
    ]);
    const refused = await system.http().get('/admin/queues').set('Cookie', organiserCookie).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    await system.http().get('/admin/queues/api/queues').set('Cookie', organiserCookie).expect(403);
    await system
      .http()
      .get('/admin/queues/api/queues')
      .set('Cookie', 'crm_session=not-a-session')
      .expect(401);
  });

  it('answers /metrics only with its token, with the process, request, outbox, queue and mail series', async () => {
    // Pages, by the route pattern that answered (never the path: it may carry a slug or a token).
    await system.http().get('/join').expect(200);
    await system.http().get('/petitions/no-such-petition-eilidh').expect(404);
    await system.http().get('/confirm-email?token=eilidh-secret-token').expect(200);
    await system.http().get('/metrics').expect(401);
    await system.http().get('/metrics').set('Authorization', 'Bearer wrong-token').expect(401);
    const res = await system
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toMatch(
      /crm_graphql_requests_total\{operation="joinCampaign",type="mutation",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /crm_graphql_request_duration_seconds_count\{operation="joinCampaign",type="mutation"\} 1/,
    );
    expect(text).toMatch(/crm_outbox_messages\{status="SENT"\} [1-9]/);
    expect(text).toMatch(/crm_outbox_messages\{status="PENDING"\} 0/);
    expect(text).toMatch(/crm_outbox_oldest_pending_seconds 0/);
    expect(text).toMatch(/crm_queue_jobs\{queue="mail",state="completed"\} [1-9]/);
    expect(text).toMatch(/crm_queue_jobs\{queue="schedule",state="delayed"\} \d/);
    expect(text).toMatch(/crm_queue_jobs\{queue="mailing",state="waiting"\} 0/);
    expect(text).toMatch(/crm_mail_total\{kind="join-confirmation",outcome="sent"\} 1/);
    expect(text).toMatch(/crm_http_requests_total\{method="GET",route="\/join",status="200"\} 1/);
    expect(text).toMatch(/crm_http_requests_total\{method="GET",route="\/petitions\/:slug",status="404"\} 1/);
    expect(text).toMatch(/crm_http_requests_total\{method="GET",route="\/confirm-email",status="200"\} 1/);
    expect(text).toMatch(/crm_http_request_duration_seconds_count\{method="GET",route="\/join"\} 1/);
    expect(text).toMatch(
      /crm_http_requests_total\{method="GET",route="\/admin\/queues\/\*",status="403"\} [1-9]/,
    );
    // GraphQL and the probes have series of their own.
    expect(text).not.toMatch(/route="\/(graphql|metrics|ready|health)"/);
    expect(text).not.toMatch(/eilidh|KY16|no-such/i);

    // A message waiting shows as the oldest pending age. Leased, as if another worker were sending
    // it: this test's worker (quick to send what the relay hands it) leaves it waiting meanwhile.
    await system.db.query(
      `INSERT INTO outbox_message (template, to_address, subject, created_at, leased_until)
       VALUES ('test', 'x@example.org', 's', now() - interval '10 minutes', now() + interval '1 hour')`,
    );
    const later = await system
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    const age = Number(/^crm_outbox_oldest_pending_seconds (\S+)$/m.exec(later.text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(600);
    // Nothing has sent it: it is overdue by as long (due when written).
    expect(gauge(later.text, 'crm_outbox_overdue_seconds')).toBeGreaterThanOrEqual(600);
    expect(gauge(later.text, 'crm_outbox_overdue_messages')).toBe(1);
    await system.db.query(`DELETE FROM outbox_message WHERE template = 'test'`);
  });

  it('does not count letters waiting their paced turn as overdue, however long they have waited', async () => {
    // Three letters to one inbox, ten minutes apart: the worker sends the first and the others
    // wait for the turns they reserved, recorded on their rows.
    await system.api.get(OutboxService).transaction(async (_manager, mail) => {
      for (const n of [1, 2, 3]) {
        await mail.add(pacedNote, 'paced.minister@gov.example.org', { n }, {}, [], {
          pace: { key: 'test-minister', ms: 600_000 },
        });
      }
    });
    await system.mail.waitFor('paced.minister@gov.example.org');
    const waiting = await system.eventually(async () => {
      const rows = await system.db.query<Array<{ id: string; retry_at: Date | null }>>(
        `SELECT id, retry_at FROM outbox_message WHERE template = 'test-paced' AND status = 'PENDING'`,
      );
      return rows.length === 2 && rows.every((r) => r.retry_at) ? rows : undefined;
    });
    for (const row of waiting) {
      expect(row.retry_at!.getTime()).toBeGreaterThan(Date.now() + 500_000);
    }
    // Written two hours ago (a long queue of letters to one minister): old, but not late.
    await system.db.query(
      `UPDATE outbox_message SET created_at = now() - interval '2 hours' WHERE template = 'test-paced' AND status = 'PENDING'`,
    );
    const scraped = await system
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(gauge(scraped.text, 'crm_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(7200);
    expect(gauge(scraped.text, 'crm_outbox_overdue_seconds')).toBe(0);
    expect(gauge(scraped.text, 'crm_outbox_overdue_messages')).toBe(0);
    expect(gauge(scraped.text, 'crm_outbox_messages', '{status="PENDING"}')).toBe(2);

    // Their turn came and went an hour ago (the worker was away): now they are late.
    await system.db.query(
      `UPDATE outbox_message SET retry_at = now() - interval '1 hour' WHERE template = 'test-paced' AND status = 'PENDING'`,
    );
    const late = await system
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(gauge(late.text, 'crm_outbox_overdue_seconds')).toBeGreaterThanOrEqual(3600);
    expect(gauge(late.text, 'crm_outbox_overdue_seconds')).toBeLessThan(7200);
    expect(gauge(late.text, 'crm_outbox_overdue_messages')).toBe(2);
    await system.db.query(`DELETE FROM outbox_message WHERE template = 'test-paced'`);
  });

  it('is ready with Postgres, Redis and every migration; not ready without Redis or with a migration missing', async () => {
    const worker = (path: string) => fetch(`http://127.0.0.1:${workerPort}${path}`);
    const ready = await system.http().get('/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up' },
        redis: { status: 'up' },
        migrations: { status: 'up' },
        installation: { status: 'up' },
      },
    });
    expect((await worker('/ready')).status).toBe(200);
    expect((await worker('/health')).status).toBe(200);
    expect((await worker('/nothing')).status).toBe(404);

    await proxy.stop();
    const away = await system.http().get('/ready').expect(503);
    expect((away.body as Report).checks).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'down' },
    });
    expect((await worker('/ready')).status).toBe(503);
    // Liveness stays up (a restart would not bring Redis back), saying what is wrong.
    const live = await system.http().get('/health').expect(200);
    expect(live.body).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down' } } });
    const workerLive = await worker('/health');
    expect(workerLive.status).toBe(200);
    expect(await workerLive.json()).toMatchObject({
      status: 'degraded',
      checks: { redis: { status: 'down' } },
    });
    await proxy.restart();
    await system.eventually(async () => (await system.http().get('/ready')).status === 200);
    await system.eventually(async () => (await worker('/ready')).status === 200);

    // A build started before `migrate` ran its newest migration.
    const [[newest]] = await system.db.query<
      [Array<{ id: number; timestamp: string; name: string }>, number]
    >('DELETE FROM schema_migration WHERE id = (SELECT max(id) FROM schema_migration) RETURNING *');
    const behind = await system.http().get('/ready').expect(503);
    expect((behind.body as Report).checks.migrations).toMatchObject({
      status: 'down',
      message: '1 pending: run `migrate`',
    });
    // Liveness does not depend on it.
    await system.http().get('/health').expect(200);
    await system.db.query('INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)', [
      newest.id,
      newest.timestamp,
      newest.name,
    ]);
    await system.http().get('/ready').expect(200);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  let system: TestSystem;
  beforeAll(async () => {
    // The first system's variables are still in process.env: unset them.
    system = await TestSystem.start({ worker: false, env: { METRICS_TOKEN: '', WORKER_HEALTH_PORT: '' } });
  });
  afterAll(() => system.stop());

  it('are not there at all', async () => {
    await system.http().get('/metrics').expect(404);
    await system.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
  });
});
