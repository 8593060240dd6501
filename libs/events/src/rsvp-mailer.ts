import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, generateToken, hashToken } from '@app/core';
import { Mailbag, MailAttachment, MailEnvelope, NewOutboxMessage, outboxRow } from '@app/mail';
import { calendarFor, whereText } from './calendar';
import { CampaignEvent } from './event.entity';
import {
  rsvpGoingTemplate,
  rsvpPromotedTemplate,
  rsvpRepeatTemplate,
  rsvpWaitlistedTemplate,
} from './event.templates';
import { londonTime } from './london-time';
import { Rsvp, RsvpStatus } from './rsvp.entity';
import { RsvpRepository } from './rsvp.repository';

const MOST_REPEAT_NOTICES = 3;
/** How long, and for how many events at once, an event's drawn invitation is kept. */
const INVITATION_KEPT_MS = 60_000;
const INVITATIONS_KEPT = 100;

/** A check-in code, the link that holds it, and the link as a QR image (drawn when sent) for the email. */
export interface CheckInCode {
  code: string;
  link: string;
  image: MailAttachment;
}

/**
 * The links a new reply's email carries, made before its row is written so the row is written with
 * their hashes (no second statement to put them there): the cancel link, and for someone going the
 * check-in code.
 */
export interface ReplyLinks {
  cancelToken: string;
  checkInCode: string | null;
}

/** Mail about a person's place, and the waitlist moving up. Used inside the caller's transaction. */
@Injectable()
export class RsvpMailer {
  private readonly invitations = new Map<string, { content: string; until: number }>();

  constructor(
    private readonly config: AppConfig,
    private readonly rsvpRows: RsvpRepository,
  ) {}

  /**
   * A fresh cancel link for the RSVP (only its hash is kept). With `keepEarlier` the link mailed
   * before for the same reply keeps working too (someone moved up from the waitlist may still use
   * the one in "you are on the waiting list").
   */
  async newCancelLink(manager: EntityManager, rsvp: Rsvp, keepEarlier = false): Promise<string> {
    const token = generateToken();
    await this.rsvpRows.replaceCancelToken(manager, rsvp.id, hashToken(token), keepEarlier);
    return this.cancelLink(token);
  }

  private cancelLink(token: string): string {
    return `${this.config.publicUrl}/rsvp/cancel?token=${encodeURIComponent(token)}`;
  }

  /** Links for a new reply's email (see ReplyLinks); its row is to be written with `linkHashes`. */
  newReplyLinks(status: RsvpStatus): ReplyLinks {
    return { cancelToken: generateToken(), checkInCode: status === 'GOING' ? generateToken() : null };
  }

  /** The hashes a reply's row keeps of the links made by `newReplyLinks`. */
  linkHashes(links: ReplyLinks): { cancelTokenHash: string; checkInCodeHash?: string } {
    return {
      cancelTokenHash: hashToken(links.cancelToken),
      ...(links.checkInCode ? { checkInCodeHash: hashToken(links.checkInCode) } : {}),
    };
  }

  /**
   * The reply's email (going, waiting, or moved up), to the address given with it. With `links`
   * (a reply just written with their hashes) it carries those; otherwise it makes new ones and
   * keeps their hashes on the reply.
   */
  async mailReply(
    manager: EntityManager,
    mail: Mailbag,
    event: CampaignEvent,
    rsvp: Rsvp,
    promoted = false,
    links?: ReplyLinks,
    capped = false,
  ): Promise<void> {
    const params = {
      ...this.describe(event, rsvp),
      cancelLink: links
        ? this.cancelLink(links.cancelToken)
        : await this.newCancelLink(manager, rsvp, promoted),
    };
    // Of no use once the event has started (a long SMTP outage): not sent after that.
    const envelope = this.envelope(event, capped);
    if (rsvp.status === 'WAITLISTED') {
      await mail.add(rsvpWaitlistedTemplate, rsvp.email, params, {}, [], envelope);
      return;
    }
    const checkIn = this.checkInCode(event.id, links?.checkInCode ?? undefined);
    if (!links?.checkInCode) {
      await this.rsvpRows.update(manager, rsvp.id, { checkInCodeHash: hashToken(checkIn.code) });
    }
    await mail.add(
      promoted ? rsvpPromotedTemplate : rsvpGoingTemplate,
      rsvp.email,
      { ...params, checkInLink: checkIn.link },
      {},
      [this.invitation(event), checkIn.image],
      envelope,
    );
  }

