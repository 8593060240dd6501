import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AddressMailCap,
  AppConfig,
  canonicalEmail,
  generateToken,
  hashToken,
  InvalidLinkError,
  repeatKey,
  nameProblem,
  normalisePostcode,
  NotFoundError,
  oneLine,
  RecentlyRead,
  RepeatGuard,
  withResponseFloor,
} from '@app/core';
import { Mailbag, OutboxService, outboxRow } from '@app/mail';
import { subscribeConfirmedPerson } from '@app/members';
import { NotAPostcodeError, Representatives, Target, TargetKind, TargetsService } from '@app/targets';
import { WriteLettersInput } from './dto/letter-campaign.input';
import { LetterCampaign, Targeting } from './letter-campaign.entity';
import { LetterCampaignsService } from './letter-campaigns.service';
import {
  LetterTemplate,
  LetterTemplateError,
  LetterValues,
  parseCampaignTemplate,
  parseLetterTemplate,
  personalisedShare,
  sameIgnoringWhitespace,
} from './letter-template';
import { Letter, LetterStatus } from './letter.entity';
import { minhashes, nearCopyScore } from './near-copy';
import { LetterRepository, SampledSignature } from './letter.repository';
import {
  alreadyWrittenTemplate,
  confirmLettersTemplate,
  letterCopyTemplate,
  letterTemplate,
} from './letter.templates';
import {
  LetterCampaignNotOpenError,
  NoRecipientsError,
  PersonalisationRequiredError,
  WriterNameError,
  WrittenTemplateError,
} from './letters.errors';

/** How many "already written" emails one person's letters under a campaign may cause. */
const ALREADY_WRITTEN_MAILS = 3;

const MSP_KINDS: Record<Exclude<Targeting, 'SELECTED_TARGETS'>, TargetKind[]> = {
  MY_MSPS: ['MSP_CONSTITUENCY', 'MSP_REGIONAL'],
  MY_CONSTITUENCY_MSP: ['MSP_CONSTITUENCY'],
  MY_REGIONAL_MSPS: ['MSP_REGIONAL'],
};

export interface RenderedLetter {
  target: Target;
  subject: string;
  body: string;
  /** The placeholder values for this target. */
  values: LetterValues;
}

/** A written letter with its MinHash signature and near-copy score (near-copy.ts). */
export interface ScoredLetter extends RenderedLetter {
  minhash: number[];
  /** How close it is to the closest of the latest letters to the same recipient (0–1). */
  nearCopy: number;
}

/**
 * A public writing's repeat claim: made with the recipients' lookup where there is one (`first`
 * set then), else on its own just before writing.
 */
interface WritingClaim {
  key: string;
  windowMs: number;
  first?: boolean;
}

/** How many of the latest letters to each recipient a new letter is compared with. */
export const NEAR_COPY_SAMPLE = 200;
/** How many targets' samples a process keeps at most (see `sample`): about 13 kB each. */
const KEPT_SAMPLES = 200;

/** What a supporter has written so far, before sending: the page's preview of it. */
export interface WrittenLetters {
  campaign: LetterCampaign;
  letters: ScoredLetter[];
  /** The highest near-copy score of the letters (0–1): how much it reads like letters already sent. */
  nearCopy: number;
  /** How much of the letter is the supporter's own words (0–1), as `writeLetters` will store it. */
  personalisedShare: number;
  /** The campaign's text unchanged (ignoring whitespace): refused where personalisation is required. */
  unchanged: boolean;
}

/** The letters of one confirmation and where each has got to. */
export interface LetterDeliveries {
  campaign: LetterCampaign;
  letters: Array<{ target: Target; status: LetterStatus; sentAt: Date | null }>;
}

/**
 * The key to a confirmed writing's delivery-status page, derived from its confirmation link: only
 * someone who held the link can know it, and the database keeps only its hash.
 */
export function letterStatusKey(token: string): string {
  return createHash('sha256').update(`letter-status:${token}`, 'utf8').digest('base64url');
}

/** Whether a letter with this near-copy score goes in the campaign's daily digest. */
export function inDigest(
  campaign: Pick<LetterCampaign, 'nearCopies' | 'nearCopyThreshold'>,
  score: number | null,
): boolean {
  return campaign.nearCopies === 'DIGEST' && (score ?? 0) > campaign.nearCopyThreshold;
}

/** How a target is named in lists for the supporter: "Ann Smith MSP (Scottish Parliament)". */
const describeTarget = (t: Target): string =>
  [t.name, t.title].filter(Boolean).join(', ') + (t.organisation ? ` (${t.organisation})` : '');

