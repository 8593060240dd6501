import { Injectable } from '@nestjs/common';
import { AppConfig, postcodeDistrict } from '@app/core';
import { OutboxService } from '@app/mail';
import type { Letter } from './letter.entity';
import { digestCutoff, digestParts } from './letter-digest';
import { LetterRepository } from './letter.repository';
import { letterDigestTemplate } from './letter.templates';

/** Letters put into digests per run at most; the next run takes the rest. */
const BATCH = 5000;

/**
 * The daily digests: each recipient gets one email per campaign with the near-copy letters that
 * waited for it (confirmed before that day's LETTER_DIGEST_TIME, Europe/London), the shared text
 * once and each writer's name, postcode district and own words. Every letter in a digest is SENT
 * when the digest is (LetterOutcomes). Runs take turns (an advisory lock) and lock the letters they
 * take, so two runs at once make one digest per recipient and never put a letter in two.
 */
@Injectable()
export class LetterDigestsService {
  constructor(
    private readonly letters: LetterRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Writes the digests that are due: letters queued before the latest digest time (or, with `now`,
   * every letter waiting: the `send-letter-digests` command). How many digests.
   */
  async send(options: { now?: boolean } = {}): Promise<number> {
    const cutoff = options.now ? new Date() : digestCutoff(new Date(), this.config.letters.digestTime);
    return this.outbox.transaction(async (manager, mail) => {
      await this.letters.lockDigests(manager);
      const waiting = await this.letters.waitingForDigest(manager, cutoff, BATCH);
      const groups = new Map<string, Letter[]>();
      for (const letter of waiting) {
        const key = `${letter.campaignId}:${letter.targetId}`;
        groups.set(key, [...(groups.get(key) ?? []), letter]);
      }
      for (const letters of groups.values()) {
        const { campaign, target } = letters[0];
        const parts = digestParts(letters.map((l) => l.body));
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
      }
      return groups.size;
    });
  }
}
