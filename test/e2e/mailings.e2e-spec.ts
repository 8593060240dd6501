import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Branch } from '@app/branches';
import { Rsvp } from '@app/events';
import { ConsentRecord, Member, Suppression, suppressionKey } from '@app/members';
import { Signature } from '@app/petitions';
import { createBranch, createMember, createOpenPetition, signIn } from '../factories';
import { createEvent } from '../factories/events';
import { TestSystem } from '../support/test-system';

const CREATE = `mutation($input: CreateMailingInput!) { createMailing(input: $input) { id status } }`;
const COUNT = `query($id: ID!) { mailingAudienceCount(id: $id) }`;
const SEND = `mutation($id: ID!) { sendMailing(id: $id) { status } }`;
const MAILING = `query($id: ID!) { mailing(id: $id) { status pauseReason
  stats { audience queued sent failed bounced unsubscribed byDay { day sent failed bounced unsubscribed } } } }`;
const UPDATE = `mutation($input: UpdateMailingInput!) { updateMailing(input: $input) { id subject body } }`;

type Stats = {
  byDay: Array<{ day: string; sent: number; failed: number; bounced: number; unsubscribed: number }>;
  audience: number;
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  unsubscribed: number;
};

const unique = (): string => randomBytes(4).toString('hex');

describe('mailings', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let organiserMember: Member;

  beforeAll(async () => {
    system = await TestSystem.start({
      env: {
        // Slow enough to stop the worker halfway through a mailing; small batches.
        MAIL_RATE_PER_SECOND: '40',
        MAILING_BATCH_SIZE: '10',
        MAILING_MAX_CONSECUTIVE_FAILURES: '3',
      },
    });
    branch = await createBranch(system.db, { name: 'Dundee' });
    organiserMember = await createMember(system.db, {
      fullName: 'Olive Organiser',
      roles: [{ role: 'ORGANISER', branchId: branch.id }],
    });
    organiser = await signIn(system, organiserMember);
  });
  afterAll(() => system.stop());

  /** A member campaign email may go to, unless told otherwise. */
  const subscriber = (overrides: Partial<Member> = {}): Promise<Member> =>
    createMember(system.db, {
      email: `sub-${unique()}@example.org`,
      branchId: branch.id,
      emailOptIn: true,
      emailConfirmedAt: new Date(),
      ...overrides,
    });

  async function create(input: Record<string, unknown>, token = organiser): Promise<string> {
    const res = await system.graphql<{ createMailing: { id: string } }>(
      CREATE,
      {
        input: {
          branchId: branch.id,
          subject: 'News for {{member.firstName}}',
          body: 'Hello {{member.firstName}}',
          ...input,
        },
      },
      token,
    );
    if (!res.data) {
      throw new Error(JSON.stringify(res.errors));
    }
    return res.data.createMailing.id;
  }

  async function count(id: string): Promise<number> {
    const res = await system.graphql<{ mailingAudienceCount: number }>(COUNT, { id }, organiser);
    return res.data!.mailingAudienceCount;
  }

  async function mailing(id: string, token = organiser) {
    const res = await system.graphql<{
      mailing: { status: string; pauseReason: string | null; stats: Stats };
    }>(MAILING, { id }, token);
    if (!res.data) {
      throw new Error(JSON.stringify(res.errors));
    }
    return res.data.mailing;
  }

  const untilStatus = (id: string, status: string, timeoutMs = 30_000) =>
    system.eventually(async () => (await mailing(id)).status === status || undefined, timeoutMs);

  it('goes only to opted-in, confirmed, current members of the branch, and once to each', async () => {
    const tag = `t${unique()}`;
    const yes = await subscriber({ tags: [tag], fullName: 'Ada Lovelace' });
    const excluded = await Promise.all([
      subscriber({ tags: [tag], emailOptIn: false }),
      subscriber({ tags: [tag], emailConfirmedAt: null }),
      subscriber({ tags: [tag], archivedAt: new Date() }),
      subscriber({ tags: [tag], erasedAt: new Date() }),
      subscriber({ tags: [tag], emailBouncingAt: new Date() }),
      subscriber({ tags: [tag], branchId: (await createBranch(system.db)).id }),
    ]);
    const suppressed = await subscriber({ tags: [tag] });
    await system.db.getRepository(Suppression).save({ emailHash: suppressionKey(suppressed.email) });

    const id = await create({ audience: { tags: [tag] } });
    expect(await count(id)).toBe(1);
    const sent = await system.graphql<{ sendMailing: { status: string } }>(SEND, { id }, organiser);
    expect(sent.data?.sendMailing.status).toBe('SENDING');
    // Sending again is refused: it is already going out.
    const again = await system.graphql(SEND, { id }, organiser);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const mail = await system.mail.waitFor(yes.email);
    expect(mail.subject).toBe('News for Ada');
    expect(mail.text).toContain('Hello Ada');
    expect(mail.text).toContain('Dundee');
    expect(mail.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.rawHeaders['list-unsubscribe']).toMatch(
      /^<http:\/\/crm\.test\/mailings\/unsubscribe\?token=[^>]+>$/,
    );
    await untilStatus(id, 'SENT');
    expect((await mailing(id)).stats).toMatchObject({
      audience: 1,
      sent: 1,
      queued: 0,
      failed: 0,
      bounced: 0,
    });
    for (const person of [...excluded, suppressed]) {
      expect(system.mail.to(person.email)).toHaveLength(0);
    }
    expect(system.mail.to(yes.email)).toHaveLength(1);
    const [audit] = await system.db.query<Array<{ row_count: number }>>(
      `SELECT row_count FROM audit_event WHERE action = 'mailing.send' AND subject_id = $1`,
      [id],
    );
    expect(audit.row_count).toBe(1);
  });

  it('selects by tags, any tags, postcode area, event and petition', async () => {
    const a = `a${unique()}`;
    const b = `b${unique()}`;
    const both = await subscriber({ tags: [a, b], postcode: 'DD1 4HN' });
    const onlyA = await subscriber({ tags: [a], postcode: 'KY1 1AA' });
    await subscriber({ tags: [b] });
    expect(await count(await create({ audience: { tags: [a, b] } }))).toBe(1);
    expect(await count(await create({ audience: { anyTags: [a, b] } }))).toBe(3);
    expect(await count(await create({ audience: { tags: [a], postcodeAreas: ['dd'] } }))).toBe(1);

    const event = await createEvent(system.db, { branchId: branch.id });
    const rsvp = (m: Member, status: 'GOING' | 'CANCELLED') =>
      system.db.getRepository(Rsvp).save({
        eventId: event.id,
        memberId: m.id,
        fullName: m.fullName,
        email: m.email,
        emailCanonical: m.email,
        status,
        queuedAt: new Date(),
        cancelTokenHash: unique(),
      });
    await rsvp(both, 'GOING');
    await rsvp(onlyA, 'CANCELLED');
    const byEvent = await create({ audience: { eventId: event.id } });
    expect(await count(byEvent)).toBe(1);

    const petition = await createOpenPetition(system.db);
    const sign = (m: Member, emailOptIn: boolean, status: 'CONFIRMED' | 'PENDING') =>
      system.db.getRepository(Signature).save({
        petitionId: petition.id,
        fullName: m.fullName,
        email: m.email.toUpperCase(),
        emailCanonical: m.email,
        emailOptIn,
        status,
        showName: false,
        confirmedAt: status === 'CONFIRMED' ? new Date() : null,
      });
    await sign(both, true, 'CONFIRMED');
    await sign(onlyA, false, 'CONFIRMED');
    const byPetition = await create({ audience: { petitionId: petition.id } });
    expect(await count(byPetition)).toBe(1);

    // Another branch's event is not this branch's to mail.
    const elsewhere = await createEvent(system.db, { branchId: (await createBranch(system.db)).id });
    const refused = await system.graphql(
      CREATE,
      { input: { branchId: branch.id, subject: 'x', body: 'y', audience: { eventId: elsewhere.id } } },
      organiser,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses raw HTML and unknown placeholders when saved', async () => {
    for (const body of ['Hello <script>alert(1)</script>', '<img src=x onerror=alert(1)>']) {
      const res = await system.graphql(
        CREATE,
        { input: { branchId: branch.id, subject: 'Hi', body } },
        organiser,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fields?.[0].field).toBe('body');
    }
    const res = await system.graphql(
      CREATE,
      { input: { branchId: branch.id, subject: 'Hi {{member.email}}', body: 'x' } },
      organiser,
    );
    expect(res.errors?.[0].message).toContain('{{member.email}}');
    expect(await system.db.query(`SELECT 1 FROM mailing WHERE subject = 'Hi {{member.email}}'`)).toHaveLength(
      0,
    );
  });

  it('previews for one member and sends a TEST copy to the organiser only', async () => {
    const person = await subscriber({ fullName: 'Grace <b>Hopper</b>' });
    const id = await create({
      subject: 'Training for {{member.firstName}}',
      body: '**Come along**, {{member.fullName}}!',
    });
    const preview = await system.graphql<{ previewMailing: { subject: string; html: string; text: string } }>(
      `query($id: ID!, $memberId: ID!) { previewMailing(id: $id, memberId: $memberId) { subject html text } }`,
      { id, memberId: person.id },
      organiser,
    );
    expect(preview.data?.previewMailing.subject).toBe('Training for Grace');
    expect(preview.data?.previewMailing.html).toContain(
      '<strong>Come along</strong>, Grace &lt;b&gt;Hopper&lt;/b&gt;!',
    );

    const before = system.mail.messages.length;
    const test = await system.graphql(`mutation($id: ID!) { sendTestMailing(id: $id) }`, { id }, organiser);
    expect(test.data).toEqual({ sendTestMailing: true });
    const copy = await system.mail.waitFor(organiserMember.email);
    expect(copy.subject).toBe('[TEST] Training for Olive');
    await sleep(300);
    expect(system.mail.messages.length).toBe(before + 1);
    expect(system.mail.to(person.email)).toHaveLength(0);
    expect((await mailing(id)).status).toBe('DRAFT');
    const audit = await system.db.query<unknown[]>(
      `SELECT 1 FROM audit_event WHERE action = 'mailing.test' AND subject_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
  });

  it('one-click unsubscribe records the consent change and leaves the person out of the next mailing', async () => {
    const tag = `u${unique()}`;
    const person = await subscriber({ tags: [tag] });
    const first = await create({ audience: { tags: [tag] } });
    await system.graphql(SEND, { id: first }, organiser);
    const mail = await system.mail.waitFor(person.email);
    const url = /^<([^>]+)>$/.exec(mail.rawHeaders['list-unsubscribe'])![1];
    expect(mail.text).toContain(url);
    const path = url.replace('http://crm.test', '');

    // A GET only shows a button.
    const page = await system.http().get(path);
    expect(page.status).toBe(200);
    expect((await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).emailOptIn).toBe(true);

    // RFC 8058: the provider POSTs to the link itself, with no session.
    const [one, two] = await Promise.all([
      system.http().post(path).type('form').send('List-Unsubscribe=One-Click'),
      system.http().post(path).type('form').send('List-Unsubscribe=One-Click'),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect((await system.db.getRepository(Member).findOneByOrFail({ id: person.id })).emailOptIn).toBe(false);
    const ledger = await system.db.getRepository(ConsentRecord).findBy({ memberId: person.id });
    expect(ledger.map((r) => [r.source, r.emailOptIn, r.mailingId])).toEqual([['unsubscribe', false, first]]);
    await untilStatus(first, 'SENT');
    expect((await mailing(first)).stats.unsubscribed).toBe(1);

    const bad = await system.http().post('/mailings/unsubscribe?token=nonsense');
    expect(bad.status).toBe(400);

    const second = await create({ audience: { tags: [tag] } });
    expect(await count(second)).toBe(0);
  });

  it('pauses, resumes and cancels; a message on its way when paused goes once', async () => {
    const tag = `p${unique()}`;
    const people = await Promise.all(Array.from({ length: 60 }, () => subscriber({ tags: [tag] })));
    const id = await create({ audience: { tags: [tag] } });
    // The sink takes its time to accept each message, so the pause comes while some are on their way.
    system.mail.holdDataMs = 300;
    try {
      await system.graphql(SEND, { id }, organiser);
      await system.eventually(async () => (await mailing(id)).stats.sent >= 5 || undefined);
      const paused = await system.graphql<{ pauseMailing: { status: string } }>(
        `mutation($id: ID!) { pauseMailing(id: $id) { status } }`,
        { id },
        organiser,
      );
      expect(paused.data?.pauseMailing.status).toBe('PAUSED');
      const received = () => people.filter((p) => system.mail.to(p.email).length > 0).length;
      // What was on its way lands (under a loaded machine that can take more than a second); then
      // nothing more comes. Were the pause ignored, the count would settle only at 60.
      let atPause = received();
      for (let quiet = 0, waited = 0; quiet < 1000 && waited < 15_000; waited += 250) {
        await sleep(250);
        quiet = received() === atPause ? quiet + 250 : 0;
        atPause = received();
      }
      await sleep(1000);
      expect(received()).toBe(atPause);
      expect(atPause).toBeLessThan(60);
      // What went out while the pause was made was recorded as sent, and its unsubscribe link works.
      const { stats } = await mailing(id);
      expect(stats.sent).toBe(atPause);

      await system.graphql(`mutation($id: ID!) { resumeMailing(id: $id) { status } }`, { id }, organiser);
      await untilStatus(id, 'SENT');
      await system.eventually(async () => received() === 60 || undefined);
      await sleep(500);
      // Everyone exactly once: nothing on its way was taken back and written again.
      const extra = people.reduce((n, p) => n + system.mail.to(p.email).length - 1, 0);
      expect(extra).toBe(0);
      // Every link sent works (none was dropped with a message taken back as it went).
      for (const person of people) {
        const url = /^<([^>]+)>$/.exec(system.mail.to(person.email)[0].rawHeaders['list-unsubscribe'])![1];
        const used = await system
          .http()
          .post(url.replace('http://crm.test', ''))
          .type('form')
          .send('List-Unsubscribe=One-Click');
        expect(used.status).toBe(200);
      }
    } finally {
      system.mail.holdDataMs = 0;
    }

    const toCancel = await create({ audience: { tags: [tag] } });
    const before = system.mail.messages.length;
    const cancelled = await system.graphql<{ cancelMailing: { status: string } }>(
      `mutation($id: ID!) { cancelMailing(id: $id) { status } }`,
      { id: toCancel },
      organiser,
    );
    expect(cancelled.data?.cancelMailing.status).toBe('CANCELLED');
    expect((await system.graphql(SEND, { id: toCancel }, organiser)).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    await sleep(500);
    expect(system.mail.messages.length).toBe(before);
    const audit = await system.db.query<unknown[]>(
      `SELECT 1 FROM audit_event WHERE action = 'mailing.cancel' AND subject_id = $1`,
      [toCancel],
    );
    expect(audit).toHaveLength(1);
  });

  it('sends a scheduled mailing when its time comes', async () => {
    const tag = `s${unique()}`;
    const person = await subscriber({ tags: [tag] });
    const id = await create({ audience: { tags: [tag] } });
    const res = await system.graphql<{ scheduleMailing: { status: string } }>(
      `mutation($id: ID!, $at: DateTime!) { scheduleMailing(id: $id, sendAt: $at) { status } }`,
      { id, at: new Date(Date.now() + 1500).toISOString() },
      organiser,
    );
    expect(res.data?.scheduleMailing.status).toBe('SCHEDULED');
    expect(system.mail.to(person.email)).toHaveLength(0);
    await system.mail.waitFor(person.email);
    await untilStatus(id, 'SENT');
  });

  it('a worker killed mid-mailing and started again sends each remaining person exactly once', async () => {
    // The work is done by worker processes, killed for real (SIGKILL: nothing is finished or handed
    // back). Their holds on jobs run out quickly; a lease on a message as short as the SMTP deadlines.
    await system.stopWorker();
    const env = {
      // Not so short that a busy machine's slow answer is taken for a failure (and sent again).
      QUEUE_LOCK_MS: '3000',
      SMTP_CONNECTION_TIMEOUT_MS: '2000',
      SMTP_GREETING_TIMEOUT_MS: '2000',
      SMTP_SOCKET_TIMEOUT_MS: '5000',
    };
    let worker = await system.startWorkerProcess(env);
    try {
      const tag = `k${unique()}`;
      const people = await Promise.all(Array.from({ length: 80 }, () => subscriber({ tags: [tag] })));
      const id = await create({ audience: { tags: [tag] } });
      // Each message takes a while to be accepted, so some are on their way when the worker dies.
      system.mail.holdDataMs = 300;
      await system.graphql(SEND, { id }, organiser);
      const received = () => people.filter((p) => system.mail.to(p.email).length > 0).length;
      await system.eventually(async () => received() >= 20 || undefined);
      worker.kill('SIGKILL');
      await once(worker, 'exit');
      await sleep(1000);
      expect(received()).toBeLessThan(80);

      worker = await system.startWorkerProcess(env);
      await untilStatus(id, 'SENT', 60_000);
      await system.eventually(async () => received() === 80 || undefined);
      await sleep(500);
      // At most one duplicate per message on its way at the kill: the mail queue sends five at once.
      const extra = people.reduce((n, p) => n + system.mail.to(p.email).length - 1, 0);
      expect(extra).toBeLessThanOrEqual(5);
      expect((await mailing(id)).stats).toMatchObject({ audience: 80, sent: 80, queued: 0 });
    } finally {
      system.mail.holdDataMs = 0;
      if (worker.exitCode === null) {
        worker.kill('SIGKILL');
        await once(worker, 'exit');
      }
      await system.startWorker();
    }
  }, 150_000);

  it('checks consent again for every batch: someone who opts out while a mailing is paused never gets it', async () => {
    const tag = `c${unique()}`;
    const people = await Promise.all(Array.from({ length: 60 }, () => subscriber({ tags: [tag] })));
    const id = await create({ audience: { tags: [tag] } });
    await system.graphql(SEND, { id }, organiser);
    await system.eventually(async () => (await mailing(id)).stats.sent >= 5 || undefined);
    await system.graphql(`mutation($id: ID!) { pauseMailing(id: $id) { status } }`, { id }, organiser);
    await sleep(1000);
    const waiting = people.filter((p) => system.mail.to(p.email).length === 0).slice(0, 3);
    expect(waiting).toHaveLength(3);
    await system.db.getRepository(Member).update(
      waiting.map((p) => p.id),
      { emailOptIn: false },
    );

    await system.graphql(`mutation($id: ID!) { resumeMailing(id: $id) { status } }`, { id }, organiser);
    await untilStatus(id, 'SENT');
    await sleep(500);
    for (const person of waiting) {
      expect(system.mail.to(person.email)).toHaveLength(0);
    }
    expect(people.filter((p) => system.mail.to(p.email).length > 0)).toHaveLength(57);
  });

  it('a run of permanent failures pauses the mailing and tells its organisers; refused addresses are marked bouncing', async () => {
    const tag = `f${unique()}`;
    const people = await Promise.all(Array.from({ length: 8 }, () => subscriber({ tags: [tag] })));
    for (const person of people) {
      system.mail.refuse(person.email, 550);
    }
    const id = await create({ subject: 'Will bounce', audience: { tags: [tag] } });
    await system.graphql(SEND, { id }, organiser);
    await untilStatus(id, 'PAUSED');
    const notice = await system.mail.waitFor(
      organiserMember.email,
      system.mail.to(organiserMember.email).length || 1,
    );
    await system.eventually(
      async () =>
        system.mail.to(organiserMember.email).some((m) => m.subject.includes('has paused itself')) ||
        undefined,
    );
    expect(notice).toBeDefined();
    const { stats, pauseReason } = await mailing(id);
    expect(pauseReason).toMatch(/in a row/);
    expect(stats.bounced).toBeGreaterThanOrEqual(3);
    expect(stats.sent).toBe(0);
    const bouncing = await system.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM member WHERE id = ANY($1) AND email_bouncing_at IS NOT NULL`,
      [people.map((p) => p.id)],
    );
    expect(bouncing[0].n).toBe(stats.bounced);
    const pausedAudit = await system.db.query<unknown[]>(
      `SELECT 1 FROM audit_event WHERE action = 'mailing.pause' AND subject_id = $1`,
      [id],
    );
    expect(pausedAudit).toHaveLength(1);
    // Those marked bouncing are left out of the next mailing.
    expect(await count(await create({ audience: { tags: [tag] } }))).toBe(8 - stats.bounced);
  });

  it('is not found for an organiser of another branch, and forbidden to create there', async () => {
    const id = await create({});
    const other = await createBranch(system.db);
    const stranger = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: other.id }] }),
    );
    for (const query of [
      [MAILING, { id }],
      [COUNT, { id }],
      [SEND, { id }],
      [`mutation($id: ID!) { cancelMailing(id: $id) { status } }`, { id }],
      [`mutation($id: ID!) { pauseMailing(id: $id) { status } }`, { id }],
      [`mutation($id: ID!) { resumeMailing(id: $id) { status } }`, { id }],
      [
        `mutation($id: ID!, $at: DateTime!) { scheduleMailing(id: $id, sendAt: $at) { status } }`,
        { id, at: new Date(Date.now() + 3_600_000).toISOString() },
      ],
      [UPDATE, { input: { id, subject: 'Taken over' } }],
      [`mutation($id: ID!) { sendTestMailing(id: $id) }`, { id }],
      [
        `query($id: ID!, $memberId: ID!) { previewMailing(id: $id, memberId: $memberId) { subject } }`,
        { id, memberId: organiserMember.id },
      ],
    ] as const) {
      const res = await system.graphql(query[0], query[1], stranger);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const list = await system.graphql<{ mailings: { totalCount: number } }>(
      `query { mailings { totalCount } }`,
      {},
      stranger,
    );
    expect(list.data?.mailings.totalCount).toBe(0);
    // Nothing was changed or sent by any of it.
    const [row] = await system.db.query<Array<{ status: string; subject: string }>>(
      `SELECT status, subject FROM mailing WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'DRAFT', subject: 'News for {{member.firstName}}' });
    const created = await system.graphql(
      CREATE,
      { input: { branchId: branch.id, subject: 'x', body: 'y' } },
      stranger,
    );
    expect(created.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const national = await system.graphql(CREATE, { input: { subject: 'x', body: 'y' } }, organiser);
    expect(national.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  /** Today's date in Europe/London, as byDay gives it. */
  const londonDay = (at = new Date()): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);

  it('gives per-day figures: sent, bounced and unsubscribed, by London day', async () => {
    const tag = `d${unique()}`;
    const people = await Promise.all(Array.from({ length: 4 }, () => subscriber({ tags: [tag] })));
    system.mail.refuse(people[3].email, 550);
    const id = await create({ audience: { tags: [tag] } });
    await system.graphql(SEND, { id }, organiser);
    await untilStatus(id, 'SENT');
    const mail = await system.mail.waitFor(people[0].email);
    const url = /^<([^>]+)>$/.exec(mail.rawHeaders['list-unsubscribe'])![1];
    await system
      .http()
      .post(url.replace('http://crm.test', ''))
      .type('form')
      .send('List-Unsubscribe=One-Click');

    const today = londonDay();
    expect((await mailing(id)).stats.byDay).toEqual([
      { day: today, sent: 3, failed: 0, bounced: 1, unsubscribed: 1 },
    ]);
    // One sent two days ago (as a long mailing would have been) counts on its own day, in order.
    await system.db.query(
      `UPDATE mailing_recipient SET sent_at = sent_at - interval '2 days' WHERE mailing_id = $1 AND member_id = $2`,
      [id, people[1].id],
    );
    const earlier = londonDay(new Date(Date.now() - 2 * 86_400_000));
    expect((await mailing(id)).stats.byDay).toEqual([
      { day: earlier, sent: 1, failed: 0, bounced: 0, unsubscribed: 0 },
      { day: today, sent: 2, failed: 0, bounced: 1, unsubscribed: 1 },
    ]);
  });

  it('updateMailing checks what it saves, and refuses once sending has begun', async () => {
    const tag = `e${unique()}`;
    const other = `e${unique()}`;
    await subscriber({ tags: [tag] });
    await Promise.all([subscriber({ tags: [other] }), subscriber({ tags: [other] })]);
    const id = await create({ audience: { tags: [tag] } });
    const elsewhere = await createEvent(system.db, { branchId: (await createBranch(system.db)).id });
    for (const input of [
      { id, subject: 'Hi {{member.email}}' },
      { id, body: 'Hello <script>alert(1)</script>' },
      { id, body: '[form](https://example.org/?n={{member.firstName}})' },
      { id, audience: { eventId: elsewhere.id } },
      { id, subject: '' },
    ]) {
      const res = await system.graphql(UPDATE, { input }, organiser);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const [unchanged] = await system.db.query<Array<{ subject: string; body: string }>>(
      `SELECT subject, body FROM mailing WHERE id = $1`,
      [id],
    );
    expect(unchanged).toEqual({
      subject: 'News for {{member.firstName}}',
      body: 'Hello {{member.firstName}}',
    });
    expect(await count(id)).toBe(1);

    const updated = await system.graphql<{ updateMailing: { subject: string; body: string } }>(
      UPDATE,
      {
        input: {
          id,
          subject: 'Drug checking in {{branch.name}}',
          body: 'New *body*',
          audience: { tags: [other] },
        },
      },
      organiser,
    );
    expect(updated.data?.updateMailing).toMatchObject({
      subject: 'Drug checking in {{branch.name}}',
      body: 'New *body*',
    });
    expect(await count(id)).toBe(2);

    await system.graphql(SEND, { id }, organiser);
    const late = await system.graphql(UPDATE, { input: { id, subject: 'Too late' } }, organiser);
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    await untilStatus(id, 'SENT');
    const afterSent = await system.graphql(UPDATE, { input: { id, body: 'Too late' } }, organiser);
    expect(afterSent.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('selects by joinedAfter', async () => {
    const tag = `j${unique()}`;
    const old = await subscriber({ tags: [tag] });
    const recent = await subscriber({ tags: [tag] });
    await system.db.query(`UPDATE member SET created_at = now() - interval '30 days' WHERE id = $1`, [
      old.id,
    ]);
    const id = await create({
      audience: { tags: [tag], joinedAfter: new Date(Date.now() - 10 * 86_400_000).toISOString() },
    });
    expect(await count(id)).toBe(1);
    await system.graphql(SEND, { id }, organiser);
    await untilStatus(id, 'SENT');
    expect(system.mail.to(recent.email)).toHaveLength(1);
    expect(system.mail.to(old.email)).toHaveLength(0);
  });

  it('lists mailings by status, a page at a time', async () => {
    const own = await createBranch(system.db);
    const token = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: own.id }] }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(await create({ branchId: own.id, subject: `Draft ${i}` }, token));
    }
    const cancelled = await create({ branchId: own.id, subject: 'Cancelled' }, token);
    await system.graphql(
      `mutation($id: ID!) { cancelMailing(id: $id) { status } }`,
      { id: cancelled },
      token,
    );
    const LIST = `query($branchId: ID, $status: MailingStatus, $first: Int, $after: String) {
      mailings(branchId: $branchId, status: $status, first: $first, after: $after) {
        totalCount edges { node { id status } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      mailings: {
        totalCount: number;
        edges: Array<{ node: { id: string; status: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = await system.graphql<Page>(LIST, { branchId: own.id, status: 'DRAFT', first: 2 }, token);
    expect(first.data?.mailings.totalCount).toBe(3);
    expect(first.data?.mailings.edges).toHaveLength(2);
    expect(first.data?.mailings.pageInfo.hasNextPage).toBe(true);
    const second = await system.graphql<Page>(
      LIST,
      { branchId: own.id, status: 'DRAFT', first: 2, after: first.data!.mailings.pageInfo.endCursor },
      token,
    );
    expect(second.data?.mailings.edges).toHaveLength(1);
    expect(second.data?.mailings.pageInfo.hasNextPage).toBe(false);
    const seen = [...first.data!.mailings.edges, ...second.data!.mailings.edges].map((e) => e.node.id);
    // Newest first, each once.
    expect(seen).toEqual([...ids].reverse());
    const done = await system.graphql<Page>(LIST, { branchId: own.id, status: 'CANCELLED' }, token);
    expect(done.data?.mailings.edges.map((e) => e.node.id)).toEqual([cancelled]);
  });

  it('an admin sends a national mailing to every branch’s consenting members, from the campaign', async () => {
    const admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    const tag = `n${unique()}`;
    const elsewhere = await createBranch(system.db, { name: 'Glasgow' });
    const here = await subscriber({ tags: [tag] });
    const there = await subscriber({ tags: [tag], branchId: elsewhere.id });
    const optedOut = await subscriber({ tags: [tag], branchId: elsewhere.id, emailOptIn: false });
    const res = await system.graphql<{ createMailing: { id: string } }>(
      CREATE,
      {
        input: {
          subject: 'National news',
          body: 'Hello {{member.firstName}} from {{branch.name}}',
          audience: { tags: [tag] },
        },
      },
      admin,
    );
    const id = res.data!.createMailing.id;
    const [row] = await system.db.query<Array<{ branch_id: string | null }>>(
      `SELECT branch_id FROM mailing WHERE id = $1`,
      [id],
    );
    expect(row.branch_id).toBeNull();
    // Not one branch's: its organisers do not see it.
    expect((await system.graphql(MAILING, { id }, organiser)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await system.graphql(SEND, { id }, admin);
    await system.eventually(async () => {
      const res = await system.graphql<{ mailing: { status: string } }>(MAILING, { id }, admin);
      return res.data?.mailing.status === 'SENT' || undefined;
    });
    for (const person of [here, there]) {
      const [mail] = system.mail.to(person.email);
      expect(mail.subject).toBe('National news');
      expect(mail.text).toContain('from Our campaign');
      expect(mail.text).toContain('You receive this email from Our campaign');
    }
    expect(system.mail.to(optedOut.email)).toHaveLength(0);
    const audit = await system.db.query<Array<{ row_count: number }>>(
      `SELECT row_count FROM audit_event WHERE action = 'mailing.send' AND subject_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ row_count: 2 }]);
  });
});
