import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AppConfig,
  canonicalEmail,
  generateToken,
  hashToken,
  InvalidLinkError,
  repeatKey,
  NotFoundError,
  withResponseFloor,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import {
  AddressErasedError,
  BranchRecordsService,
  consentWording,
  EMAIL_CONSENT,
  SuppressionRepository,
} from '@app/members';
import { CertificateRepository } from './certificate.repository';
import { CheckInKeyRepository } from './check-in-key.repository';
import { RsvpInput } from './dto/event.input';
import { CampaignEvent } from './event.entity';
import { certificateFor } from './event-rules';
import { EventRepository } from './event.repository';
import { EventsService } from './events.service';
import {
  CheckInKeyReusedError,
  EventCancelledError,
  EventFullError,
  EventNotPublishedError,
  RsvpCancelledError,
  RsvpClosedError,
} from './events.errors';
import { Rsvp, RsvpStatus } from './rsvp.entity';
import { ReplyLinks, RsvpMailer } from './rsvp-mailer';
import { ReplyFields, RsvpRepository } from './rsvp.repository';

/**
 * Replies, the waitlist, check-in (with its certificate) and walk-ins. Every change to who is going happens with the
 * event's row locked, so capacity holds whatever the concurrency.
 */
@Injectable()
export class RsvpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventRows: EventRepository,
    private readonly rsvpRows: RsvpRepository,
    private readonly certificateRows: CertificateRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly outbox: OutboxService,
    private readonly mailer: RsvpMailer,
    private readonly events: EventsService,
    private readonly records: BranchRecordsService,
    private readonly config: AppConfig,
    private readonly checkInKeys: CheckInKeyRepository,
  ) {}

  /**
   * GOING while there are places, else WAITLISTED. The answer (and its timing) is what anyone new
   * would get now, whatever is already recorded for the address, so it never tells whether someone
   * attends: a repeat reply changes nothing, and its owner is told their place by email (at most
   * three times). The reply is kept with what was given, on the event's branch's record of the
   * person (never another branch's: see BranchRecordsService). An identical reply within
   * REPEAT_WINDOW_SECONDS (a double-click, ten at once) gets the same answer and sends nothing,
   * unless the reply was cancelled meanwhile.
   */
  async rsvp(input: RsvpInput): Promise<RsvpStatus> {
    return withResponseFloor(this.config.publicResponseFloorMs, async () => {
      const request = {
        key: repeatKey('rsvp', { ...input, email: input.email.trim().toLowerCase() }),
        // REPEAT_WINDOW_SECONDS=0: every request counts on its own.
        windowMs: this.config.repeatWindowMs,
      };
      const event = await this.publishedEvent(input.eventId);
      const answer = event ? await this.replyInOneStatement(event, input, request) : null;
      return answer ?? this.replyInFull(input, request);
    });
  }

  /**
   * The common case of `rsvp` in one statement (RsvpRepository.replyIfNew): a new reply from an
   * address with no reply to the event. Its links and both possible emails are made first, since
   * the answer is known only in the statement. Null: nothing was written, and the full path decides.
   */
  private async replyInOneStatement(
    event: CampaignEvent,
    input: RsvpInput,
    request: { key: string; windowMs: number },
  ): Promise<RsvpStatus | null> {
    const email = input.email.trim();
    const links = { cancelToken: generateToken(), checkInCode: generateToken() };
    const found = await this.rsvpRows.replyIfNew(
      request,
      {
        eventId: event.id,
        eventUpdatedAt: event.updatedAt,
        fullName: input.fullName,
        email,
        emailCanonical: canonicalEmail(input.email),
        postcode: input.postcode ?? null,
        emailOptIn: input.emailOptIn,
        consent: { wording: consentWording(input.emailOptIn), version: EMAIL_CONSENT.version },
        cancelTokenHash: hashToken(links.cancelToken),
        checkInCodeHash: hashToken(links.checkInCode),
      },
      this.mailer.replyMails(event, { fullName: input.fullName, email }, links),
    );
    switch (found.outcome) {
      case 'added':
      case 'repeat':
        return found.status;
      case 'gone':
        this.events.forget(event.id);
        throw new NotFoundError('Event');
      case 'closed':
        this.events.forget(event.id);
        throw new RsvpClosedError();
      case 'changed':
        this.events.forget(event.id);
        return null;
      case 'slow':
        return null;
    }
  }

  /** The event as read in the last PUBLIC_READ_CACHE_MS, if it was published then (see `rsvp`). */
  private async publishedEvent(id: string): Promise<CampaignEvent | null> {
    const event = await this.events.recentlyRead(id);
    return event?.status === 'PUBLISHED' ? event : null;
  }

  /** `rsvp` with every case: the event locked while the rest is decided and written. */
  private replyInFull(input: RsvpInput, request: { key: string; windowMs: number }): Promise<RsvpStatus> {
    return this.outbox.transaction(async (manager, mail) => {
      // The repeat guard's claim and the event's lock in one statement.
      const locked = await this.eventRows.lockClaiming(manager, input.eventId, request);
      if (!locked) {
        throw new NotFoundError('Event');
      }
      const { event } = locked;
      const first = request.windowMs <= 0 || locked.first;
      if (event.status !== 'PUBLISHED') {
        throw event.status === 'CANCELLED' ? new RsvpClosedError() : new NotFoundError('Event');
      }
      if (Date.now() >= (event.rsvpClosesAt ?? event.startsAt).getTime()) {
        throw new RsvpClosedError();
      }
      const answer: RsvpStatus = (await this.hasPlace(manager, event)) ? 'GOING' : 'WAITLISTED';
      const existing = await this.replyFrom(manager, event.id, input.email);
      if (!first && existing?.status !== 'CANCELLED') {
        // A repeat of a reply just made: nothing new to record or send. (A reply cancelled by its
        // link since then is a new reply, even in the same words.)
        return answer;
      }
      // The per-address mail cap counts these emails when the relay queues them; past it they are
      // given up unsent, with the links in them, and the reply stands.
      if (existing && existing.status !== 'CANCELLED') {
        await this.mailer.mailRepeat(manager, mail, event, existing);
        return answer;
      }
      // The email's links are made first, so the reply is written with them in one statement.
      const links = this.mailer.newReplyLinks(answer);
      const rsvp = await this.reply(manager, mail, event, input, existing, answer, false, null, links);
      await this.mailer.mailReply(manager, mail, event, rsvp, false, links, true);
      return answer;
    });
  }

  /** Frees the place behind a cancel link; the first person waiting gets it and is emailed. */
  async cancel(token: string): Promise<void> {
    // The newest link, or one mailed earlier for the same reply.
    const found = await this.rsvpRows.findByCancelToken(hashToken(token));
    if (!found) {
      throw new InvalidLinkError({ message: 'This link is not valid any more.' });
    }
    await this.outbox.transaction(async (manager, mail) => {
      const event = await this.lockEvent(manager, found.eventId);
      const rsvp = await this.rsvpRows.getById(manager, found.id);
      if (rsvp.status === 'CANCELLED') {
        return;
      }
      await this.rsvpRows.update(manager, rsvp.id, { status: 'CANCELLED' });
      if (rsvp.status === 'GOING') {
        await this.mailer.promoteWaitlisted(manager, mail, event);
      }
    });
  }

  /**
   * Checks the person in (once, however often it is asked). With an idempotency key, a request sent
   * again (a retry, a phone replaying its offline queue) is the same check-in and gets the same answer.
   */
  async checkIn(actor: Actor, rsvpId: string, idempotencyKey?: string | null): Promise<Rsvp> {
    const rsvp = await this.rsvpRows.findById(rsvpId);
    if (!rsvp) {
      throw new NotFoundError('RSVP');
    }
    return this.checkInRsvp(actor, rsvp, idempotencyKey ?? null);
  }

  /**
   * The code from the QR in the RSVP email, scanned at the door by an organiser of the event's
   * branch (anyone else: NOT_FOUND, nothing changes). A code that is not this event's, or was
   * replaced, is the one invalid-link error.
   */
  async checkInByCode(
    actor: Actor,
    eventId: string,
    code: string,
    idempotencyKey?: string | null,
  ): Promise<Rsvp> {
    await this.events.getManaged(actor, eventId);
    const rsvp = await this.rsvpRows.findByCheckInCode(eventId, hashToken(code));
    if (!rsvp) {
      throw new InvalidLinkError({ message: 'This check-in code is not valid for this event.' });
    }
    return this.checkInRsvp(actor, rsvp, idempotencyKey ?? null);
  }

  /** The reply given with this address (in canonical form, so `a.b@gmail.com` finds `ab@gmail.com`). */
  async checkInByEmail(actor: Actor, eventId: string, email: string): Promise<Rsvp> {
    await this.events.getManaged(actor, eventId);
    const rsvp = await this.rsvpRows.findByAddress(eventId, canonicalEmail(email));
    if (!rsvp) {
      throw new NotFoundError('RSVP');
    }
    return this.checkInRsvp(actor, rsvp, null);
  }

  /**
   * Someone who turns up without replying: the RSVP and the check-in at once, if there is a place
   * (capacity holds at the door too). Addresses erased at their owner's request are refused. As for
   * a reply, what was given is kept and shown, on the branch's own record of the person: an address
   * the campaign knows elsewhere gets a provisional record (and so its certificate), never theirs.
   */
  async walkIn(actor: Actor, input: RsvpInput, idempotencyKey?: string | null): Promise<Rsvp> {
    // The same time whichever kind of record the address has (see `rsvp`).
    const rsvpId = await withResponseFloor(this.config.publicResponseFloorMs, () =>
      this.registerAtDoor(actor, input, idempotencyKey ?? null),
    );
    return this.checkIn(actor, rsvpId);
  }

  /** The RSVP made (or found) at the door; a key already used answers with the RSVP it made. */
  private registerAtDoor(actor: Actor, input: RsvpInput, idempotencyKey: string | null): Promise<string> {
    return this.outbox.transaction(async (manager, mail) => {
      const event = await this.lockEvent(manager, input.eventId);
      if (!actor.canManageBranch(event.branchId)) {
        throw new NotFoundError('Event');
      }
      const done = await this.alreadyDone(manager, event, idempotencyKey);
      if (done) {
        return done;
      }
      const rsvpId = await this.addAtDoor(manager, mail, actor, event, input);
      if (idempotencyKey) {
        await this.checkInKeys.record(manager, idempotencyKey, event.id, rsvpId);
      }
      return rsvpId;
    });
  }

  private async addAtDoor(
    manager: EntityManager,
    mail: Mailbag,
    actor: Actor,
    event: CampaignEvent,
    input: RsvpInput,
  ): Promise<string> {
    if (event.status === 'CANCELLED') {
      throw new EventCancelledError('This event is cancelled.');
    }
    if (await this.suppressions.isSuppressed(input.email, manager)) {
      throw new AddressErasedError();
    }
    const existing = await this.replyFrom(manager, event.id, input.email);
    if (existing?.status === 'GOING') {
      return existing.id;
    }
    if (!(await this.hasPlace(manager, event))) {
      throw new EventFullError();
    }
    if (existing?.status === 'WAITLISTED') {
      await this.rsvpRows.update(manager, existing.id, { status: 'GOING' });
      return existing.id;
    }
    const rsvp = await this.reply(manager, mail, event, input, existing, 'GOING', true, actor.memberId);
    return rsvp.id;
  }

  /**
   * The RSVP a check-in with this key already answered, or null. The caller holds the event's lock,
   * so parallel requests with one key take turns and the later ones find the first's row.
   */
  private async alreadyDone(
    manager: EntityManager,
    event: CampaignEvent,
    idempotencyKey: string | null,
  ): Promise<string | null> {
    if (!idempotencyKey) {
      return null;
    }
    const done = await this.checkInKeys.find(manager, idempotencyKey);
    if (done && done.eventId !== event.id) {
      throw new CheckInKeyReusedError();
    }
    return done?.rsvpId ?? null;
  }

  private async checkInRsvp(actor: Actor, found: Rsvp, idempotencyKey: string | null): Promise<Rsvp> {
    return this.dataSource.transaction(async (manager) => {
      const event = await this.lockEvent(manager, found.eventId);
      if (!actor.canManageBranch(event.branchId)) {
        throw new NotFoundError('RSVP');
      }
      const done = await this.alreadyDone(manager, event, idempotencyKey);
      if (done) {
        return this.rsvpRows.getWithMember(manager, done);
      }
      if (event.status !== 'PUBLISHED') {
        throw new EventNotPublishedError();
      }
      const rsvp = await this.rsvpRows.getById(manager, found.id);
      if (rsvp.status === 'CANCELLED') {
        throw new RsvpCancelledError();
      }
      if (rsvp.status === 'WAITLISTED') {
        // Someone from the waiting list at the door takes a place only if there is one.
        if (!(await this.hasPlace(manager, event))) {
          throw new EventFullError();
        }
        rsvp.status = 'GOING';
        await this.rsvpRows.update(manager, rsvp.id, { status: 'GOING' });
      }
      if (!rsvp.checkedInAt) {
        rsvp.checkedInAt = new Date();
        await this.rsvpRows.update(manager, rsvp.id, { checkedInAt: rsvp.checkedInAt });
      }
      const certificate = certificateFor(event, rsvp.memberId);
      if (certificate) {
        await this.certificateRows.issueOnce(manager, certificate);
      }
      if (idempotencyKey) {
        await this.checkInKeys.record(manager, idempotencyKey, event.id, rsvp.id);
      }
      return this.rsvpRows.getWithMember(manager, rsvp.id);
    });
  }

  /** The reply to the event from this address, compared in canonical form. The caller holds the event's lock. */
  private replyFrom(manager: EntityManager, eventId: string, email: string): Promise<Rsvp | null> {
    return this.rsvpRows.findByAddress(eventId, canonicalEmail(email), manager);
  }

  /**
   * Records a reply (a new one, or one cancelled before) with what was given, and the hashes of the
   * links its email will carry (`links`), if it gets one. A new reply goes on
   * the event's branch's record of the person, which is made if need be (BranchRecordsService).
   */
  private async reply(
    manager: EntityManager,
    mail: Mailbag,
    event: CampaignEvent,
    input: RsvpInput,
    existing: Rsvp | null,
    status: RsvpStatus,
    walkIn: boolean,
    recordedById: string | null,
    links: ReplyLinks | null = null,
  ): Promise<Rsvp> {
    // Queued by the database's clock (RsvpRepository), whichever api replica took the reply.
    const fields: ReplyFields = {
      status,
      walkIn,
      // With no email to carry a link, one nobody knows.
      ...(links ? this.mailer.linkHashes(links) : { cancelTokenHash: hashToken(generateToken()) }),
      fullName: input.fullName,
      email: input.email.trim(),
      emailCanonical: canonicalEmail(input.email),
      // A new reply: links mailed for an earlier, cancelled one stay dead.
      earlierCancelTokenHashes: [],
    };
    if (existing) {
      return this.rsvpRows.rewrite(manager, existing.id, fields);
    }
    const { member } = await this.records.findOrAdd(
      manager,
      mail,
      {
        email: input.email,
        fullName: input.fullName,
        postcode: input.postcode ?? null,
        emailOptIn: input.emailOptIn,
      },
      event.branchId,
      { source: 'rsvp', recordedById, origin: { kind: 'replied', what: event.title } },
    );
    return this.rsvpRows.insert(manager, event.id, member.id, fields);
  }

  private async hasPlace(manager: EntityManager, event: CampaignEvent): Promise<boolean> {
    if (event.capacity === null) {
      return true;
    }
    return (await this.rsvpRows.countGoing(manager, event.id)) < event.capacity;
  }

  private async lockEvent(manager: EntityManager, eventId: string): Promise<CampaignEvent> {
    const event = await this.eventRows.lock(manager, eventId);
    if (!event) {
      throw new NotFoundError('Event');
    }
    return event;
  }
}
