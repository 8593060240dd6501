import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CommandRunner } from 'nest-commander';
import { Letter, LetterCampaign } from '@app/letters';
import { OutboxMessage } from '@app/mail';
import { createOpenLetterCampaign } from '../factories/letters';
import { importScotland } from '../support/scotland';
import { TestSystem, tokenFromMail } from '../support/test-system';

const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const CONFIRM = 'mutation($token: String!) { confirmLetters(token: $token) { queued } }';
const SHARED = `Dear {{target.name}},

I am writing to ask you to support drug checking services in every community in Scotland. Drug
checking lets people who use drugs find out what is really in what they have bought.

Please tell me what you will do to make it happen.`;
const ABERDEEN_CENTRAL = 's16000074@msp.example.org';

/**
 * Near-copy letters under a DIGEST campaign: told before confirming, kept back, then one digest per
 * recipient (two runs of `send-letter-digests` at once still make one), every letter in it SENT
 * when it is; letters in the writer's own words go on their own as before.
 */
describe('daily digests of near-copy letters', () => {
  let system: TestSystem;
  let cli: INestApplicationContext;
  let campaign: LetterCampaign;
  const printed: string[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ env: { LETTER_TARGET_INTERVAL_MS: '0' } });
    await importScotland(system);
    campaign = await createOpenLetterCampaign(system.db, { nearCopies: 'DIGEST', nearCopyThreshold: 0.5 });
    const { CliModule } = await import('../../apps/cli/src/cli.module.js');
    cli = await NestFactory.createApplicationContext(CliModule, { logger: false });
    jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cli.close();
    await system.stop();
  });

  const email = (n: number) => `digest-writer-${n}@example.org`;

  async function write(n: number, body: string): Promise<string> {
    const res = await system.graphql(WRITE, {
      input: {
        campaignSlug: campaign.slug,
        fullName: `Jo Writer${n}`,
        email: email(n),
        postcode: 'AB2 1DD',
        subject: 'Drug checking',
        body,
        emailOptIn: false,
      },
    });
    expect(res.errors).toBeUndefined();
    return (await system.mail.waitFor(email(n))).text;
  }

  async function confirm(mailText: string): Promise<void> {
    const res = await system.graphql(CONFIRM, { token: tokenFromMail(mailText, '/letters/confirm') });
    expect(res.errors).toBeUndefined();
  }

  const statuses = (n: number) =>
    system.db
      .getRepository(Letter)
      .find({ where: { email: email(n) }, select: { status: true, inDigest: true } });

  it('sends the first letter on its own, keeps near-copies for the digest and says so first', async () => {
    const first = await write(1, `${SHARED}\n\nMy brother is alive because of naloxone.`);
    expect(first).not.toContain('daily digest');
    await confirm(first);
    await system.eventually(async () => (await statuses(1)).every((l) => l.status === 'SENT'));

    // The preview says so before anything is sent.
    const preview = await system
      .http()
      .post(`/write/${campaign.slug}`)
      .type('form')
      .send({
        action: 'preview',
        postcode: 'AB2 1DD',
        subject: 'Drug checking',
        body: SHARED,
        fullName: 'Jo',
      });
    expect(preview.text).toContain('daily digest');
    const second = await write(2, `${SHARED}\n\nI work in a hostel in Aberdeen.`);
    const third = await write(3, SHARED);
    expect(second).toContain('daily digest');
    expect(third).toContain('daily digest');
    await confirm(second);
    await confirm(third);
    const own = await write(
      4,
      'Dear {{target.name}},\n\nLast winter a friend of mine nearly died from pills nobody could test. ' +
        'Will you visit the service in Glasgow and see how it works?',
    );
    expect(own).not.toContain('daily digest');
    await confirm(own);
    await system.eventually(async () => (await statuses(4)).every((l) => l.status === 'SENT'));

    for (const n of [2, 3]) {
      const letters = await statuses(n);
      expect(letters).toHaveLength(8);
      expect(letters.every((l) => l.status === 'QUEUED' && l.inDigest)).toBe(true);
    }
    // The MSP has had the two letters in their writers' own words, nothing of the near-copies.
    expect(system.mail.to(ABERDEEN_CENTRAL)).toHaveLength(2);
  });

  it('send-letter-digests sends one digest per recipient, twice at once still once, and every letter in it is SENT', async () => {
    const { SendLetterDigestsCommand } = await import('../../apps/cli/src/letter-digests.command.js');
    const command = cli.get<CommandRunner>(SendLetterDigestsCommand);
    await Promise.all([command.run([], {}), command.run([], {})]);
    const counts = printed
      .filter((l) => l.startsWith('Letter digests queued:'))
      .map((l) => Number(l.split(': ')[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);

    const digests = () => system.db.getRepository(OutboxMessage).findBy({ template: 'letter-digest' });
    expect(await digests()).toHaveLength(8);
    await system.eventually(async () => (await digests()).every((d) => d.status === 'SENT'));
    await system.eventually(async () =>
      [...(await statuses(2)), ...(await statuses(3))].every((l) => l.status === 'SENT'),
    );

    const mail = await system.mail.waitFor(ABERDEEN_CENTRAL, 3);
    expect(mail.subject).toBe(`2 of your constituents wrote about ${campaign.title}`);
    expect(mail.text).toContain('Jo Writer2, AB2');
    expect(mail.text).toContain('Jo Writer3, AB2');
    expect(mail.text.split('I work in a hostel in Aberdeen.')).toHaveLength(2);
    expect(mail.text.split('I am writing to ask you to support drug checking')).toHaveLength(2);

    // Nothing waits now: another run sends nothing, and nobody got anything twice.
    await command.run([], {});
    expect(printed.pop()).toBe('Letter digests queued: 0');
    expect(await digests()).toHaveLength(8);
    expect(system.mail.to(ABERDEEN_CENTRAL)).toHaveLength(3);
  });
});