/**
 * Writing to targets: preview, write (awaiting the supporter's confirmation by email), confirm
 * (queued through the outbox, paced per target), and the outcome of each delivery.
 */
@Injectable()
export class LettersService {
  private readonly openCampaigns: RecentlyRead<LetterCampaign>;
  private readonly samples: RecentlyRead<SampledSignature[]>;

  constructor(
    private readonly letters: LetterRepository,
    private readonly campaigns: LetterCampaignsService,
    private readonly targets: TargetsService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly mailCap: AddressMailCap,
    private readonly repeats: RepeatGuard,
  ) {
    this.openCampaigns = new RecentlyRead(() => config.publicReadCacheMs);
    this.samples = new RecentlyRead(() => config.publicReadCacheMs, KEPT_SAMPLES);
  }

  /** The recipients and each one's letter, from the campaign's own templates. */
  async preview(
    actor: Actor | null,
    slug: string,
    postcode: string,
    fullName: string,
  ): Promise<RenderedLetter[]> {
    const campaign = await this.campaigns.bySlug(actor, slug);
    if (campaign.status === 'CLOSED') {
      throw this.notOpen();
    }
    const normalised = normalisePostcode(postcode);
    if (!normalised) {
      throw new NotAPostcodeError();
    }
    return this.render(
      campaign,
      parseCampaignTemplate(campaign.subjectTemplate),
      parseCampaignTemplate(campaign.bodyTemplate),
      { fullName, postcode: normalised },
    );
  }

  /**
   * The recipients and each one's letter as the supporter has written it (their subject and body,
   * placeholders filled in), with the share of it that is their own: what `write` would store.
   */
  async previewWritten(
    slug: string,
    written: { postcode: string; fullName: string; subject: string; body: string },
  ): Promise<WrittenLetters> {
    const campaign = await this.campaigns.bySlug(null, slug);
    if (campaign.status !== 'OPEN') {
      throw this.notOpen();
    }
    const postcode = normalisePostcode(written.postcode);
    if (!postcode) {
      throw new NotAPostcodeError();
    }
    return { campaign, ...(await this.compose(campaign, { ...written, postcode }, null)) };
  }

