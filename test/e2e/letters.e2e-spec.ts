import { Branch } from '@app/branches';
import { Letter } from '@app/letters';
import { OutboxMessage } from '@app/mail';
import { ConsentRecord, Member } from '@app/members';
import { Target } from '@app/targets';
import { createBranch, createMember, signIn } from '../factories';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

const CREATE = `mutation($input: CreateLetterCampaignInput!) { createLetterCampaign(input: $input) { id slug status } }`;
const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const CONFIRM = 'mutation($token: String!) { confirmLetters(token: $token) { queued campaign { slug } } }';
const STATS = `query($slug: String!) { letterCampaign(slug: $slug) {
  stats { written confirmed sent failed personalisedShare byTarget { target { name } sent } } } }`;

const SUBJECT = 'Drug checking in {{constituency.name}}';
const BODY = `Dear {{target.name}},

I live in {{constituency.name}} ({{supporter.postcode}}). Please support drug checking services so
that people who use drugs can stay safer.

Yours sincerely,
{{supporter.fullName}}`;

describe('letters to representatives', () => {
  let system: TestSystem;
  let branch: Branch;
  let organiser: string;
  let counter = 0;

  beforeAll(async () => {
    system = await TestSystem.start({
      env: {
        LETTER_TARGET_INTERVAL_MS: '1000',
        MAIL_RETRY_ATTEMPTS: '12',
        LETTER_FROM: 'letters@campaign.test',
      },
    });
    await importScotland(system);
    branch = await createBranch(system.db, { postcodeAreas: ['AB'] });
    organiser = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: branch.id }] }),
    );
  });
  afterAll(() => system.stop());

  async function openCampaign(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; slug: string }> {
    counter += 1;
    const slug = `drug-checking-${counter}`;
    const created = await system.graphql<{ createLetterCampaign: { id: string } }>(
      CREATE,
      {
        input: {
          title: `Drug checking now ${counter}`,
          slug,
          branchId: branch.id,
          targeting: 'MY_MSPS',
          subjectTemplate: SUBJECT,
          bodyTemplate: BODY,
          requirePersonalisation: false,
          ...overrides,
        },
      },
      organiser,
    );
    if (!created.data) {
      throw new Error(JSON.stringify(created.errors));
    }
    const { id } = created.data.createLetterCampaign;
    await system.graphql(`mutation { openLetterCampaign(id: "${id}") { status } }`, {}, organiser);
    return { id, slug };
  }

  const writer = (slug: string, n: number | string, extra: Record<string, unknown> = {}) => ({
    input: {
      campaignSlug: slug,
      fullName: `Robin Writer${n}`,
      email: `writer-${n}@example.org`,
      postcode: 'ab2 1dd',
      subject: SUBJECT,
      body: `${BODY}\n\nMy cousin is alive because a friend carried naloxone.`,
      emailOptIn: false,
      ...extra,
    },
  });

  const lettersOf = (email: string) =>
    system.db.getRepository(Letter).find({ where: { email }, relations: { target: true } });

  it('refuses unknown placeholders and broken templates when a campaign is saved', async () => {
    for (const [field, value, message] of [
      ['bodyTemplate', 'Dear {{target.email}}', 'unknown placeholder {{target.email}}'],
      ['subjectTemplate', 'Hello {{target.name', 'broken placeholder'],
      ['bodyTemplate', '{{#each targets}}x{{/each}}', 'only plain placeholders'],
    ]) {
      const res = await system.graphql(
        CREATE,
        {
          input: {
            title: 'Broken',
            slug: `broken-${value.length}`,
            branchId: branch.id,
            targeting: 'MY_MSPS',
            subjectTemplate: SUBJECT,
            bodyTemplate: BODY,
            requirePersonalisation: false,
            [field]: value,
          },
        },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field }] });
      expect(res.errors?.[0].message).toContain(message);
    }
    const noTargets = await system.graphql(
      CREATE,
      {
        input: {
          title: 'No one',
          slug: 'no-one',
          branchId: branch.id,
          targeting: 'SELECTED_TARGETS',
          subjectTemplate: 'Hi',
          bodyTemplate: 'Hello',
        },
      },
      organiser,
    );
    expect(noTargets.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'targetIds' }],
    });
    expect(await system.db.query('SELECT count(*)::int AS n FROM letter_campaign')).toEqual([{ n: 0 }]);
  });

  it('previews the eight MSPs for a postcode, each with their own letter', async () => {
    const { slug } = await openCampaign();
    const res = await system.graphql<{
      previewLetters: Array<{ target: { name: string; kind: string }; subject: string; body: string }>;
    }>(
      'query($slug: String!) { previewLetters(campaignSlug: $slug, postcode: "AB21DD", fullName: "Sam Doe") { target { name kind } subject body } }',
      { slug },
    );
    const letters = res.data!.previewLetters;
    expect(letters).toHaveLength(8);
    expect(letters[0].target).toEqual({ name: 'MSP for Aberdeen Central', kind: 'MSP_CONSTITUENCY' });
    expect(letters[0].subject).toBe('Drug checking in Aberdeen Central');
    expect(letters[0].body).toMatch(
      /^Dear MSP for Aberdeen Central,\n\nI live in Aberdeen Central \(AB2 1DD\)/,
    );
    expect(letters[0].body).toContain('Sam Doe');
    expect(letters[7].body).toContain('Dear List MSP 7 S17000014');

    const outside = await system.graphql(
      'query($slug: String!) { previewLetters(campaignSlug: $slug, postcode: "SW1A 2AA", fullName: "Sam") { subject } }',
      { slug },
    );
    expect(outside.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'POSTCODE_NOT_RECOGNISED',
      fields: [{ field: 'postcode' }],
    });
  });

  it('writes, confirms and delivers one letter to each of the eight MSPs, with the right headers', async () => {
    const { slug } = await openCampaign({ requirePersonalisation: true });
    const unchanged = await system.graphql(
      WRITE,
      writer(slug, 'same', { body: `  ${BODY.replace(/\n/g, '\n  ')}  ` }),
    );
    expect(unchanged.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PERSONALISATION_REQUIRED',
      fields: [{ field: 'body' }],
    });
    expect(await lettersOf('writer-same@example.org')).toHaveLength(0);

    // Pasting back the filled-in preview is not personalising it either.
    const preview = await system.graphql<{ previewLetters: Array<{ subject: string; body: string }> }>(
      'query($slug: String!) { previewLetters(campaignSlug: $slug, postcode: "AB2 1DD", fullName: "Robin Writersame") { subject body } }',
      { slug },
    );
    const pasted = await system.graphql(
      WRITE,
      writer(slug, 'same', { body: preview.data!.previewLetters[0].body }),
    );
    expect(pasted.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PERSONALISATION_REQUIRED',
      fields: [{ field: 'body' }],
    });
    const spoofed = await system.graphql(
      WRITE,
      writer(slug, 'spoof', { fullName: 'Chief Constable <chief@police.example.org>' }),
    );
    expect(spoofed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NAME_NOT_ACCEPTED',
      fields: [{ field: 'fullName' }],
    });

    const res = await system.graphql(WRITE, writer(slug, 1, { emailOptIn: true }));
    expect(res.data).toEqual({ writeLetters: { status: 'CONFIRMATION_SENT' } });
    const confirmation = await system.mail.waitFor('writer-1@example.org');
    expect(confirmation.text).toContain('MSP for Aberdeen Central, MSP (Scottish Parliament)');
    expect(confirmation.text).toContain('List MSP 7 S17000014');
    // The writer sees the words they are confirming, not only the recipients.
    expect(confirmation.text).toContain('My cousin is alive because a friend carried naloxone.');
    const pending = await lettersOf('writer-1@example.org');
    expect(pending).toHaveLength(8);
    expect(pending.every((l) => l.status === 'AWAITING_CONFIRMATION')).toBe(true);
    expect(pending[0].personalisedShare).toBeGreaterThan(0.1);
    // Nothing goes to an MSP before the supporter confirms.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(system.mail.to('s16000074@msp.example.org')).toHaveLength(0);

    // Twenty confirmations of the same link at once: the letters are queued once.
    const token = tokenFromMail(confirmation.text, '/letters/confirm');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        system.graphql<{ confirmLetters: { queued: number } }>(CONFIRM, { token }),
      ),
    );
    expect(results.filter((r) => r.data?.confirmLetters.queued === 8)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'BAD_USER_INPUT')).toHaveLength(19);

    const letter = await system.mail.waitFor('s16000074@msp.example.org');
    for (let n = 1; n <= 7; n += 1) {
      await system.mail.waitFor(`s17000014-${n}@msp.example.org`);
    }
    expect(letter.subject).toBe('Drug checking in Aberdeen Central');
    expect(letter.rawHeaders.from).toBe('Robin Writer1 <letters@campaign.test>');
    expect(letter.rawHeaders['reply-to']).toBe('writer-1@example.org');
    expect(letter.text).toContain('Dear MSP for Aberdeen Central,');
    expect(letter.text).toContain('My cousin is alive because a friend carried naloxone.');
    expect(letter.text).toContain('sent it through the campaign');
    // No tracking of the target: no unsubscribe or campaign headers, no images, no rewritten links.
    expect(Object.keys(letter.rawHeaders).filter((h) => h.startsWith('x-') || h.startsWith('list-'))).toEqual(
      [],
    );
    expect(letter.html).not.toMatch(/<img|https?:\/\//);

    const copy = await system.mail.waitFor('writer-1@example.org', 2);
    expect(copy.subject).toContain('Your letter is on its way');
    expect(copy.text).toContain('My cousin is alive');

    await system.eventually(async () =>
      (await lettersOf('writer-1@example.org')).every(
        (l) => l.status === 'SENT' && l.smtpMessageId && l.sentAt,
      ),
    );
    // They asked for campaign email, and proved the address: subscribed, with consent recorded.
    const member = await system.db.getRepository(Member).findOneByOrFail({ email: 'writer-1@example.org' });
    expect(member.emailOptIn).toBe(true);
    expect(await system.db.getRepository(ConsentRecord).findBy({ memberId: member.id })).toEqual([
      expect.objectContaining({ source: 'letter', emailOptIn: true }),
    ]);

    // Writing again sends nothing new to the MSPs; the supporter hears that they already wrote.
    await system.graphql(WRITE, writer(slug, 1, { body: `${BODY}\n\nA second try.` }));
    const again = await system.mail.waitFor('writer-1@example.org', 3);
    expect(again.subject).toContain('You have already written');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(system.mail.to('s16000074@msp.example.org')).toHaveLength(1);
    expect(await lettersOf('writer-1@example.org')).toHaveLength(8);

    const stats = await system.graphql<{
      letterCampaign: {
        stats: {
          written: number;
          confirmed: number;
          sent: number;
          failed: number;
          personalisedShare: number;
          byTarget: Array<{ target: { name: string }; sent: number }>;
        };
      };
    }>(STATS, { slug }, organiser);
    expect(stats.data!.letterCampaign.stats).toMatchObject({ written: 8, confirmed: 8, sent: 8, failed: 0 });
    expect(stats.data!.letterCampaign.stats.personalisedShare).toBeGreaterThan(0.1);
    expect(stats.data!.letterCampaign.stats.byTarget).toHaveLength(8);
    expect(stats.data!.letterCampaign.stats.byTarget).toContainEqual({
      target: { name: 'MSP for Aberdeen Central' },
      sent: 1,
    });

    // The figures are for the campaign's organisers only.
    const publicView = await system.graphql(STATS, { slug });
    expect(publicView.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answers the same for a new and a known address, and keeps one letter per target', async () => {
    const { slug } = await openCampaign({ targeting: 'MY_CONSTITUENCY_MSP' });
    const first = await system.graphql(WRITE, writer(slug, 'twice'));
    const second = await system.graphql(WRITE, writer(slug, 'twice', { body: `${BODY}\nChanged my mind.` }));
    expect(first.data).toEqual(second.data);
    const letters = await lettersOf('writer-twice@example.org');
    expect(letters).toHaveLength(1);
    // The newest words replace the unconfirmed letter, and only the newest link sends it.
    expect(letters[0].body).toContain('Changed my mind.');
    await system.mail.waitFor('writer-twice@example.org', 2);
    // Both go out in one relay batch, so they may arrive in either order: told apart by their words.
    const mails = system.mail.to('writer-twice@example.org');
    const newMail = mails.find((m) => m.text.includes('Changed my mind.'))!;
    const oldMail = mails.find((m) => m !== newMail)!;
    expect(oldMail.text).not.toContain('Changed my mind.');
    const stale = await system.graphql(CONFIRM, { token: tokenFromMail(oldMail.text, '/letters/confirm') });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LINK_EXPIRED' });
    const fresh = await system.graphql<{ confirmLetters: { queued: number } }>(CONFIRM, {
      token: tokenFromMail(newMail.text, '/letters/confirm'),
    });
    expect(fresh.data!.confirmLetters.queued).toBe(1);
    const sent = await system.mail.waitFor('s16000074@msp.example.org', 2);
    expect(sent.text).toContain('Changed my mind.');
  });

  it('paces letters to one target and sends them all', async () => {
    const minister = await system.db.getRepository(Target).save({
      kind: 'INSTITUTION',
      name: 'Minister for Drugs Policy',
      title: 'Minister',
      organisation: 'Scottish Government',
      email: 'minister@gov.example.org',
    });
    const { slug } = await openCampaign({ targeting: 'SELECTED_TARGETS', targetIds: [minister.id] });
    for (const n of ['pace-a', 'pace-b', 'pace-c']) {
      await system.graphql(WRITE, writer(slug, n));
      const mail = await system.mail.waitFor(`writer-${n}@example.org`);
      await system.graphql(CONFIRM, { token: tokenFromMail(mail.text, '/letters/confirm') });
    }
    await system.mail.waitFor('minister@gov.example.org', 3);
    // When each message began (its MAIL FROM: over a pooled connection, not when that connected),
    // not when the sink finished parsing it, which depends on how busy the machine is.
    const times = system.mail
      .to('minister@gov.example.org')
      .map((m) => m.startedAt)
      .sort((a, b) => a - b);
    // LETTER_TARGET_INTERVAL_MS is 1000 here: no two letters to the minister are handed to SMTP closer
    // than that. Between that moment and the sink seeing the message begin a busy machine adds some
    // jitter, hence the margin; unpaced, they arrive within a few milliseconds of each other.
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(750);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(750);
    expect(new Set(system.mail.to('minister@gov.example.org').map((m) => m.rawHeaders.from)).size).toBe(3);
  });

  it('keeps letters queued while the SMTP server is down and sends each once when it returns', async () => {
    const { slug } = await openCampaign({ targeting: 'MY_REGIONAL_MSPS' });
    await system.graphql(WRITE, writer(slug, 'outage'));
    const token = tokenFromMail(
      (await system.mail.waitFor('writer-outage@example.org')).text,
      '/letters/confirm',
    );
    const before = system.mail.to('s17000014-1@msp.example.org').length;
    const port = system.mail.port;
    await system.mail.stop();
    try {
      const res = await system.graphql<{ confirmLetters: { queued: number } }>(CONFIRM, { token });
      expect(res.data!.confirmLetters.queued).toBe(7);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const letters = await lettersOf('writer-outage@example.org');
      expect(letters.map((l) => l.status)).toEqual(Array(7).fill('QUEUED'));
      const attempts = await system.db
        .getRepository(OutboxMessage)
        .findBy({ toAddress: 's17000014-1@msp.example.org', status: 'PENDING' });
      expect(attempts[0]?.attempts).toBeGreaterThan(0);
    } finally {
      await system.mail.start(port);
    }
    await system.eventually(
      async () => (await lettersOf('writer-outage@example.org')).every((l) => l.status === 'SENT'),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let n = 1; n <= 7; n += 1) {
      expect(system.mail.to(`s17000014-${n}@msp.example.org`).length).toBe(before + 1);
    }
  });

  it('marks a letter failed and the address bouncing on a permanent refusal', async () => {
    const body = await system.db.getRepository(Target).save({
      kind: 'INDUSTRY_BODY',
      name: 'Night Time Industries Association Scotland',
      title: '',
      organisation: 'NTIA Scotland',
      email: 'gone@ntia.example.org',
    });
    system.mail.refuse('gone@ntia.example.org', 550);
    const { slug } = await openCampaign({ targeting: 'SELECTED_TARGETS', targetIds: [body.id] });
    await system.graphql(WRITE, writer(slug, 'bounce-1'));
    await system.graphql(CONFIRM, {
      token: tokenFromMail(
        (await system.mail.waitFor('writer-bounce-1@example.org')).text,
        '/letters/confirm',
      ),
    });
    const failed = await system.eventually(async () => {
      const [letter] = await lettersOf('writer-bounce-1@example.org');
      return letter.status === 'FAILED' ? letter : undefined;
    });
    expect(failed.failureReason).toContain('550');
    expect((await system.db.getRepository(Target).findOneByOrFail({ id: body.id })).deliveryStatus).toBe(
      'BOUNCING',
    );

    // The next letter to that address does not wait on it: it fails at once, with the reason.
    await system.graphql(WRITE, writer(slug, 'bounce-2'));
    await system.graphql(CONFIRM, {
      token: tokenFromMail(
        (await system.mail.waitFor('writer-bounce-2@example.org')).text,
        '/letters/confirm',
      ),
    });
    const [next] = await lettersOf('writer-bounce-2@example.org');
    expect(next).toMatchObject({ status: 'FAILED', outboxMessageId: null });
    expect(next.failureReason).toContain('bouncing');

    // Once the address is fixed, an admin sets it OK again and letters go through.
    const admin = await signIn(system, await createMember(system.db, { roles: [{ role: 'ADMIN' }] }));
    const SET = `mutation($id: ID!) { setTargetDeliveryStatus(id: $id, status: OK) { deliveryStatus } }`;
    expect((await system.graphql(SET, { id: body.id }, organiser)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await system.graphql(SET, { id: body.id }, admin)).data).toEqual({
      setTargetDeliveryStatus: { deliveryStatus: 'OK' },
    });
    system.mail.refuse('gone@ntia.example.org', 550, 0);
    await system.graphql(WRITE, writer(slug, 'bounce-3'));
    await system.graphql(CONFIRM, {
      token: tokenFromMail(
        (await system.mail.waitFor('writer-bounce-3@example.org')).text,
        '/letters/confirm',
      ),
    });
    await system.mail.waitFor('gone@ntia.example.org');
  });

  it('lists letters in the writer’s data download, and erasure withdraws them and leaves no trace', async () => {
    const sent = await openCampaign({ targeting: 'MY_CONSTITUENCY_MSP' });
    const waiting = await openCampaign({ targeting: 'MY_CONSTITUENCY_MSP' });
    const email = 'writer-xanthippe@example.org';
    const as = { fullName: 'Xanthippe Qualtrough', email, emailOptIn: true };
    await system.graphql(WRITE, writer(sent.slug, 'x', as));
    await system.graphql(CONFIRM, {
      token: tokenFromMail((await system.mail.waitFor(email)).text, '/letters/confirm'),
    });
    await system.eventually(async () => (await lettersOf(email))[0]?.status === 'SENT');
    await system.graphql(WRITE, writer(waiting.slug, 'x', { ...as, emailOptIn: false }));
    await system.mail.waitFor(email, 3);

    await system.graphql('mutation($email: String!) { requestMyData(email: $email) }', { email });
    const download = await system
      .http()
      .get(`/my-data?token=${tokenFromMail((await system.mail.waitFor(email, 4)).text, '/my-data')}`)
      .expect(200);
    const data = JSON.parse(download.text) as {
      letters: Array<{ to: string; status: string; body: string }>;
    };
    expect(data.letters.map((l) => l.status).sort()).toEqual(['AWAITING_CONFIRMATION', 'SENT']);
    expect(data.letters[0]).toMatchObject({ to: 'MSP for Aberdeen Central' });
    expect(data.letters[0].body).toContain('naloxone');

    await system.graphql('mutation($email: String!) { requestErasure(email: $email) }', { email });
    await system
      .http()
      .post('/erase')
      .type('form')
      .send({ token: tokenFromMail((await system.mail.waitFor(email, 5)).text, '/erase') })
      .expect(200);
    for (const table of ['letter', 'outbox_message', 'member']) {
      const rows = await system.db.query<Array<{ row: string }>>(
        `SELECT row_to_json(t)::text AS row FROM "${table}" t`,
      );
      for (const { row } of rows) {
        expect(row).not.toMatch(/xanthippe|Qualtrough/i);
      }
    }
    // The sent letter still counts; the one never confirmed is withdrawn.
    const statuses = await system.db.query<Array<{ campaign_id: string; status: string }>>(
      `SELECT campaign_id, status FROM letter WHERE campaign_id = ANY($1::uuid[])`,
      [[sent.id, waiting.id]],
    );
    expect(statuses).toEqual(
      expect.arrayContaining([
        { campaign_id: sent.id, status: 'SENT' },
        { campaign_id: waiting.id, status: 'FAILED' },
      ]),
    );
  });

  it('keeps drafts and closed campaigns from the public, and other branches from the figures', async () => {
    const draft = await system.graphql<{ createLetterCampaign: { id: string; slug: string } }>(
      CREATE,
      {
        input: {
          title: 'Draft',
          slug: 'a-draft',
          branchId: branch.id,
          targeting: 'MY_MSPS',
          subjectTemplate: SUBJECT,
          bodyTemplate: BODY,
        },
      },
      organiser,
    );
    const hidden = await system.graphql(WRITE, writer('a-draft', 'draft'));
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { id, slug } = await openCampaign();
    await system.graphql(`mutation { closeLetterCampaign(id: "${id}") { status } }`, {}, organiser);
    const closed = await system.graphql(WRITE, writer(slug, 'closed'));
    expect(closed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CAMPAIGN_NOT_OPEN',
      fields: [{ field: 'campaignSlug' }],
    });
    expect(await lettersOf('writer-closed@example.org')).toHaveLength(0);

    const other = await createBranch(system.db);
    const outsider = await signIn(
      system,
      await createMember(system.db, { roles: [{ role: 'ORGANISER', branchId: other.id }] }),
    );
    const update = await system.graphql(
      'mutation($input: UpdateLetterCampaignInput!) { updateLetterCampaign(input: $input) { title } }',
      { input: { id: draft.data!.createLetterCampaign.id, title: 'Taken over' } },
      outsider,
    );
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await system.graphql(STATS, { slug }, outsider)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
