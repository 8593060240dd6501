import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AddressMailCap, AppConfig, canonicalEmail, hashToken, RepeatGuard, repeatKey } from '@app/core';
import {
  Letter,
  LetterCampaign,
  LetterCampaignsService,
  LetterRepository,
  LettersModule,
  LettersService,
} from '@app/letters';
import { OutboxMessage, OutboxService } from '@app/mail';
import { Target, TargetsImportService, TargetsService } from '@app/targets';
import { createMember } from '../factories';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { DomainHarness, reasonOf } from '../support/domain-harness';
import { mspCsv, scotland } from '../support/scotland';
import { tokenFromMail } from '../support/test-system';

/** In Aberdeen Central (S16000074), North East Scotland: eight MSPs (see test/support/scotland.ts). */
const POSTCODE = 'AB2 1DD';

const CONFIRMATION = 'letters-confirmation';
const ALREADY_WRITTEN = 'letters-already-written';

/**
 * Writing letters (LettersService.write): the repeat claim in a statement of its own, the mail cap,
 * then the letters and (when all were written) their confirmation in one autocommit statement
 * that checks the campaign is still open and takes the writer's lock before any row
 * (LetterRepository.writeAwaitingAndMail). Asserted on rows: letter, outbox_message, recent_request.
 */