  /**
   * One letter per target, awaiting confirmation, and one email to the supporter. The answer and its
   * timing are the same whether or not the address has written before; writing again never makes a
   * second letter to the same target.
   */
  async write(input: WriteLettersInput): Promise<void> {
    const problem = nameProblem(input.fullName);
    if (problem) {
      throw new WriterNameError(problem);
    }
    const campaign = await this.openCampaign(input.campaignSlug);
    const emailCanonical = canonicalEmail(input.email);
    // A double-click (or ten at once) writes and mails once. The claim is made with the recipients'
    // lookup where there is one (one round trip for both), else on its own below.
    const key = repeatKey('write-letters', { ...input, email: input.email.trim().toLowerCase() });
    const claim: WritingClaim = { key, windowMs: this.config.repeatWindowMs };
    let composed: Omit<WrittenLetters, 'campaign'>;
    try {
      composed = await this.compose(campaign, input, emailCanonical, claim);
      if (campaign.requirePersonalisation && composed.unchanged) {
        throw new PersonalisationRequiredError();
      }
    } catch (error) {
      // Claimed, then refused: the claim is given back, so the same request is refused again.
      if (claim.first) {
        await this.repeats.release(key).catch(() => undefined);
      }
      throw error;
    }
    const { letters, personalisedShare: share } = composed;

    await withResponseFloor(this.config.publicResponseFloorMs, async () => {
      if (!(claim.first ?? (await this.repeats.claim(key)))) {
        return;
      }
      try {
        // Past the per-address mail cap a write changes nothing and mails nothing: letters waiting
        // for confirmation keep their words and the link already sent.
        if (!(await this.mailCap.allows('letters', input.email))) {
          return;
        }
        const token = generateToken();
        // The letters and, when all of them were written (the usual case), the email in one
        // statement, one writing at a time per person and campaign.
        const { open, written } = await this.letters.writeAwaitingAndMail(
          {
            campaignId: campaign.id,
            fullName: input.fullName,
            email: input.email,
            emailCanonical,
            postcode: input.postcode,
            personalisedShare: share,
            emailOptIn: input.emailOptIn,
            confirmTokenHash: hashToken(token),
          },
          letters.map((letter) => ({
            targetId: letter.target.id,
            subject: letter.subject,
            body: letter.body,
            minhash: letter.minhash,
            nearCopyScore: letter.nearCopy,
          })),
          outboxRow(confirmLettersTemplate, input.email, this.confirmation(input, campaign, letters, token)),
        );
        if (!open) {
          // Closed since it was read.
          this.openCampaigns.forget(input.campaignSlug);
          throw this.notOpen();
        }
        if (written.size < letters.length) {
          await this.outbox.transaction((manager, mail) =>
            this.mailAfterWriting(manager, mail, input, campaign, letters, written, token),
          );
        }
      } catch (error) {
        // The claim committed on its own: give it back, or a retry would be taken for a
        // double-click and do nothing.
        await this.repeats.release(key).catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * A writing where some letters were confirmed already (those stand): the email lists the ones now
   * awaiting confirmation; if there are none, the person hears they have written already (a few
   * times at most).
   */
  private async mailAfterWriting(
    manager: EntityManager,
    mail: Mailbag,
    input: WriteLettersInput,
    campaign: LetterCampaign,
    letters: ScoredLetter[],
    written: Set<string>,
    token: string,
  ): Promise<void> {
    const awaiting = letters.filter((letter) => written.has(letter.target.id));
    if (awaiting.length > 0) {
      await mail.add(
        confirmLettersTemplate,
        input.email,
        this.confirmation(input, campaign, awaiting, token),
      );
      return;
    }
    if (
      await this.letters.countRepeatMail(
        manager,
        campaign.id,
        canonicalEmail(input.email),
        ALREADY_WRITTEN_MAILS,
      )
    ) {
      await mail.add(alreadyWrittenTemplate, input.email, {
        fullName: input.fullName,
        campaignTitle: campaign.title,
      });
    }
  }

  /**
   * The email with the link that confirms `letters` (those now awaiting it): their recipients, and
   * the first of them as its recipient will read it.
   */
  private confirmation(
    input: WriteLettersInput,
    campaign: LetterCampaign,
    letters: ScoredLetter[],
    token: string,
  ) {
    return {
      fullName: input.fullName,
      campaignTitle: campaign.title,
      recipients: letters.map((letter) => describeTarget(letter.target)),
      subject: letters[0].subject,
      body: letters[0].body,
      link: `${this.config.publicUrl}/letters/confirm?token=${token}`,
      subscribing: input.emailOptIn,
      digest: letters.some((l) => inDigest(campaign, l.nearCopy)),
    };
  }

  /**
   * The open campaign behind a slug, as read in the last PUBLIC_READ_CACHE_MS (a crowd writing
   * reads it once, not once each); anything else is read each time. Whether it is still open is
   * read again in the writing's statement.
   */
  private openCampaign(slug: string): Promise<LetterCampaign> {
    return this.openCampaigns.get(slug, async () => {
      const campaign = await this.campaigns.bySlug(null, slug);
      if (campaign.status !== 'OPEN') {
        throw this.notOpen();
      }
      return campaign;
    });
  }

  /**
   * The near-copy check's sample for each target (see NEAR_COPY_SAMPLE), leaving out the writer's
   * own letter: each target's as read in the last PUBLIC_READ_CACHE_MS, so a crowd writing to the
   * same MSPs reads them once. A letter confirmed through this process joins it at once (`confirm`
   * forgets the sample), one confirmed through another within that time.
   */
  private async sample(
    campaignId: string,
    targetIds: string[],
    exceptEmailCanonical: string | null,
  ): Promise<Map<string, number[][]>> {
    // As `confirm` forgets them.
    const keyOf = (targetId: string) => `${campaignId}:${targetId}`;
    const found = new Map<string, SampledSignature[]>();
    const missing: string[] = [];
    for (const id of targetIds) {
      const kept = this.samples.fresh(keyOf(id));
      if (kept) {
        found.set(id, kept.value);
      } else {
        missing.push(id);
      }
    }
    if (missing.length > 0) {
      // One more than the sample, in case one is the writer's own.
      const read = await this.letters.recentSignatures(campaignId, missing, NEAR_COPY_SAMPLE + 1);
      for (const [targetId, signatures] of read) {
        this.samples.set(keyOf(targetId), signatures);
        found.set(targetId, signatures);
      }
    }
    return new Map(
      targetIds.map((id) => [
        id,
        (found.get(id) ?? [])
          .filter((s) => s.emailCanonical !== exceptEmailCanonical)
          .slice(0, NEAR_COPY_SAMPLE)
          .map((s) => s.minhash),
      ]),
    );
  }

  /**
   * Queues the letters behind a link, once: parallel confirmations race on the same rows and only
   * one claims them. Each letter becomes an outbox message from the campaign's address in the
   * supporter's name, paced per target; the supporter gets a copy.
   */
  async confirm(token: string): Promise<{ campaign: LetterCampaign; queued: number; statusKey: string }> {
    const statusKey = letterStatusKey(token);
    let confirmed: Letter[] = [];
    const result = await this.outbox.transaction(async (manager, mail) => {
      const claimed = await this.letters.claim(manager, hashToken(token), hashToken(statusKey));
      if (claimed.length === 0) {
        throw new InvalidLinkError({
          message: 'This link has expired or has already been used, or the campaign has closed.',
        });
      }
      const letters = await this.letters.withTargets(manager, claimed);
      confirmed = letters;
      const campaign = letters[0].campaign!;
      const queued: Letter[] = [];
      for (const letter of letters) {
        if (await this.queue(manager, mail, letter, campaign)) {
          queued.push(letter);
        }
      }
      const first = letters[0];
      if (queued.length > 0) {
        await mail.add(letterCopyTemplate, first.email, {
          fullName: first.fullName,
          campaignTitle: campaign.title,
          recipients: queued.map((l) => describeTarget(l.target!)),
          subject: queued[0].subject,
          body: queued[0].body,
          statusLink: `${this.config.publicUrl}/letters/status?key=${statusKey}`,
        });
      }
      if (first.emailOptIn) {
        await subscribeConfirmedPerson(
          manager,
          {
            email: first.email,
            fullName: first.fullName,
            postcode: first.postcode,
            branchId: campaign.branchId,
          },
          'letter',
        );
      }
      return { campaign, queued: queued.length, statusKey };
    });
    // The near-copy check's samples this process keeps for these recipients now miss these letters.
    for (const letter of confirmed) {
      this.samples.forget(`${letter.campaignId}:${letter.targetId}`);
    }
    return result;
  }

  /**
   * The letters of one confirmation, by the key its confirmation gave (NOT_FOUND for any other
   * value): each recipient and where their letter has got to. Nobody else's letters, and nothing
   * about the writer.
   */
  async deliveries(statusKey: string): Promise<LetterDeliveries> {
    const letters = statusKey ? await this.letters.byStatusKey(hashToken(statusKey)) : [];
    if (letters.length === 0) {
      throw new NotFoundError('Letter status');
    }
    const kindOrder = (t: Target): number =>
      t.kind === 'MSP_CONSTITUENCY' ? 0 : t.kind === 'MSP_REGIONAL' ? 1 : 2;
    return {
      campaign: letters[0].campaign!,
      letters: letters
        .map((l) => ({ target: l.target!, status: l.status, sentAt: l.sentAt }))
        .sort(
          (a, b) => kindOrder(a.target) - kindOrder(b.target) || a.target.name.localeCompare(b.target.name),
        ),
    };
  }

  /** The status key of a link that has already been used to confirm, or null. */
  async usedLinkStatusKey(token: string): Promise<string | null> {
    if (!token) {
      return null;
    }
    const statusKey = letterStatusKey(token);
    return (await this.letters.hasStatusKey(hashToken(statusKey))) ? statusKey : null;
  }

  /**
   * Queues a confirmed letter as an outbox message from the campaign's address in the supporter's
   * name, paced per target address; true if queued. A letter to an address marked bouncing or
   * blocked fails at once: one bad address never holds up the others, and the organisers see why
   * in the figures.
   */
  private async queue(
    manager: EntityManager,
    mail: Mailbag,
    letter: Letter,
    campaign: LetterCampaign,
  ): Promise<boolean> {
    const target = letter.target!;
    if (target.deliveryStatus === 'OK' && inDigest(campaign, letter.nearCopyScore)) {
      // Waits for the recipient's daily digest (LetterDigestsService), QUEUED until then.
      await this.letters.update(manager, letter.id, { inDigest: true });
      return true;
    }
    if (target.deliveryStatus !== 'OK') {
      await this.letters.update(manager, letter.id, {
        status: 'FAILED',
        failureReason: `The recipient’s address is marked ${target.deliveryStatus.toLowerCase()}.`,
      });
      return false;
    }
    const outboxId = await mail.add(
      letterTemplate,
      target.email,
      {
        subject: letter.subject,
        body: letter.body,
        fullName: letter.fullName,
        postcode: letter.postcode,
        campaignTitle: campaign.title,
      },
      {},
      [],
      {
        sender: { name: oneLine(letter.fullName), address: this.config.letters.from },
        replyTo: letter.email,
        // Paced per address: two targets sharing an inbox share its pace.
        pace: {
          key: `address:${target.email.toLowerCase()}`,
          ms: this.config.letters.perTargetIntervalMs,
        },
      },
    );
    await this.letters.update(manager, letter.id, { outboxMessageId: outboxId });
    return true;
  }

  /** The recipients for this supporter, with the letter each would receive. */
  private async render(
    campaign: LetterCampaign,
    subject: LetterTemplate,
    body: LetterTemplate,
    supporter: { fullName: string; postcode: string },
    claim?: WritingClaim,
  ): Promise<RenderedLetter[]> {
    const values: LetterValues = {
      'supporter.fullName': supporter.fullName,
      'supporter.firstName': supporter.fullName.trim().split(/\s+/)[0] ?? '',
      'supporter.postcode': supporter.postcode,
    };
    const campaignTemplates = [campaign.subjectTemplate, campaign.bodyTemplate].map(parseCampaignTemplate);
    const usesPlace = [subject, body, ...campaignTemplates]
      .flatMap((t) => [...t.placeholders])
      .some((p) => p === 'constituency.name' || p === 'region.name');
    let recipients: Target[];
    if (campaign.targeting === 'SELECTED_TARGETS') {
      recipients = (await this.campaigns.targetsOf(campaign.id)).filter((t) => t.active);
      if (usesPlace) {
        const { constituency } = await this.representatives(supporter.postcode, claim);
        values['constituency.name'] = constituency.name;
        values['region.name'] = constituency.region.name;
      }
    } else {
      const found = await this.representatives(supporter.postcode, claim);
      values['constituency.name'] = found.constituency.name;
      values['region.name'] = found.constituency.region.name;
      const kinds = MSP_KINDS[campaign.targeting];
      recipients = found.targets.filter((t) => kinds.includes(t.kind));
    }
    if (recipients.length === 0) {
      throw new NoRecipientsError();
    }
    return recipients.map((target) => {
      const forTarget: LetterValues = {
        ...values,
        'target.name': target.name,
        'target.title': target.title,
        'target.organisation': target.organisation,
      };
      return {
        target,
        subject: oneLine(subject.render(forTarget)),
        body: body.render(forTarget),
        values: forTarget,
      };
    });
  }

  /**
   * The supporter's subject and body for each recipient, how much of it is their own, and how
   * closely each letter copies the latest ones to the same recipient (other writers' only).
   */
  /** The postcode's MSPs; with `claim`, the writing's claim made in the same round trip (its `first` set). */
  private async representatives(postcode: string, claim?: WritingClaim): Promise<Representatives> {
    const found = await this.targets.representatives(postcode, claim);
    if (claim) {
      claim.first = found.first;
    }
    return found;
  }

  private async compose(
    campaign: LetterCampaign,
    written: { fullName: string; postcode: string; subject: string; body: string },
    emailCanonical: string | null,
    claim?: WritingClaim,
  ): Promise<Omit<WrittenLetters, 'campaign'>> {
    const subject = this.parseWritten(written.subject, 'subject');
    const body = this.parseWritten(written.body, 'body');
    const rendered = await this.render(campaign, subject, body, written, claim);
    const samples = await this.sample(
      campaign.id,
      rendered.map((l) => l.target.id),
      emailCanonical,
    );
    const signatures = minhashes(rendered.map((letter) => letter.body));
    const letters = rendered.map((letter, i) => {
      const signature = signatures[i];
      return {
        ...letter,
        minhash: signature,
        nearCopy: nearCopyScore(signature, samples.get(letter.target.id) ?? []),
      };
    });
    // Compared as rendered, so pasting the filled-in preview back is not "personalised".
    const asGiven = parseCampaignTemplate(campaign.bodyTemplate).render(letters[0].values);
    return {
      letters,
      nearCopy: Math.max(0, ...letters.map((l) => l.nearCopy)),
      personalisedShare: personalisedShare(asGiven, letters[0].body),
      unchanged: sameIgnoringWhitespace(asGiven, letters[0].body),
    };
  }

  private parseWritten(source: string, field: 'subject' | 'body'): LetterTemplate {
    try {
      return parseLetterTemplate(source);
    } catch (error) {
      if (error instanceof LetterTemplateError) {
        throw new WrittenTemplateError(field, error.message);
      }
      throw error;
    }
  }

  private notOpen(): LetterCampaignNotOpenError {
    return new LetterCampaignNotOpenError();
  }
}
