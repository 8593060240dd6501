import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import {
  Actor,
  AddressMailCap,
  AppConfig,
  BadUserInputError,
  canonicalEmail,
  generateToken,
  hashToken,
  InvalidLinkError,
  isFirstRequest,
  nameProblem,
  normalisePostcode,
  NotFoundError,
  oneLine,
  withResponseFloor,
} from '@app/core';
import { OutboxService } from '@app/mail';
import { subscribeConfirmedPerson } from '@app/members';
import { Target, TargetKind, TargetsService } from '@app/targets';
import { WriteLettersInput } from './dto/letter-campaign.input';
import { LetterCampaign, Targeting } from './letter-campaign.entity';
import { LetterCampaignsService } from './letter-campaigns.service';
import {
  LetterTemplate,
  LetterTemplateError,
  LetterValues,
  parseLetterTemplate,
  personalisedShare,
  sameIgnoringWhitespace,
} from './letter-template';
import { Letter, LetterStatus } from './letter.entity';
import {
  alreadyWrittenTemplate,
  confirmLettersTemplate,
  letterCopyTemplate,
  letterTemplate,
} from './letter.templates';

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

/** What a supporter has written so far, before sending: the page's preview of it. */
export interface WrittenLetters {
  campaign: LetterCampaign;
  letters: RenderedLetter[];
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

/** How a target is named in lists for the supporter: "Ann Smith MSP (Scottish Parliament)". */
const describeTarget = (t: Target): string =>
  [t.name, t.title].filter(Boolean).join(', ') + (t.organisation ? ` (${t.organisation})` : '');

/**
 * Writing to targets: preview, write (awaiting the supporter's confirmation by email), confirm
 * (queued through the outbox, paced per target), and the outcome of each delivery.
 */
@Injectable()
export class LettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: LetterCampaignsService,
    private readonly targets: TargetsService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly mailCap: AddressMailCap,
  ) {}

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
      throw new BadUserInputError('That is not a UK postcode.', [
        { field: 'postcode', message: 'is not a UK postcode' },
      ]);
    }
    return this.render(
      campaign,
      parseLetterTemplate(campaign.subjectTemplate),
      parseLetterTemplate(campaign.bodyTemplate),
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
      throw new BadUserInputError('That is not a UK postcode.', [
        { field: 'postcode', message: 'is not a UK postcode' },
      ]);
    }
    return { campaign, ...(await this.compose(campaign, { ...written, postcode })) };
  }

  /**
   * One letter per target, awaiting confirmation, and one email to the supporter. The answer and its
   * timing are the same whether or not the address has written before; writing again never makes a
   * second letter to the same target.
   */
  async write(input: WriteLettersInput): Promise<void> {
    const problem = nameProblem(input.fullName);
    if (problem) {
      throw new BadUserInputError(`Your name ${problem}.`, [{ field: 'fullName', message: problem }]);
    }
    const campaign = await this.campaigns.bySlug(null, input.campaignSlug);
    if (campaign.status !== 'OPEN') {
      throw this.notOpen();
    }
    const { letters, personalisedShare: share, unchanged } = await this.compose(campaign, input);
    if (campaign.requirePersonalisation && unchanged) {
      throw new BadUserInputError(
        'This campaign asks you to put the letter in your own words: please change or add to the text before sending.',
        [{ field: 'body', message: 'is the campaign’s text unchanged' }],
      );
    }
    const emailCanonical = canonicalEmail(input.email);

    await withResponseFloor(this.config.publicResponseFloorMs, () =>
      this.outbox.transaction(async (manager, mail) => {
        // A double-click (or ten at once) writes and mails once.
        const request = { ...input, email: input.email.trim().toLowerCase() };
        if (!(await isFirstRequest(manager, this.config.repeatWindowMs, 'write-letters', request))) {
          return;
        }
        // One writing at a time per person and campaign.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `letters:${campaign.id}:${emailCanonical}`,
        ]);
        // Past the per-address mail cap a write changes nothing and mails nothing: letters waiting
        // for confirmation keep their words and the link already sent.
        if (!(await this.mailCap.allows('letters', input.email))) {
          return;
        }
        const token = generateToken();
        const awaiting: Target[] = [];
        for (const letter of letters) {
          // New, or replacing the words of a letter not yet confirmed; a confirmed letter stands. The
          // links mailed before stay good while the words are the same; new words drop them (a
          // link sends only the words its email showed).
          const [row] = await manager.query<Array<{ id: string }>>(
            `INSERT INTO letter (campaign_id, target_id, full_name, email, email_canonical, postcode,
                                 subject, body, personalised_share, email_opt_in, confirm_token_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (campaign_id, target_id, email_canonical) DO UPDATE SET
               full_name = EXCLUDED.full_name, email = EXCLUDED.email, postcode = EXCLUDED.postcode,
               subject = EXCLUDED.subject, body = EXCLUDED.body,
               personalised_share = EXCLUDED.personalised_share, email_opt_in = EXCLUDED.email_opt_in,
               confirm_token_hash = EXCLUDED.confirm_token_hash,
               earlier_token_hashes = CASE
                 WHEN (letter.full_name, letter.postcode, letter.subject, letter.body,
                       letter.email_opt_in, letter.confirm_token_hash IS NOT NULL)
                      IS NOT DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.postcode, EXCLUDED.subject,
                       EXCLUDED.body, EXCLUDED.email_opt_in, true)
                 THEN letter.earlier_token_hashes || letter.confirm_token_hash
                 ELSE '{}' END
             WHERE letter.status = 'AWAITING_CONFIRMATION'
             RETURNING id`,
            [
              campaign.id,
              letter.target.id,
              input.fullName,
              input.email,
              emailCanonical,
              input.postcode,
              letter.subject,
              letter.body,
              share,
              input.emailOptIn,
              hashToken(token),
            ],
          );
          if (row) {
            awaiting.push(letter.target);
          }
        }
        if (awaiting.length > 0) {
          await mail.add(confirmLettersTemplate, input.email, {
            fullName: input.fullName,
            campaignTitle: campaign.title,
            recipients: awaiting.map(describeTarget),
            subject: letters[0].subject,
            body: letters[0].body,
            link: `${this.config.publicUrl}/letters/confirm?token=${token}`,
            subscribing: input.emailOptIn,
          });
          return;
        }
        // Everything was already confirmed: say so, a few times at most.
        const counted = await manager.query<[unknown[], number]>(
          `UPDATE letter SET repeat_mails = repeat_mails + 1
           WHERE campaign_id = $1 AND email_canonical = $2 AND repeat_mails < $3`,
          [campaign.id, emailCanonical, ALREADY_WRITTEN_MAILS],
        );
        if (counted[1] > 0) {
          await mail.add(alreadyWrittenTemplate, input.email, {
            fullName: input.fullName,
            campaignTitle: campaign.title,
          });
        }
      }),
    );
  }

  /**
   * Queues the letters behind a link, once: parallel confirmations race on the same rows and only
   * one claims them. Each letter becomes an outbox message from the campaign's address in the
   * supporter's name, paced per target; the supporter gets a copy.
   */
  async confirm(token: string): Promise<{ campaign: LetterCampaign; queued: number; statusKey: string }> {
    const statusKey = letterStatusKey(token);
    return this.outbox.transaction(async (manager, mail) => {
      const [claimed] = await manager.query<[Array<{ id: string }>, number]>(
        `UPDATE letter SET status = 'QUEUED', queued_at = now(), confirm_token_hash = NULL,
           earlier_token_hashes = '{}', status_key_hash = $2
         WHERE (confirm_token_hash = $1 OR earlier_token_hashes @> ARRAY[$1::text])
           AND status = 'AWAITING_CONFIRMATION'
           AND campaign_id IN (SELECT id FROM letter_campaign WHERE status = 'OPEN')
         RETURNING id`,
        [hashToken(token), hashToken(statusKey)],
      );
      if (claimed.length === 0) {
        throw new InvalidLinkError({
          message: 'This link has expired or has already been used, or the campaign has closed.',
        });
      }
      const letters = await manager.find(Letter, {
        where: { id: In(claimed.map((c) => c.id)) },
        relations: { target: true, campaign: true },
        order: { createdAt: 'ASC' },
      });
      const campaign = letters[0].campaign!;
      const queued: Letter[] = [];
      for (const letter of letters) {
        const target = letter.target!;
        if (target.deliveryStatus !== 'OK') {
          // One bad address never holds up the others; the organisers see why in the figures.
          await manager.update(Letter, letter.id, {
            status: 'FAILED',
            failureReason: `The recipient’s address is marked ${target.deliveryStatus.toLowerCase()}.`,
          });
          continue;
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
        await manager.update(Letter, letter.id, { outboxMessageId: outboxId });
        queued.push(letter);
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
  }

  /**
   * The letters of one confirmation, by the key its confirmation gave (NOT_FOUND for any other
   * value): each recipient and where their letter has got to. Nobody else's letters, and nothing
   * about the writer.
   */
  async deliveries(statusKey: string): Promise<LetterDeliveries> {
    const letters = statusKey
      ? await this.dataSource.getRepository(Letter).find({
          where: { statusKeyHash: hashToken(statusKey) },
          relations: { target: true, campaign: true },
        })
      : [];
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
    const found = await this.dataSource
      .getRepository(Letter)
      .existsBy({ statusKeyHash: hashToken(statusKey) });
    return found ? statusKey : null;
  }

  /** The recipients for this supporter, with the letter each would receive. */
  private async render(
    campaign: LetterCampaign,
    subject: LetterTemplate,
    body: LetterTemplate,
    supporter: { fullName: string; postcode: string },
  ): Promise<RenderedLetter[]> {
    const values: LetterValues = {
      'supporter.fullName': supporter.fullName,
      'supporter.firstName': supporter.fullName.trim().split(/\s+/)[0] ?? '',
      'supporter.postcode': supporter.postcode,
    };
    const campaignTemplates = [campaign.subjectTemplate, campaign.bodyTemplate].map(parseLetterTemplate);
    const usesPlace = [subject, body, ...campaignTemplates]
      .flatMap((t) => [...t.placeholders])
      .some((p) => p === 'constituency.name' || p === 'region.name');
    let recipients: Target[];
    if (campaign.targeting === 'SELECTED_TARGETS') {
      recipients = (await this.campaigns.targetsOf(this.dataSource.manager, campaign.id)).filter(
        (t) => t.active,
      );
      if (usesPlace) {
        const { constituency } = await this.targets.representatives(supporter.postcode);
        values['constituency.name'] = constituency.name;
        values['region.name'] = constituency.region.name;
      }
    } else {
      const found = await this.targets.representatives(supporter.postcode);
      values['constituency.name'] = found.constituency.name;
      values['region.name'] = found.constituency.region.name;
      const kinds = MSP_KINDS[campaign.targeting];
      recipients = found.targets.filter((t) => kinds.includes(t.kind));
    }
    if (recipients.length === 0) {
      throw new BadUserInputError('There is no one to write to for that postcode yet.', [
        { field: 'postcode', message: 'has no recipients for this campaign' },
      ]);
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

  /** The supporter's subject and body for each recipient, and how much of it is their own. */
  private async compose(
    campaign: LetterCampaign,
    written: { fullName: string; postcode: string; subject: string; body: string },
  ): Promise<Omit<WrittenLetters, 'campaign'>> {
    const subject = this.parseWritten(written.subject, 'subject');
    const body = this.parseWritten(written.body, 'body');
    const letters = await this.render(campaign, subject, body, written);
    // Compared as rendered, so pasting the filled-in preview back is not "personalised".
    const asGiven = parseLetterTemplate(campaign.bodyTemplate).render(letters[0].values);
    return {
      letters,
      personalisedShare: personalisedShare(asGiven, letters[0].body),
      unchanged: sameIgnoringWhitespace(asGiven, letters[0].body),
    };
  }

  private parseWritten(source: string, field: 'subject' | 'body'): LetterTemplate {
    try {
      return parseLetterTemplate(source);
    } catch (error) {
      if (error instanceof LetterTemplateError) {
        throw new BadUserInputError(`Your ${field} ${error.message}.`, [{ field, message: error.message }]);
      }
      throw error;
    }
  }

  private notOpen(): BadUserInputError {
    return new BadUserInputError('This letter campaign is not open.', [
      { field: 'campaignSlug', message: 'is not open' },
    ]);
  }
}