describe('writing letters (real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let letters: LettersService;
  let campaigns: LetterCampaignsService;
  let admin: ReturnType<typeof DomainHarness.admin>;

  beforeAll(async () => {
    harness = await DomainHarness.start([LettersModule], {
      // The open campaign and the near-copy samples are read once and kept for the whole file.
      PUBLIC_READ_CACHE_MS: '60000',
      // Longer than the file takes: a refused request's claim must be given back to be seen again.
      REPEAT_WINDOW_SECONDS: '600',
      // One address writes six times below: the per-address cap is not what is tested here.
      MAIL_CAP_PER_KIND: '50',
      MAIL_CAP_PER_DAY: '100',
    });
    db = harness.db;
    letters = harness.get(LettersService);
    campaigns = harness.get(LetterCampaignsService);
    const imports = harness.get(TargetsImportService);
    await imports.importGeography(createReadStream(scotland('sp2011-geography.csv')), 'sp2011', true);
    await imports.importPostcodes(createReadStream(scotland('sp2011-example-postcodes.csv')));
    await imports.importTargets(Readable.from([mspCsv()]));
    admin = DomainHarness.admin((await createMember(db)).id);
  });
  afterAll(() => harness.stop());

  let n = 0;
  /** A writer of their own, in the writer's own words (`words`, put in the body). */
  const writer = (campaign: LetterCampaign, words: string, extra: Record<string, unknown> = {}) => {
    n += 1;
    return {
      campaignSlug: campaign.slug,
      fullName: `Writer Number${n}`,
      email: `writer-${n}@example.org`,
      postcode: POSTCODE,
      subject: 'Drug checking in {{constituency.name}}',
      body: bodyOf(words),
      emailOptIn: false,
      ...extra,
    };
  };
  const bodyOf = (words: string) =>
    `Dear {{target.name}},\n\n${words}\n\nPlease support drug checking services.\n\n{{supporter.fullName}}`;

  const lettersOf = (campaignId: string, email: string) =>
    db.getRepository(Letter).find({
      where: { campaignId, emailCanonical: canonicalEmail(email) },
      order: { targetId: 'ASC' },
    });
  const mailTo = (email: string, template: string) =>
    db
      .getRepository(OutboxMessage)
      .find({ where: { toAddress: email, template }, order: { createdAt: 'ASC' } });
  const tokenOf = (mail: OutboxMessage) => tokenFromMail(mail.textBody ?? '', '/letters/confirm');
  /** The lines of a confirmation email that name its recipients. */
  const recipientsIn = (mail: OutboxMessage) =>
    (mail.textBody ?? '')
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2));
  const named = (t: Target) => t.name;

  /** Whether a statement is waiting for an advisory lock (the writer's lock, here). */
  const waitingForAdvisoryLocks = async () =>
    (
      await db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    )[0].n;

  it('writes one writing’s words to every recipient when the same person sends two different writings at once', async () => {
    const campaign = await createOpenLetterCampaign(db);
    const first = writer(campaign, 'My brother is alive because a friend had naloxone.');
    const second = {
      ...first,
      subject: 'Please back drug checking',
      body: bodyOf('I work in a night shelter and see the harm every week.'),
    };
    await Promise.all([letters.write(first), letters.write(second)]);

    const written = await lettersOf(campaign.id, first.email);
    // One letter to each of the eight MSPs, every one in the words of the same writing.
    expect(written).toHaveLength(8);
    expect(new Set(written.map((l) => l.targetId)).size).toBe(8);
    const bodies = written.map((l) => l.body);
    const ofFirst = bodies.filter((b) => b.includes('naloxone'));
    const ofSecond = bodies.filter((b) => b.includes('night shelter'));
    expect([ofFirst.length, ofSecond.length].sort()).toEqual([0, 8]);
    const held = ofFirst.length === 8 ? 'naloxone' : 'night shelter';
    const other = held === 'naloxone' ? 'night shelter' : 'naloxone';
    expect(new Set(written.map((l) => l.subject)).size).toBe(1);
    expect(written[0].subject).toMatch(held === 'naloxone' ? /^Drug checking in / : /^Please back/);
    expect(written.every((l) => l.status === 'AWAITING_CONFIRMATION')).toBe(true);
    // All under one link.
    expect(new Set(written.map((l) => l.confirmTokenHash)).size).toBe(1);

    // Each writing had its email; the one whose link confirms these letters shows their words.
    const mails = await mailTo(first.email, CONFIRMATION);
    expect(mails).toHaveLength(2);
    const linked = mails.filter((m) => hashToken(tokenOf(m)) === written[0].confirmTokenHash);
    expect(linked).toHaveLength(1);
    expect(linked[0].textBody).toContain(held);
    expect(linked[0].textBody).not.toContain(other);
    expect(bodies.some((body) => linked[0].textBody!.includes(body))).toBe(true);
    expect(recipientsIn(linked[0])).toHaveLength(8);
    // The other email's link confirms nothing: its words are not the letters'.
    const [stale] = mails.filter((m) => m !== linked[0]);
    const staleHash = hashToken(tokenOf(stale));
    expect(
      written.some((l) => l.confirmTokenHash === staleHash || l.earlierTokenHashes.includes(staleHash)),
    ).toBe(false);

    // Confirming through the link sends the words the email showed.
    const { queued } = await letters.confirm(tokenOf(linked[0]));
    expect(queued).toBe(8);
    const sent = await db.getRepository(OutboxMessage).findBy({ template: 'letter', replyTo: first.email });
    expect(sent).toHaveLength(8);
    expect(sent.every((m) => m.textBody!.includes(held))).toBe(true);
  });

  it('takes the writer’s lock before it writes any row: two writings wait for it, then go one after the other', async () => {
    const campaign = await createOpenLetterCampaign(db);
    const first = writer(campaign, 'Drug checking would have saved my cousin.');
    const second = { ...first, body: bodyOf('Our city needs a drug checking service this year.') };
    // The campaign and the samples read once, so both writings go straight to their statements.
    await letters.previewWritten(campaign.slug, first);

    // Someone else holds this writer's lock (as another writing of theirs would).
    const holder = db.createQueryRunner();
    await holder.connect();
    const lockKey = `letters:${campaign.id}:${canonicalEmail(first.email)}`;
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    let settled = 0;
    const writings = Promise.allSettled([letters.write(first), letters.write(second)]).finally(() => {
      settled += 1;
    });
    try {
      // Both reach their statement and wait there (or, without the lock, have already written).
      const until = Date.now() + 15_000;
      while (settled === 0 && (await waitingForAdvisoryLocks()) < 2 && Date.now() < until) {
        await sleep(20);
      }
      expect(settled).toBe(0);
      expect(await waitingForAdvisoryLocks()).toBe(2);
      expect(await lettersOf(campaign.id, first.email)).toHaveLength(0);
      expect(await mailTo(first.email, CONFIRMATION)).toHaveLength(0);
    } finally {
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      await holder.release();
    }
    const outcomes = await writings;
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);

    const written = await lettersOf(campaign.id, first.email);
    expect(written).toHaveLength(8);
    const cousin = written.filter((l) => l.body.includes('cousin')).length;
    expect([0, 8]).toContain(cousin);
    const mails = await mailTo(first.email, CONFIRMATION);
    expect(mails).toHaveLength(2);
    const linked = mails.filter((m) => hashToken(tokenOf(m)) === written[0].confirmTokenHash);
    expect(linked).toHaveLength(1);
    expect(linked[0].textBody!.includes('cousin')).toBe(cousin === 8);
  });

  it('writes only to a recipient added after the person confirmed, and mails a link to that letter alone', async () => {
    // Named so the recipient added later comes last (recipients are listed by name).
    const able = await createTarget(db, { name: 'Alex Able' });
    const brown = await createTarget(db, { name: 'Bea Brown' });
    const carter = await createTarget(db, { name: 'Cal Carter' });
    const campaign = await createOpenLetterCampaign(db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [able.id, brown.id],
    });
    const input = writer(campaign, 'I have lost two friends this year.');
    await letters.write(input);
    const [firstMail] = await mailTo(input.email, CONFIRMATION);
    expect(recipientsIn(firstMail).map((r) => r.split(',')[0])).toEqual([able, brown].map(named));
    expect((await letters.confirm(tokenOf(firstMail))).queued).toBe(2);

    // An organiser adds a recipient to the open campaign; the person writes again, in new words.
    await campaigns.update(admin, { id: campaign.id, targetIds: [able.id, brown.id, carter.id] });
    await letters.write({ ...input, body: bodyOf('Still waiting for an answer from you all.') });

    const written = await lettersOf(campaign.id, input.email);
    expect(written).toHaveLength(3);
    const byTarget = new Map(written.map((l) => [l.targetId, l]));
    // The confirmed letters stand, in their words.
    for (const target of [able, brown]) {
      expect(byTarget.get(target.id)).toMatchObject({ status: 'QUEUED', confirmTokenHash: null });
      expect(byTarget.get(target.id)!.body).toContain('two friends');
    }
    const added = byTarget.get(carter.id)!;
    expect(added.status).toBe('AWAITING_CONFIRMATION');
    expect(added.body).toContain('Still waiting');

    // One more email, listing the new letter alone, whose link confirms it.
    const mails = await mailTo(input.email, CONFIRMATION);
    expect(mails).toHaveLength(2);
    const second = mails[1];
    expect(recipientsIn(second).map((r) => r.split(',')[0])).toEqual([carter.name]);
    expect(second.textBody).toContain('Still waiting');
    // It shows the letter it confirms, as its recipient will read it.
    expect(second.textBody).toContain(`Dear ${carter.name},`);
    expect(second.textBody).not.toContain(`Dear ${able.name},`);
    expect(hashToken(tokenOf(second))).toBe(added.confirmTokenHash);
    expect(await mailTo(input.email, ALREADY_WRITTEN)).toHaveLength(0);
    expect((await letters.confirm(tokenOf(second))).queued).toBe(1);
    expect(await db.getRepository(Letter).findOneByOrFail({ id: added.id })).toMatchObject({
      status: 'QUEUED',
    });
  });

  it('writes nothing for a person whose letters are all confirmed, and tells them so three times at most', async () => {
    const campaign = await createOpenLetterCampaign(db);
    const input = writer(campaign, 'Please listen to people who use drugs.');
    await letters.write(input);
    const [mail] = await mailTo(input.email, CONFIRMATION);
    expect((await letters.confirm(tokenOf(mail))).queued).toBe(8);
    const before = await lettersOf(campaign.id, input.email);

    for (let i = 1; i <= 5; i += 1) {
      await letters.write({ ...input, body: bodyOf(`Writing again, time number ${i}.`) });
    }

    const after = await lettersOf(campaign.id, input.email);
    expect(after).toHaveLength(8);
    expect(after.map((l) => [l.id, l.status, l.body])).toEqual(before.map((l) => [l.id, 'QUEUED', l.body]));
    expect(await db.getRepository(Letter).countBy({ campaignId: campaign.id })).toBe(8);
    expect(await mailTo(input.email, CONFIRMATION)).toHaveLength(1);
    expect(await mailTo(input.email, ALREADY_WRITTEN)).toHaveLength(3);
  });

  it('gives the claim made with the recipients’ lookup back when the writing is then refused, so the same request is refused again', async () => {
    const campaign = await createOpenLetterCampaign(db, { requirePersonalisation: true });
    const claims = async (input: { email: string }) =>
      (
        await db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM recent_request WHERE key = $1', [
          repeatKey('write-letters', { ...input, email: input.email.trim().toLowerCase() }),
        ])
      )[0].n;
    // The campaign's own letter, unchanged: refused once the letters are composed, after the lookup.
    const unchanged = {
      ...writer(campaign, ''),
      subject: campaign.subjectTemplate,
      body: campaign.bodyTemplate,
    };
    // A postcode in the right form that no constituency holds: refused by the lookup itself.
    const nowhere = writer(campaign, 'I live somewhere new.', { postcode: 'ZZ9 9ZZ' });
    for (const [input, reason] of [
      [unchanged, 'BAD_USER_INPUT/PERSONALISATION_REQUIRED'],
      [nowhere, 'BAD_USER_INPUT/POSTCODE_NOT_RECOGNISED'],
    ] as const) {
      expect(await reasonOf(letters.write(input))).toBe(reason);
      expect(await claims(input)).toBe(0);
      expect(await reasonOf(letters.write(input))).toBe(reason);
      expect(await lettersOf(campaign.id, input.email)).toHaveLength(0);
      expect(await db.getRepository(OutboxMessage).countBy({ toAddress: input.email })).toBe(0);
    }
    // And a writing that goes through keeps its claim: the same request again does nothing more.
    const own = writer(campaign, 'My own words about why this matters to me.');
    await letters.write(own);
    expect(await claims(own)).toBe(1);
    await letters.write(own);
    expect(await db.getRepository(OutboxMessage).countBy({ toAddress: own.email })).toBe(1);
  });

  it('refuses a writing when the campaign closed after it was read, writes nothing and gives the repeat claim back', async () => {
    const campaign = await createOpenLetterCampaign(db);
    // A second api replica (behind a load balancer): a refusal in the statement forgets the campaign
    // on the replica that refused only, so the same request sent to the other one reaches its claim.
    const replica = new LettersService(
      harness.get(LetterRepository),
      campaigns,
      harness.get(TargetsService),
      harness.get(OutboxService),
      harness.get(AppConfig),
      harness.get(AddressMailCap),
      harness.get(RepeatGuard),
    );
    const keyOf = (input: { email: string }) =>
      repeatKey('write-letters', { ...input, email: input.email.trim().toLowerCase() });
    const claims = async (key: string) =>
      (
        await db.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM recent_request WHERE key = $1', [
          key,
        ])
      )[0].n;

    // Both replicas read the campaign while it is open: a writing through each goes through.
    const early = writer(campaign, 'Written while the campaign was open.');
    await letters.write(early);
    await replica.write(writer(campaign, 'Written through the other replica.'));
    expect(await lettersOf(campaign.id, early.email)).toHaveLength(8);
    expect(await claims(keyOf(early))).toBe(1);

    await campaigns.move(admin, campaign.id, 'close');

    const late = writer(campaign, 'Written a moment after it closed.');
    expect(await reasonOf(letters.write(late))).toBe('BAD_USER_INPUT/CAMPAIGN_NOT_OPEN');
    expect(await claims(keyOf(late))).toBe(0);
    // The exact same request again at once, on the replica still taking the campaign for open: it
    // is not taken for a repeat of one that went through, but refused alike.
    expect(await reasonOf(replica.write(late))).toBe('BAD_USER_INPUT/CAMPAIGN_NOT_OPEN');
    expect(await claims(keyOf(late))).toBe(0);
    // And again on the first, which now reads the campaign afresh.
    expect(await reasonOf(letters.write(late))).toBe('BAD_USER_INPUT/CAMPAIGN_NOT_OPEN');

    expect(await lettersOf(campaign.id, late.email)).toHaveLength(0);
    expect(await db.getRepository(OutboxMessage).countBy({ toAddress: late.email })).toBe(0);
  });
});
