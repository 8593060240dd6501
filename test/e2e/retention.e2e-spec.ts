import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { CommandRunner } from 'nest-commander';
import { SCHEDULE_QUEUE, ScheduleJob } from '@app/core';
import { Letter } from '@app/letters';
import { OutboxMessage } from '@app/mail';
import { AddressToken } from '@app/members';
import { Petition, Signature } from '@app/petitions';
import { Pledge, Venue } from '@app/pledges';
import { createOpenPetition } from '../factories';
import { createOpenLetterCampaign } from '../factories/letters';
import { createTarget } from '../factories/targets';
import { createPledgedVenue } from '../factories/pledges';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const CONFIRM_SIGNATURE = 'mutation($token: String!) { confirmSignature(token: $token) { slug } }';
const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const CONFIRM_LETTERS = 'mutation($token: String!) { confirmLetters(token: $token) { queued } }';
const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const REGISTER_PLEDGE =
  'mutation($input: RegisterVenuePledgeInput!) { registerVenuePledge(input: $input) { status } }';

describe('retention rules', () => {
  let system: TestSystem;
  let cli: INestApplicationContext;
  const printed: string[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ env: { LETTER_TARGET_INTERVAL_MS: '0' } });
    await importScotland(system);
    const { CliModule } = await import('../../apps/cli/src/cli.module.js');
    cli = await NestFactory.createApplicationContext(CliModule, { logger: false });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cli.close();
    await system.stop();
  });

  async function sign(slug: string, name: string, confirm = false): Promise<Signature> {
    const email = `${name}@example.org`;
    await system.graphql(SIGN, {
      input: {
        petitionSlug: slug,
        fullName: `Signer ${name}`,
        email,
        postcode: 'KY16 9AJ',
        emailOptIn: false,
      },
    });
    const mail = await system.mail.waitFor(email);
    if (confirm) {
      await system.graphql(CONFIRM_SIGNATURE, { token: tokenFromMail(mail.text, '/petitions/confirm') });
    }
    return system.db.getRepository(Signature).findOneByOrFail({ email });
  }

  async function write(slug: string, name: string, confirm: boolean): Promise<Letter> {
    const email = `${name}@example.org`;
    const written = await system.graphql(WRITE, {
      input: {
        campaignSlug: slug,
        fullName: `Writer ${name}`,
        email,
        postcode: 'AB2 1DD',
        subject: 'Drug checking now',
        body: 'Dear Minister,\n\nPlease fund drug checking so that people who use drugs can stay safer.\n\nThank you.',
        emailOptIn: false,
      },
    });
    expect(written.errors).toBeUndefined();
    const mail = await system.mail.waitFor(email);
    if (confirm) {
      await system.graphql(CONFIRM_LETTERS, { token: tokenFromMail(mail.text, '/letters/confirm') });
      await system.eventually(async () =>
        (await system.db.getRepository(Letter).findOneByOrFail({ email })).status === 'SENT'
          ? true
          : undefined,
      );
    }
    return system.db.getRepository(Letter).findOneByOrFail({ email });
  }

  /** Joins through the public form (never confirming) and returns the member record's id. */
  async function join(name: string): Promise<string> {
    const email = `${name}@example.org`;
    const joined = await system.graphql(JOIN, {
      input: { fullName: `Joiner ${name}`, email, postcode: 'KY16 9AJ', emailOptIn: true },
    });
    expect(joined.errors).toBeUndefined();
    await system.mail.waitFor(email);
    return memberIdOf(email);
  }

  /** Registers a venue's pledge through the public form (never confirming); the venue's id. */
  async function registerPledge(name: string, venueName: string): Promise<string> {
    const email = `${name}@example.org`;
    const registered = await system.graphql(REGISTER_PLEDGE, {
      input: {
        venue: { name: venueName, kind: 'CLUB', address: '1 Market Street', postcode: 'KY16 9AJ' },
        owner: { fullName: `Owner ${name}`, email, role: 'general manager' },
        commitments: ['welfare-space'],
        notes: '',
      },
    });
    expect(registered.errors).toBeUndefined();
    const [venue] = await system.db.query<Array<{ id: string }>>(`SELECT id FROM venue WHERE name = $1`, [
      venueName,
    ]);
    return venue.id;
  }

  const memberIdOf = async (email: string): Promise<string> =>
    (await system.db.query<Array<{ id: string }>>(`SELECT id FROM member WHERE email = $1`, [email]))[0].id;
  const memberExists = async (id: string): Promise<boolean> =>
    (await system.db.query<unknown[]>(`SELECT 1 FROM member WHERE id = $1`, [id])).length === 1;

  const backdate = (table: string, column: string, days: number, id: string) =>
    system.db.query(`UPDATE "${table}" SET ${column} = now() - make_interval(days => $1) WHERE id = $2`, [
      days,
      id,
    ]);

  /** Every row of the tables the rules touch, to show that a second run changes nothing. */
  const snapshot = async () => {
    const rows: Record<string, unknown> = {};
    for (const table of [
      'signature',
      'letter',
      'venue',
      'pledge',
      'outbox_message',
      'address_token',
      'member_token',
      'member',
    ]) {
      rows[table] = await system.db.query(`SELECT * FROM "${table}" ORDER BY id`);
    }
    return JSON.stringify(rows);
  };

  it('deletes, scrubs and anonymises backdated rows as a scheduled job and from the CLI, idempotently', async () => {
    // Unconfirmed signatures: one past UNCONFIRMED_RETENTION_DAYS (7), one not.
    const open = await createOpenPetition(system.db);
    const oldPending = await sign(open.slug, 'old-pending');
    const newPending = await sign(open.slug, 'new-pending');
    await backdate('signature', 'created_at', 8, oldPending.id);

    // Suspect signatures go once their petition has closed, not before.
    const closed = await createOpenPetition(system.db);
    const closedSuspect = await sign(closed.slug, 'suspect-closed');
    const openSuspect = await sign(open.slug, 'suspect-open');
    await system.db.query(`UPDATE signature SET status = 'SUSPECT' WHERE id = ANY($1::uuid[])`, [
      [closedSuspect.id, openSuspect.id],
    ]);
    await system.db.getRepository(Petition).update(closed.id, { status: 'CLOSED' });

    // Confirmed signatures of a petition delivered more than PETITION_RETENTION_DAYS (365) ago.
    const delivered = await createOpenPetition(system.db);
    const signedLongAgo = await sign(delivered.slug, 'delivered-long-ago', true);
    // Its constituency, as the postcode lookup records it (the count by constituency relies on it).
    await system.db.query(`UPDATE signature SET constituency_code = 'S16000155' WHERE id = $1`, [
      signedLongAgo.id,
    ]);
    const longAgo = await system.db.getRepository(Signature).findOneByOrFail({ id: signedLongAgo.id });
    const recent = await createOpenPetition(system.db);
    const recently = await sign(recent.slug, 'delivered-recently', true);
    await system.db.query(
      `UPDATE petition SET status = 'DELIVERED', delivered_at = now() - make_interval(days => $1) WHERE id = $2`,
      [400, delivered.id],
    );
    await system.db.query(
      `UPDATE petition SET status = 'DELIVERED', delivered_at = now() - make_interval(days => $1) WHERE id = $2`,
      [10, recent.id],
    );

    // Letters: an unconfirmed one past 7 days, one sent 29 days ago (past LETTER_RETENTION_DAYS), one sent today.
    const minister = await createTarget(system.db, { email: 'minister@gov.example.org' });
    const campaign = await createOpenLetterCampaign(system.db, {
      targeting: 'SELECTED_TARGETS',
      targetIds: [minister.id],
    });
    const unconfirmedLetter = await write(campaign.slug, 'letter-unconfirmed', false);
    await backdate('letter', 'created_at', 8, unconfirmedLetter.id);
    const oldLetter = await write(campaign.slug, 'letter-old', true);
    await backdate('letter', 'sent_at', 29, oldLetter.id);
    const newLetter = await write(campaign.slug, 'letter-new', true);

    // A venue pledge never confirmed, registered 8 days ago, and one registered today.
    const stale = await createPledgedVenue(system.db, { status: 'AWAITING_CONFIRMATION' });
    await backdate('pledge', 'created_at', 8, stale.pledge.id);
    const fresh = await createPledgedVenue(system.db, { status: 'AWAITING_CONFIRMATION' });

    // Member records made by the public forms and never confirmed: one joined 8 days ago, one today,
    // one 8 days ago who has since signed a petition (not yet confirmed), one confirmed; the owner of
    // the stale pledge above, registered 8 days ago, and an owner with a second venue still pledging.
    const joinedLongAgo = await join('joined-long-ago');
    const joinedToday = await join('joined-today');
    const joinedAndSigned = await join('joined-and-signed');
    await sign(open.slug, 'joined-and-signed');
    const joinedAndConfirmed = await join('joined-and-confirmed');
    await system.db.query(`UPDATE member SET email_confirmed_at = now() WHERE id = $1`, [joinedAndConfirmed]);
    const staleVenue = await registerPledge('owner-stale', 'The Stale Rooms');
    const staleOwner = await memberIdOf('owner-stale@example.org');
    const firstVenue = await registerPledge('owner-twice', 'The First Rooms');
    const secondVenue = await registerPledge('owner-twice', 'The Second Rooms');
    const ownerTwice = await memberIdOf('owner-twice@example.org');
    await system.db.query(
      `UPDATE pledge SET created_at = now() - interval '8 days' WHERE venue_id = ANY($1::uuid[])`,
      [[staleVenue, firstVenue]],
    );
    for (const id of [joinedLongAgo, joinedAndSigned, joinedAndConfirmed, staleOwner, ownerTwice]) {
      await backdate('member', 'created_at', 8, id);
    }
    // Their confirmation links (7 days) ran out a day ago.
    await system.db.query(
      `UPDATE member_token SET expires_at = now() - interval '1 day' WHERE member_id = ANY($1::uuid[])`,
      [[joinedLongAgo, joinedAndSigned, joinedAndConfirmed]],
    );

    // Mail sent 31 days ago (past OUTBOX_RETENTION_DAYS, 30) and an expired data-rights link.
    const oldMail = await system.db
      .getRepository(OutboxMessage)
      .findOneByOrFail({ toAddress: 'new-pending@example.org' });
    await backdate('outbox_message', 'sent_at', 31, oldMail.id);
    await system.db.getRepository(AddressToken).insert([
      {
        email: 'asked@example.org',
        purpose: 'data-export',
        tokenHash: 'expired',
        expiresAt: new Date(Date.now() - 1000),
      },
      {
        email: 'asked@example.org',
        purpose: 'erasure',
        tokenHash: 'live',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    ]);
    const countBefore = await system.db
      .getRepository(Signature)
      .countBy({ petitionId: delivered.id, status: 'CONFIRMED' });

    // The worker's scheduled job.
    const queue = system.worker!.get<Queue>(getQueueToken(SCHEDULE_QUEUE));
    await queue.add(ScheduleJob.Retention, {});
    const signatures = system.db.getRepository(Signature);
    await system.eventually(async () => !(await signatures.existsBy({ id: oldPending.id })));
    await system.eventually(async () => (await system.db.getRepository(AddressToken).count()) === 1);

    expect(await signatures.existsBy({ id: newPending.id })).toBe(true);
    expect(await signatures.existsBy({ id: closedSuspect.id })).toBe(false);
    expect(await signatures.existsBy({ id: openSuspect.id })).toBe(true);
    const anonymised = await signatures.findOneByOrFail({ id: longAgo.id });
    expect(anonymised).toMatchObject({
      fullName: 'Anonymised',
      email: '',
      postcode: null,
      status: 'CONFIRMED',
    });
    // Counts by day and constituency stay.
    expect(anonymised.confirmedAt).toEqual(longAgo.confirmedAt);
    expect(anonymised.constituencyCode).toBe('S16000155');
    expect(await signatures.countBy({ petitionId: delivered.id, status: 'CONFIRMED' })).toBe(countBefore);
    expect(await signatures.findOneByOrFail({ id: recently.id })).toMatchObject({
      fullName: 'Signer delivered-recently',
    });

    const letters = system.db.getRepository(Letter);
    expect(await letters.existsBy({ id: unconfirmedLetter.id })).toBe(false);
    const scrubbed = await letters.findOneByOrFail({ id: oldLetter.id });
    expect(scrubbed).toMatchObject({
      fullName: '',
      email: '',
      postcode: '',
      subject: '',
      body: '',
      status: 'SENT',
    });
    expect(scrubbed.targetId).toBe(minister.id);
    expect(scrubbed.sentAt).not.toBeNull();
    const letterMail = await system.db
      .getRepository(OutboxMessage)
      .findOneByOrFail({ id: scrubbed.outboxMessageId! });
    expect(letterMail).toMatchObject({ sender: null, replyTo: null, subject: '' });
    expect(await letters.findOneByOrFail({ id: newLetter.id })).toMatchObject({
      fullName: 'Writer letter-new',
    });

    expect(await system.db.getRepository(Venue).existsBy({ id: stale.venue.id })).toBe(false);
    expect(await system.db.getRepository(Pledge).existsBy({ id: stale.pledge.id })).toBe(false);
    expect(await system.db.getRepository(Pledge).existsBy({ id: fresh.pledge.id })).toBe(true);

    // Never-confirmed records that nothing else holds are gone (the stale pledge's owner with it);
    // the others stay.
    await system.eventually(async () => !(await memberExists(staleOwner)));
    expect(await memberExists(joinedLongAgo)).toBe(false);
    expect(
      await system.db.query(`SELECT 1 FROM member WHERE email IN ($1, $2)`, [
        'joined-long-ago@example.org',
        'owner-stale@example.org',
      ]),
    ).toEqual([]);
    expect(await system.db.getRepository(Venue).existsBy({ id: staleVenue })).toBe(false);
    expect(await memberExists(joinedToday)).toBe(true);
    expect(await memberExists(joinedAndSigned)).toBe(true);
    expect(await memberExists(joinedAndConfirmed)).toBe(true);
    // Links that ran out are gone (the confirmed member's with the rest); a live one stays.
    const linksOf = async (memberId: string) =>
      (
        await system.db.query<Array<{ n: number }>>(
          'SELECT count(*)::int AS n FROM member_token WHERE member_id = $1',
          [memberId],
        )
      )[0].n;
    expect(await linksOf(joinedAndConfirmed)).toBe(0);
    expect(await linksOf(joinedToday)).toBe(1);
    expect(await memberExists(ownerTwice)).toBe(true);
    expect(await system.db.getRepository(Venue).existsBy({ id: firstVenue })).toBe(false);
    expect(await system.db.getRepository(Venue).existsBy({ id: secondVenue })).toBe(true);

    const mail = await system.db.getRepository(OutboxMessage).findOneByOrFail({ id: oldMail.id });
    expect(mail).toMatchObject({
      toAddress: '',
      textBody: null,
      htmlBody: null,
      status: 'SENT',
      template: oldMail.template,
    });
    expect(
      await system.db.getRepository(OutboxMessage).existsBy({ toAddress: 'delivered-recently@example.org' }),
    ).toBe(true);

    // Safe to run twice: `npm run cli -- retention` now finds nothing to do and changes nothing.
    // The mail the steps above wrote may still be going out (the worker runs beside): it lands
    // first, so the two snapshots can differ only by what the second run changed.
    await system.eventually(async () => {
      const [{ pending }] = await system.db.query<Array<{ pending: number }>>(
        `SELECT count(*)::int AS pending FROM outbox_message WHERE status = 'PENDING'`,
      );
      return pending === 0 || undefined;
    });
    const before = await snapshot();
    jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    const { RetentionCommand } = await import('../../apps/cli/src/retention.command.js');
    await cli.get<CommandRunner>(RetentionCommand).run([], {});
    expect(printed).toEqual([
      'unconfirmedSignaturesDeleted: 0',
      'suspectSignaturesDeleted: 0',
      'signaturesAnonymised: 0',
      'unconfirmedLettersDeleted: 0',
      'lettersScrubbed: 0',
      'unconfirmedPledgesDeleted: 0',
      'outboxScrubbed: 0',
      'expiredAddressLinksDeleted: 0',
      'spentMemberLinksDeleted: 0',
      'neverConfirmedMembersDeleted: 0',
    ]);
    expect(await snapshot()).toBe(before);
  });
});
