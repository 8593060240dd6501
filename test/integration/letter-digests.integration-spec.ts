import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  Letter,
  LetterCampaign,
  LetterDeliveryModule,
  LetterDigestsService,
  LetterOutcomes,
  LetterQuestionnaire,
  LetterRepository,
  LettersModule,
  LetterSchedulesModule,
} from '@app/letters';
import { DeliveryHandlers, Mailbag, OutboxMessage } from '@app/mail';
import { Target } from '@app/targets';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { DomainHarness } from '../support/domain-harness';

const TWO_DAYS_AGO = () => new Date(Date.now() - 2 * 24 * 3600 * 1000);

/**
 * Daily digests of near-copy letters through their services alone: what a digest may say about its
 * writers, one digest per recipient and campaign a day, and what erasure and bounces do to digests.
 * Nothing sends mail here: digests are outbox rows, their delivery outcomes called directly.
 */
describe('letter digests (domain services, real database)', () => {
  let harness: DomainHarness;
  let db: DataSource;
  let digests: LetterDigestsService;
  let letters: LetterRepository;

  beforeAll(async () => {
    harness = await DomainHarness.start([LettersModule, LetterSchedulesModule, LetterDeliveryModule]);
    db = harness.db;
    digests = harness.get(LetterDigestsService);
    letters = harness.get(LetterRepository);
  });
  afterAll(() => harness.stop());

  const body = (name: string, postcode: string, own = '') =>
    `Dear Minister,\n\nI live in Aberdeen (${postcode}). Please support drug checking.\n${own}\nYours sincerely,\n${name}`;

  /** A confirmed letter waiting for its recipient's digest (queued two days ago: before any cutoff). */
  async function waiting(
    campaign: LetterCampaign,
    target: Target,
    fullName: string,
    postcode: string,
    extra: Partial<Letter> = {},
  ): Promise<Letter> {
    const email = `${fullName.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}@example.org`;
    return db.getRepository(Letter).save({
      campaignId: campaign.id,
      targetId: target.id,
      fullName,
      email,
      emailCanonical: email,
      postcode,
      subject: 'Drug checking',
      body: body(fullName, postcode),
      status: 'QUEUED',
      inDigest: true,
      queuedAt: TWO_DAYS_AGO(),
      ...extra,
    });
  }

  const digestTo = (target: Target) =>
    db.getRepository(OutboxMessage).find({
      where: { template: 'letter-digest', toAddress: target.email },
      order: { createdAt: 'ASC' },
    });
  const reload = (letter: Letter) => db.getRepository(Letter).findOneByOrFail({ id: letter.id });
  const campaign = () => createOpenLetterCampaign(db, { nearCopies: 'DIGEST' });
  const erase = (letter: Letter) =>
    db.transaction((manager) => letters.eraseByAddress(manager, letter.emailCanonical));

  it('names each writer with their postcode district only: lines that carried full postcodes become shared', async () => {
    const target = await createTarget(db);
    const drive = await campaign();
    await waiting(drive, target, 'Sam Writer', 'AB2 1DD');
    await waiting(drive, target, 'Robin Writer', 'AB2 3QQ');
    await waiting(drive, target, 'Alex Writer', 'AB2 5XY', { body: body('Alex Writer', 'ab25xy') });
    expect(await digests.send()).toBe(1);
    const [digest] = await digestTo(target);
    const text = `${digest.subject}\n${digest.textBody}\n${digest.htmlBody}`;
    expect(text).toContain('Sam Writer, AB2');
    expect(text).toContain('I live in Aberdeen (AB2).');
    expect(text).not.toMatch(/AB2\s*(1DD|3QQ|5XY)/i);
  });

  it('makes one digest per recipient and campaign a day: a letter late for today’s waits for tomorrow’s, unless the operator sends now', async () => {
    const target = await createTarget(db);
    const drive = await campaign();
    await waiting(drive, target, 'Jo First', 'AB2 1DD');
    expect(await digests.send()).toBe(1);
    // A letter queued before the digest time but committed after that day's run (or held by
    // another transaction then): the next scheduled run the same day leaves it.
    const late = await waiting(drive, target, 'Kim Late', 'AB2 1DD');
    expect(await digests.send()).toBe(0);
    expect((await reload(late)).digestMessageId).toBeNull();
    expect(await digestTo(target)).toHaveLength(1);
    // `send-letter-digests` is the operator's explicit "send the waiting ones now".
    expect(await digests.send({ now: true })).toBe(1);
    expect((await reload(late)).digestMessageId).not.toBeNull();
    expect(await digestTo(target)).toHaveLength(2);
    expect(await digests.send()).toBe(0);
  });

  it('erasing a writer cancels a digest not yet sent and rebuilds it without them; kills their questionnaire link', async () => {
    const target = await createTarget(db);
    const drive = await campaign();
    const erased = await waiting(drive, target, 'Eri Erased', 'AB2 1DD', {
      body: body('Eri Erased', 'AB2 1DD', 'My cousin died of a bad batch.'),
    });
    const others = [
      await waiting(drive, target, 'Fay Other', 'AB2 1DD'),
      await waiting(drive, target, 'Gus Other', 'AB2 1DD'),
    ];
    expect(await digests.send()).toBe(1);
    const [first] = await digestTo(target);
    expect(first.textBody).toContain('Eri Erased');
    // An earlier letter of theirs, sent and asked about by a questionnaire.
    const questionnaire = await db
      .getRepository(LetterQuestionnaire)
      .save({ campaignId: drive.id, tokenHash: 'link-hash', reminderTokenHash: 'reminder-hash' });
    await waiting(drive, await createTarget(db), 'Eri Erased', 'AB2 1DD', {
      email: erased.email,
      emailCanonical: erased.emailCanonical,
      status: 'SENT',
      inDigest: false,
      sentAt: new Date(),
      questionnaireId: questionnaire.id,
    });

    await erase(erased);
    const cancelled = await db.getRepository(OutboxMessage).findOneByOrFail({ id: first.id });
    expect(cancelled.status).toBe('FAILED');
    expect(cancelled.textBody).toBeNull();
    expect(cancelled.htmlBody).toBeNull();
    expect((await reload(erased)).status).toBe('FAILED');
    for (const other of others) {
      expect(await reload(other)).toMatchObject({ status: 'QUEUED', digestMessageId: null });
    }
    const link = await db.getRepository(LetterQuestionnaire).findOneByOrFail({ id: questionnaire.id });
    expect(link.tokenHash).toBe(`erased:${questionnaire.id}`);
    expect(link.reminderTokenHash).toBeNull();

    // The same day, the next run makes the digest again, without them.
    expect(await digests.send()).toBe(1);
    const rebuilt = (await digestTo(target))[1];
    expect(rebuilt.textBody).toContain('Fay Other');
    expect(rebuilt.textBody).not.toMatch(/Eri|cousin/);
    // Were the cancelled digest reported sent after all, the withdrawn letter stays withdrawn.
    await db.transaction((manager) => letters.markDigestSent(manager, first.id, null));
    expect((await reload(erased)).status).toBe('FAILED');
  });

  it('erasing a writer in a digest already sent clears the digest’s text', async () => {
    const target = await createTarget(db);
    const drive = await campaign();
    const erased = await waiting(drive, target, 'Hal Erased', 'AB2 1DD');
    await waiting(drive, target, 'Ira Other', 'AB2 1DD');
    expect(await digests.send()).toBe(1);
    const [digest] = await digestTo(target);
    await db.getRepository(OutboxMessage).update(digest.id, { status: 'SENT', sentAt: new Date() });
    await db.transaction((manager) => letters.markDigestSent(manager, digest.id, '<sent@smtp>'));
    await erase(erased);
    const after = await db.getRepository(OutboxMessage).findOneByOrFail({ id: digest.id });
    expect(after).toMatchObject({ status: 'SENT', subject: '', textBody: null, htmlBody: null });
    expect((await reload(erased)).status).toBe('SENT');
  });

  it('a refused address fails the digest letters and cancels their digest; a refused digest marks the address bouncing', async () => {
    const outcomes = harness.get(LetterOutcomes);
    const handlers = harness.get(DeliveryHandlers);
    const refused = { permanent: true, expired: false, recipientRefused: true, reason: '550 no such user' };

    // A letter on its own to the target is refused: the digest waiting for the same address goes too.
    const target = await createTarget(db);
    const drive = await campaign();
    const inDigest = [
      await waiting(drive, target, 'Lou One', 'AB2 1DD'),
      await waiting(drive, target, 'Max Two', 'AB2 1DD'),
    ];
    expect(await digests.send()).toBe(1);
    const [digest] = await digestTo(target);
    const message = await db.getRepository(OutboxMessage).save({
      template: 'letter',
      toAddress: target.email,
      subject: 'Drug checking',
      textBody: 'Dear Minister',
    });
    const own = await waiting(drive, target, 'Ned Own', 'AB2 1DD', {
      inDigest: false,
      outboxMessageId: message.id,
    });
    await db.transaction((manager) => outcomes.recordFailed(manager, message, refused));
    expect((await reload(own)).status).toBe('FAILED');
    for (const letter of inDigest) {
      expect((await reload(letter)).status).toBe('FAILED');
    }
    expect(await db.getRepository(OutboxMessage).findOneByOrFail({ id: digest.id })).toMatchObject({
      status: 'FAILED',
      textBody: null,
    });

    // The digest itself refused: the address is bouncing and a letter still waiting to it fails.
    const second = await createTarget(db);
    await waiting(drive, second, 'Oli One', 'AB2 1DD');
    expect(await digests.send()).toBe(1);
    const [refusedDigest] = await digestTo(second);
    const later = await waiting(drive, second, 'Pat Later', 'AB2 1DD', { queuedAt: new Date() });
    await db.transaction((manager) =>
      handlers.for('letter-digest').failed!(manager, undefined as unknown as Mailbag, refusedDigest, refused),
    );
    expect((await reload(later)).status).toBe('FAILED');
    expect((await db.getRepository(Target).findOneByOrFail({ id: second.id })).deliveryStatus).toBe(
      'BOUNCING',
    );
  });
});
