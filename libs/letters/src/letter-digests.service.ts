import { Injectable } from '@nestjs/common';
import { AppConfig, postcodeDistrict } from '@app/core';
import { OutboxService } from '@app/mail';
import { digestCutoff, digestDay, digestParts, withDistrictOnly } from './letter-digest';
import { LetterRepository } from './letter.repository';
import { letterDigestTemplate } from './letter.templates';

/** Digests (recipients' whole groups of letters) made per run at most; the next run takes the rest. */
const GROUPS = 500;

/**
 * The daily digests: each recipient gets one email per campaign with the near-copy letters that
 * waited for it (confirmed before that day's LETTER_DIGEST_TIME, Europe/London), the shared text
 * once and each writer's name, postcode district and own words. Every letter in a digest is SENT
 * when the digest is (LetterOutcomes). Runs take turns (an advisory lock) and lock the letters they
 * take, so two runs at once make one digest per recipient and never put a letter in two. Each digest
 * made leaves a mark for its recipient, campaign and London day (`letter_digest_day`): a scheduled
 * run leaves letters whose digest that day is made (a late commit, a letter another transaction
 * held) for the next day's, so a recipient gets one digest per campaign a day. Each writer's full
 * postcode in their letter becomes its district first: a digest names writers by district only.
 */
@Injectable()
export class LetterDigestsService {
  constructor(
    private readonly letters: LetterRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Writes the digests that are due: letters queued before the latest digest time, for recipients
   * without that day's digest yet. With `now` (the `send-letter-digests` command, an operator's
   * explicit action): every letter waiting, even to a recipient who had the day's digest already;
   * the day is still marked, so the scheduled run sends nothing more that day. How many digests.
   */
  async send(options: { now?: boolean } = {}): Promise<number> {
    const scheduled = digestCutoff(new Date(), this.config.letters.digestTime);
    const cutoff = options.now ? new Date() : scheduled;
    const day = digestDay(scheduled);
    return this.outbox.transaction(async (manager, mail) => {
      await this.letters.lockDigests(manager);
      const groups = await this.letters.digestGroupsDue(manager, cutoff, day, !!options.now, GROUPS);
      let made = 0;
      for (const group of groups) {
        const letters = await this.letters.waitingForDigest(manager, group, cutoff);
        if (letters.length === 0) {
          continue;
        }
        const { campaign, target } = letters[0];
        const parts = digestParts(letters.map((l) => withDistrictOnly(l.body, l.postcode)));
        const id = await mail.add(
          letterDigestTemplate,
          target!.email,
          {
            count: letters.length,
            campaignTitle: campaign!.title,
            shared: parts.shared,
            writers: letters.map((l, i) => ({
              fullName: l.fullName,
              district: postcodeDistrict(l.postcode),
              own: parts.own[i],
            })),
          },
          {},
          [],
          {
            sender: { name: campaign!.title, address: this.config.letters.from },
            pace: {
              key: `address:${target!.email.toLowerCase()}`,
              ms: this.config.letters.perTargetIntervalMs,
            },
          },
        );
        await this.letters.setDigestMessage(
          manager,
          letters.map((l) => l.id),
          id,
        );
        await this.letters.markDigestDay(manager, group, day, id);
        made += 1;
      }
      return made;
    });
  }
}