  /**
   * A new reply's email, both ways, for a statement that writes the one its answer calls for
   * (RsvpRepository.replyIfNew): going (with `links.checkInCode`) or on the waiting list. Counted
   * under the per-address mail cap (kind `rsvp`) when the relay queues it.
   */
  replyMails(
    event: CampaignEvent,
    person: { fullName: string; email: string },
    links: ReplyLinks & { checkInCode: string },
  ): { going: NewOutboxMessage; waitlisted: NewOutboxMessage } {
    const params = { ...this.describe(event, person), cancelLink: this.cancelLink(links.cancelToken) };
    const envelope = this.envelope(event, true);
    const checkIn = this.checkInCode(event.id, links.checkInCode);
    return {
      going: outboxRow(
        rsvpGoingTemplate,
        person.email,
        { ...params, checkInLink: checkIn.link },
        {},
        [this.invitation(event), checkIn.image],
        envelope,
      ),
      waitlisted: outboxRow(rsvpWaitlistedTemplate, person.email, params, {}, [], envelope),
    };
  }

  /**
   * How a reply's email is sent: never once the event has started (a long SMTP outage); `capped`,
   * for mail a person's own words sent, counted under the per-address mail cap (kind `rsvp`) when
   * the relay queues it, and given up past it.
   */
  private envelope(event: CampaignEvent, capped: boolean): MailEnvelope {
    return { expiresAt: event.startsAt, ...(capped ? { mailCapKind: 'rsvp' } : {}) };
  }

  /**
   * A new check-in code for an RSVP to the event: the link it opens and that link as a QR code
   * (PNG, shown inside the email's HTML). The link opens the event's check-in screen with the code
   * after `#`, so the code never reaches a server log; only its hash is kept (by `mailReply`, which
   * replaces any code mailed before). Only an organiser of the event's branch, signed in, can check
   * someone in with it.
   */
  private checkInCode(eventId: string, code = generateToken()): CheckInCode {
    const link = `${this.config.publicUrl}/organise/events/${eventId}/check-in#code=${encodeURIComponent(code)}`;
    return {
      code,
      link,
      // The worker draws the PNG as it sends the mail: nothing of it under the event's lock.
      image: {
        filename: 'check-in-code.png',
        contentType: 'image/png',
        content: link,
        drawAs: 'qr-code',
        cid: 'check-in-code',
      },
    };
  }

  /**
   * Someone replied again with an address that has a reply already: the public answer said nothing
   * about it, so the address's owner is told here where they stand (at most three times per reply,
   * so nobody can flood an inbox by replying with someone's address).
   */
  async mailRepeat(manager: EntityManager, mail: Mailbag, event: CampaignEvent, rsvp: Rsvp): Promise<void> {
    if (!(await this.rsvpRows.countRepeatNotice(manager, rsvp.id, MOST_REPEAT_NOTICES))) {
      return;
    }
    await mail.add(
      rsvpRepeatTemplate,
      rsvp.email,
      {
        ...this.describe(event, rsvp),
        going: rsvp.status === 'GOING',
        // The link mailed with the first reply keeps working too.
        cancelLink: await this.newCancelLink(manager, rsvp, true),
      },
      {},
      [],
      // Counted under the per-address mail cap when the relay queues it (see `envelope`).
      { mailCapKind: 'rsvp' },
    );
  }

  /**
   * Moves people up from the waitlist, first come first served, while there are places; each is
   * emailed. The caller holds the event's row lock.
   */
  async promoteWaitlisted(manager: EntityManager, mail: Mailbag, event: CampaignEvent): Promise<number> {
    if (event.status !== 'PUBLISHED' && event.status !== 'DRAFT') {
      return 0;
    }
    const going = await this.rsvpRows.countGoing(manager, event.id);
    const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - going;
    if (free <= 0) {
      return 0;
    }
    const next = await this.rsvpRows.firstWaiting(manager, event.id, Math.min(free, 1000));
    for (const rsvp of next) {
      rsvp.status = 'GOING';
      await this.rsvpRows.update(manager, rsvp.id, { status: 'GOING' });
      await this.mailReply(manager, mail, event, rsvp, true);
    }
    return next.length;
  }

  invitation(event: CampaignEvent): MailAttachment {
    return {
      filename: 'invite.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: this.invitationFile(event),
    };
  }

  /**
   * The event's iCalendar file, drawn once a minute at most for as long as the event reads the same
   * (a crowd replying gets one file drawn, not one each): keyed by everything `calendarFor` shows.
   */
  private invitationFile(event: CampaignEvent): string {
    const key = JSON.stringify([
      event.id,
      event.title,
      event.description,
      event.startsAt,
      event.endsAt,
      whereText(event),
      event.status,
      event.updatedAt,
    ]);
    const now = Date.now();
    const drawn = this.invitations.get(key);
    if (drawn && drawn.until > now) {
      return drawn.content;
    }
    if (this.invitations.size >= INVITATIONS_KEPT) {
      this.invitations.clear();
    }
    const content = calendarFor([event], event.title, this.config.publicUrl);
    this.invitations.set(key, { content, until: now + INVITATION_KEPT_MS });
    return content;
  }

  /** The event as mail describes it, greeting the person by the name given with their reply. */
  describe(
    event: CampaignEvent,
    person: { fullName: string },
  ): { fullName: string; title: string; when: string; where: string } {
    return {
      fullName: person.fullName,
      title: event.title,
      when: londonTime(event.startsAt),
      where: whereText(event),
    };
  }
}
